// SPDX-License-Identifier: Apache-2.0
// L2_NORMALIZATION over the last dimension. float32: x / max(sqrt(sum x^2),
// 1e-6) (the epsilon of TFLite's reference). int8 (output scale 1/128, zero
// point 0): d = q - zp, an integer inverse square root of sum d^2
// (GetInvSqrtQuantizedMultiplierExp, reverse shift -1), then each d times
// it with 7 more bits of left shift, clamped (reference_integer_ops).
#include <algorithm>
#include <cmath>

#include "ops/common/checks.h"
#include "ops/common/fixed_point.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::l2_normalization {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (in.rank() < 1) return Status::error("input must have rank >= 1");
  out.shape = in.shape;
  out.dtype = in.dtype;
  if (in.dtype == DType::kFloat32) return ok_status();
  if (in.dtype != DType::kInt8) return check::unsupported_dtype(in, "input");
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
  if (out.scale() != 1.0f / 128 || out.zero_point() != 0)
    return Status::error("int8 output must have scale 1/128 and zero point 0");
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int32_t depth = in.dim(-1);
  const int64_t rows = depth ? in.num_elements() / depth : 0;
  if (in.dtype == DType::kInt8) {
    const int8_t* x = in.as<int8_t>();
    int8_t* y = out.as<int8_t>();
    const int32_t zp = in.zero_point();
    for (int64_t r = 0; r < rows; ++r) {
      int32_t acc = 0;
      for (int32_t c = 0; c < depth; ++c) {
        const int32_t d = x[r * depth + c] - zp;
        acc += d * d;
      }
      int32_t inv;
      int shift;
      fixed::get_inv_sqrt_quantized_multiplier_exp(acc, -1, &inv, &shift);
      for (int32_t c = 0; c < depth; ++c) {
        const int32_t v = quant::multiply_by_quantized_multiplier(x[r * depth + c] - zp, inv, shift + 7);
        y[r * depth + c] = static_cast<int8_t>(std::min(127, std::max(-128, v)));
      }
    }
    return ok_status();
  }
  const float* x = in.as<float>();
  float* y = out.as<float>();
  for (int64_t r = 0; r < rows; ++r) {
    float squared = 0.0f;
    for (int32_t c = 0; c < depth; ++c) squared += x[r * depth + c] * x[r * depth + c];
    const float norm = std::max(std::sqrt(squared), 1e-6f);
    for (int32_t c = 0; c < depth; ++c) y[r * depth + c] = x[r * depth + c] / norm;
  }
  return ok_status();
}

}  // namespace xlite::ops::l2_normalization
