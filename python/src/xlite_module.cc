// SPDX-License-Identifier: Apache-2.0
// xlite._xlite: the C++ interpreter (include/xlite/xlite.h) for Python.
// Deliberately thin: indices and arrays in, arrays and tuples out; the
// LiteRT-shaped API (dicts, argument checks, messages) is
// python/xlite/interpreter.py. Failures raise ValueError with the
// interpreter's message.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <tuple>

#include "py_custom_op.h"
#include "xlite/xlite.h"

namespace py = pybind11;

namespace {

using xlite::ElementType;

// numpy's name for each element type; empty when numpy has none.
const char* numpy_name(ElementType t) {
  switch (t) {
    case ElementType::kFloat32: return "float32";
    case ElementType::kFloat16: return "float16";
    case ElementType::kFloat64: return "float64";
    case ElementType::kInt8: return "int8";
    case ElementType::kUInt8: return "uint8";
    case ElementType::kInt16: return "int16";
    case ElementType::kUInt16: return "uint16";
    case ElementType::kInt32: return "int32";
    case ElementType::kUInt32: return "uint32";
    case ElementType::kInt64: return "int64";
    case ElementType::kUInt64: return "uint64";
    case ElementType::kBool: return "bool";
    case ElementType::kComplex64: return "complex64";
    case ElementType::kComplex128: return "complex128";
    default: return "";
  }
}

// Custom-op kernels given from Python: (name, version, callable) each.
using PyCustomOps = std::vector<std::tuple<std::string, int, py::object>>;
using Kernels = std::shared_ptr<std::vector<std::unique_ptr<xlite_py::PyKernel>>>;

class Core {
 public:
  static Core from_file(const std::string& path, int num_threads, bool compile, bool reference,
                        const std::vector<std::string>& libraries, const PyCustomOps& custom_ops) {
    std::string error;
    Kernels kernels = std::make_shared<Kernels::element_type>();
    auto itp = xlite::Interpreter::from_file(
        path, options(num_threads, compile, reference, libraries, custom_ops, kernels.get()), &error);
    if (!itp) throw py::value_error(error);
    return Core(std::move(itp), std::move(kernels));
  }
  static Core from_buffer(const py::buffer& content, int num_threads, bool compile, bool reference,
                          const std::vector<std::string>& libraries, const PyCustomOps& custom_ops) {
    py::buffer_info b = content.request();
    std::string error;
    Kernels kernels = std::make_shared<Kernels::element_type>();
    auto itp = xlite::Interpreter::from_buffer(
        b.ptr, static_cast<size_t>(b.size * b.itemsize),
        options(num_threads, compile, reference, libraries, custom_ops, kernels.get()), &error);
    if (!itp) throw py::value_error(error);
    return Core(std::move(itp), std::move(kernels));
  }

  int num_subgraphs() const { return itp_->num_subgraphs(); }
  int num_tensors(int s) const { return itp_->num_tensors(s); }
  std::vector<int32_t> inputs(int s) const { return itp_->inputs(s); }
  std::vector<int32_t> outputs(int s) const { return itp_->outputs(s); }

  // (name, type code, numpy dtype name, shape, shape_signature, scales,
  //  zero_points, quantized_dimension, sparsity dict or None, constant)
  py::tuple tensor_info(int s, int t) {
    xlite::TensorInfo i;
    if (!itp_->tensor_info(s, t, &i)) throw py::value_error(itp_->last_error());
    py::object sparsity = py::none();
    if (i.sparse) {
      py::list dims;
      for (const auto& d : i.sparsity.dims) {
        py::dict e;
        e["format"] = d.sparse ? 1 : 0;
        if (d.sparse) {
          e["array_segments"] = py::array_t<int32_t>(py::cast(std::vector<int32_t>(d.segments.begin(), d.segments.end())));
          e["array_indices"] = py::array_t<int32_t>(py::cast(std::vector<int32_t>(d.indices.begin(), d.indices.end())));
        } else {
          e["dense_size"] = d.dense_size;
        }
        dims.append(e);
      }
      py::dict sp;
      sp["traversal_order"] = py::array_t<int32_t>(py::cast(i.sparsity.traversal_order));
      sp["block_map"] = py::array_t<int32_t>(py::cast(i.sparsity.block_map));
      sp["dim_metadata"] = dims;
      sparsity = sp;
    }
    std::vector<int32_t> zps(i.quantization.zero_points.begin(), i.quantization.zero_points.end());
    return py::make_tuple(i.name, static_cast<int>(i.type), numpy_name(i.type), py::array_t<int32_t>(py::cast(i.shape)),
                          py::array_t<int32_t>(py::cast(i.shape_signature)),
                          py::array_t<float>(py::cast(i.quantization.scales)), py::array_t<int32_t>(py::cast(zps)),
                          i.quantization.quantized_dimension, sparsity, i.constant);
  }

