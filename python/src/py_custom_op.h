// SPDX-License-Identifier: Apache-2.0
// A Python callable as the kernel of a CUSTOM op, for prototyping:
//
//   xlite.Interpreter(model_path=..., custom_ops={"Atan": np.arctan})
//
// invoke: fn(*inputs) with the inputs as numpy arrays; it returns an array
// (one output) or a tuple of arrays, each with the output's dtype and
// shape, which are the model's declared ones unless the callable has a
// `prepare(shapes, dtypes)` attribute returning [(shape, dtype), ...] per
// output. Exceptions and mismatches become the op's error message.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "xlite/xlite_custom_op.h"

namespace xlite_py {

namespace py = pybind11;

// numpy's name for an XliteType (numbered as TfLiteType); "" when numpy has
// none.
inline const char* numpy_type_name(XliteType t) {
  switch (t) {
    case kXliteFloat32: return "float32";
    case kXliteFloat16: return "float16";
    case kXliteFloat64: return "float64";
    case kXliteInt8: return "int8";
    case kXliteUInt8: return "uint8";
    case kXliteInt16: return "int16";
    case kXliteUInt16: return "uint16";
    case kXliteInt32: return "int32";
    case kXliteUInt32: return "uint32";
    case kXliteInt64: return "int64";
    case kXliteUInt64: return "uint64";
    case kXliteBool: return "bool";
    case kXliteComplex64: return "complex64";
    case kXliteComplex128: return "complex128";
    default: return "";
  }
}

inline XliteType xlite_type_of(const py::dtype& d) {
  for (int t = 0; t <= kXliteBFloat16; ++t) {
    const char* name = numpy_type_name(static_cast<XliteType>(t));
    if (*name && d.is(py::dtype(name))) return static_cast<XliteType>(t);
  }
  return kXliteNoType;
}

// Owned by the Python-side Core; outlives every interpreter using it.
struct PyKernel {
  std::string name;
  py::object fn;
};

namespace detail {

inline XliteStatus fail(XliteOpContext* ctx, const std::string& message) {
  xlite_op_report_error(ctx, ("custom op '" + std::string(xlite_op_name(ctx)) + "' (Python): " + message).c_str());
  return kXliteError;
}

inline std::vector<py::ssize_t> dims_of(const int32_t* dims, int rank) {
  return std::vector<py::ssize_t>(dims, dims + rank);
}

inline XliteStatus prepare(XliteOpContext* ctx, void*) {
  auto* k = static_cast<PyKernel*>(xlite_op_user_data(ctx));
  py::gil_scoped_acquire gil;
  try {
    if (!py::hasattr(k->fn, "prepare")) return kXliteOk;  // the model's declared outputs
    py::list shapes, dtypes;
    for (int i = 0; i < xlite_op_num_inputs(ctx); ++i) {
      shapes.append(py::tuple(py::cast(dims_of(xlite_op_input_dims(ctx, i), xlite_op_input_rank(ctx, i)))));
      dtypes.append(py::dtype(numpy_type_name(xlite_op_input_type(ctx, i))));
    }
    py::list specs = k->fn.attr("prepare")(shapes, dtypes);
    if (static_cast<int>(specs.size()) != xlite_op_num_outputs(ctx))
      return fail(ctx, "prepare() returned " + std::to_string(specs.size()) + " outputs, the op has " +
                           std::to_string(xlite_op_num_outputs(ctx)));
    for (int i = 0; i < static_cast<int>(specs.size()); ++i) {
      py::tuple spec = specs[i];
      std::vector<int32_t> shape = spec[0].cast<std::vector<int32_t>>();
      const XliteType t = xlite_type_of(py::dtype::from_args(spec[1]));
      if (t == kXliteNoType) return fail(ctx, "prepare(): output " + std::to_string(i) + " has an unsupported dtype");
      if (xlite_op_set_output_type(ctx, i, t) != kXliteOk ||
          xlite_op_set_output_shape(ctx, i, shape.data(), static_cast<int>(shape.size())) != kXliteOk)
        return kXliteError;
    }
    return kXliteOk;
  } catch (const std::exception& e) {
    return fail(ctx, std::string("prepare() raised: ") + e.what());
  }
}

inline XliteStatus invoke(XliteOpContext* ctx, void*) {
  auto* k = static_cast<PyKernel*>(xlite_op_user_data(ctx));
  py::gil_scoped_acquire gil;
  try {
    py::list args;
    for (int i = 0; i < xlite_op_num_inputs(ctx); ++i) {
      const char* dt = numpy_type_name(xlite_op_input_type(ctx, i));
      if (*dt == '\0') return fail(ctx, "input " + std::to_string(i) + " has a type numpy cannot hold");
      py::array a(py::dtype(dt), dims_of(xlite_op_input_dims(ctx, i), xlite_op_input_rank(ctx, i)));
      std::memcpy(a.mutable_data(), xlite_op_input_data(ctx, i), xlite_op_input_bytes(ctx, i));
      args.append(a);
    }
    py::object result = k->fn(*args);
    py::tuple outs = py::isinstance<py::tuple>(result) ? result.cast<py::tuple>() : py::make_tuple(result);
    const int n = xlite_op_num_outputs(ctx);
    if (static_cast<int>(outs.size()) != n)
      return fail(ctx, "returned " + std::to_string(outs.size()) + " arrays, the op has " + std::to_string(n) +
                           " outputs");
    for (int i = 0; i < n; ++i) {
      const char* dt = numpy_type_name(xlite_op_output_type(ctx, i));
      py::array want_dtype = py::array(py::dtype(dt), std::vector<py::ssize_t>{0});
      py::array a = py::array::ensure(outs[i]);
      if (!a) return fail(ctx, "output " + std::to_string(i) + " is not an array");
      if (!a.dtype().is(want_dtype.dtype()))
        return fail(ctx, "output " + std::to_string(i) + " has dtype " + std::string(py::str(a.dtype())) +
                             ", the op's output is " + dt);
      std::vector<py::ssize_t> want = dims_of(xlite_op_output_dims(ctx, i), xlite_op_output_rank(ctx, i));
      std::vector<py::ssize_t> got(a.shape(), a.shape() + a.ndim());
      if (got != want) {
        std::string g, w;
        for (auto d : got) g += (g.empty() ? "" : ",") + std::to_string(d);
        for (auto d : want) w += (w.empty() ? "" : ",") + std::to_string(d);
        return fail(ctx, "output " + std::to_string(i) + " has shape [" + g + "], the op's output is [" + w +
                             "] (give the callable a prepare() to set other shapes)");
      }
      py::array c = py::array::ensure(a, py::array::c_style | py::array::forcecast);
      std::memcpy(xlite_op_output_data(ctx, i), c.data(), xlite_op_output_bytes(ctx, i));
    }
    return kXliteOk;
  } catch (const std::exception& e) {
    return fail(ctx, std::string("raised: ") + e.what());
  }
}

}  // namespace detail

// The C-ABI kernel that calls `k`.
inline XliteCustomOp make_custom_op(PyKernel* k) {
  XliteCustomOp op{};
  op.prepare = detail::prepare;
  op.invoke = detail::invoke;
  op.user_data = k;
  return op;
}

}  // namespace xlite_py
