// SPDX-License-Identifier: Apache-2.0
// float32 HARD_SWISH over a contiguous range: y = x * min(6, max(0, x + 3)) / 6,
// the reference's arithmetic in its order (ops/hard_swish/hard_swish_ref.h),
// so every variant is bit-identical with it: the division by 6 stays a
// division, and NaN stays NaN (max(0, NaN) is 0 there, and NaN * 0 is NaN).
// y may equal x.
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct HardSwishF32Kernel {
  void (*run)(const float* x, float* y, int64_t n);
};

}  // namespace xlite::kernels
