// SPDX-License-Identifier: Apache-2.0
// SQRT: float32 (std::sqrt); int8 and int16 through float (sqrt_ref.h). A
// negative input is an error, as in TFLite.
#include <cmath>

#include "ops/common/unary.h"
#include "ops/sqrt/sqrt_ref.h"

namespace xlite::ops::sqrt {
namespace {

template <typename T>
Status sqrt_quantized(const RtTensor& in, RtTensor& out) {
  if (!ref::sqrt_quantized(in.num_elements(), in.as<T>(), in.scale(), in.zero_point(), out.scale(),
                           out.zero_point(), out.as<T>()))
    return Status::error("SQRT is only defined for non-negative inputs");
  return ok_status();
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(in, out));
  switch (in.dtype) {
    case DType::kFloat32:
      return ok_status();
    case DType::kInt8:
      return unary::per_tensor_io(in, out);
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      if (in.zero_point() != 0 || out.zero_point() != 0) return Status::error("int16 zero points must be 0");
      return ok_status();
    default:
      return check::unsupported_dtype(in, "input");
  }
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32:
      for (int64_t i = 0, n = in.num_elements(); i < n; ++i) out.as<float>()[i] = std::sqrt(in.as<float>()[i]);
      return ok_status();
    case DType::kInt8:
      return sqrt_quantized<int8_t>(in, out);
    default:
      return sqrt_quantized<int16_t>(in, out);
  }
}

}  // namespace xlite::ops::sqrt