  // A numpy array over the tensor's bytes (no copy), kept alive by `self`.
  static py::array view(py::object self, int s, int t) {
    Core& c = self.cast<Core&>();
    xlite::TensorInfo i;
    xlite::TensorData d;
    if (!c.itp_->tensor_info(s, t, &i) || !c.itp_->tensor_data(s, t, &d))
      throw py::value_error(c.itp_->last_error());
    const char* name = numpy_name(i.type);
    if (*name == '\0')
      throw py::value_error("tensor " + std::to_string(t) + " '" + i.name + "' has an element type numpy cannot hold");
    std::vector<py::ssize_t> shape(i.shape.begin(), i.shape.end());
    py::array a(py::dtype(name), shape, {}, d.data, self);
    if (!d.writable) py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return a;
  }

  // Copies `bytes` into the tensor; the caller has checked type and shape.
  void write(int s, int t, const py::buffer& value) {
    py::buffer_info b = value.request();
    xlite::TensorData d;
    if (!itp_->tensor_data(s, t, &d)) throw py::value_error(itp_->last_error());
    const size_t n = static_cast<size_t>(b.size * b.itemsize);
    if (n != d.bytes)
      throw py::value_error("Cannot set tensor: got " + std::to_string(n) + " bytes for tensor " + std::to_string(t) +
                            " of " + std::to_string(d.bytes) + " bytes");
    if (!d.writable) throw py::value_error("Cannot set tensor " + std::to_string(t) + ": it is a constant");
    if (n) std::memcpy(d.data, b.ptr, n);
  }

  void resize(int s, int t, const std::vector<int32_t>& shape, bool strict) {
    if (!itp_->resize_input(s, t, shape, strict)) throw py::value_error(itp_->last_error());
  }
  void allocate(int s) {
    if (!itp_->allocate(s)) throw py::value_error(itp_->last_error());
  }
  void invoke(int s) {
    bool ok;
    {
      py::gil_scoped_release release;
      ok = itp_->invoke(s);
    }
    if (!ok) throw py::value_error(itp_->last_error());
  }

  // [(key, subgraph, [(name, tensor)], [(name, tensor)])]
  py::list signatures() const {
    py::list out;
    for (const auto& sig : itp_->signatures()) {
      py::list ins, outs;
      for (const auto& e : sig.inputs) ins.append(py::make_tuple(e.name, e.tensor));
      for (const auto& e : sig.outputs) outs.append(py::make_tuple(e.name, e.tensor));
      out.append(py::make_tuple(sig.key, sig.subgraph, ins, outs));
    }
    return out;
  }

 private:
  Core(std::unique_ptr<xlite::Interpreter> itp, Kernels kernels) : kernels_(std::move(kernels)), itp_(std::move(itp)) {}
  static xlite::InterpreterOptions options(int num_threads, bool compile, bool reference,
                                           const std::vector<std::string>& libraries, const PyCustomOps& custom_ops,
                                           Kernels::element_type* kernels) {
    xlite::InterpreterOptions o;
    o.num_threads = num_threads;
    o.compile = compile;
    o.reference_kernels = reference;
    o.custom_op_libraries = libraries;
    for (const auto& [name, version, fn] : custom_ops) {
      kernels->push_back(std::make_unique<xlite_py::PyKernel>(xlite_py::PyKernel{name, fn}));
      o.custom_ops.push_back({name, version, xlite_py::make_custom_op(kernels->back().get())});
    }
    return o;
  }
  // Declared before itp_: the interpreter (which calls them) goes first.
  Kernels kernels_;
  std::shared_ptr<xlite::Interpreter> itp_;
};

}  // namespace

PYBIND11_MODULE(_xlite, m) {
  m.doc() = "xlite's C++ interpreter (use xlite.Interpreter)";
  m.attr("__version__") = xlite::version();
  py::class_<Core>(m, "Core")
      .def_static("from_file", &Core::from_file, py::arg("path"), py::arg("num_threads"), py::arg("compile"),
                  py::arg("reference_kernels"), py::arg("custom_op_libraries"), py::arg("custom_ops"))
      .def_static("from_buffer", &Core::from_buffer, py::arg("content"), py::arg("num_threads"), py::arg("compile"),
                  py::arg("reference_kernels"), py::arg("custom_op_libraries"), py::arg("custom_ops"))
      .def("num_subgraphs", &Core::num_subgraphs)
      .def("num_tensors", &Core::num_tensors)
      .def("inputs", &Core::inputs)
      .def("outputs", &Core::outputs)
      .def("tensor_info", &Core::tensor_info)
      .def("view", &Core::view)
      .def("write", &Core::write)
      .def("resize", &Core::resize)
      .def("allocate", &Core::allocate)
      .def("invoke", &Core::invoke)
      .def("signatures", &Core::signatures);
}
