// SPDX-License-Identifier: Apache-2.0
// SQRT: float32 (std::sqrt); int8 and int16 by dequantizing, sqrt in float
// and requantizing with truncation toward zero, as TFLite elementwise.cc
// SqrtEvalQuantized does. A negative dequantized input is an error there
// and here.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/common/unary.h"

namespace xlite::ops::sqrt {
namespace {

template <typename T>
Status sqrt_quantized(const RtTensor& in, RtTensor& out) {
  const float in_scale = in.scale();
  const float out_scale = out.scale();
  const int32_t in_zp = in.zero_point();
  const int32_t out_zp = out.zero_point();
  constexpr int32_t lo = std::numeric_limits<T>::min();
  constexpr int32_t hi = std::numeric_limits<T>::max();
  const T* x = in.as<T>();
  T* y = out.as<T>();
  for (int64_t i = 0, n = in.num_elements(); i < n; ++i) {
    const float v = in_scale * static_cast<float>(static_cast<int32_t>(x[i]) - in_zp);
    if (!(v >= 0.0f)) return Status::error("SQRT is only defined for non-negative inputs");
    const int32_t q = static_cast<int32_t>(std::sqrt(v) / out_scale) + out_zp;
    y[i] = static_cast<T>(std::clamp(q, lo, hi));
  }
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
