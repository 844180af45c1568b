// SPDX-License-Identifier: Apache-2.0
// L2_NORMALIZATION over the last dimension: x / max(sqrt(sum x^2), 1e-6)
// (the epsilon of TFLite's reference). float32; the int8 path (an integer
// inverse square root) is not implemented yet.
#include <algorithm>
#include <cmath>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::l2_normalization {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (in.rank() < 1) return Status::error("input must have rank >= 1");
  if (in.dtype != DType::kFloat32) return check::unsupported_dtype(in, "input");
  out.shape = in.shape;
  out.dtype = in.dtype;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int32_t depth = in.dim(-1);
  const int64_t rows = depth ? in.num_elements() / depth : 0;
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
