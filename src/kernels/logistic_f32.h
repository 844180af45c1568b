// SPDX-License-Identifier: Apache-2.0
// float32 LOGISTIC, y = 1 / (1 + exp(-x)), and swish, y = x * LOGISTIC(x),
// over a contiguous range (y may be x).
// Variants agree with the reference (ops/logistic/logistic_ref.h: inputs
// clamped to [-100, 100], NaN stays NaN) within a few float ulps of 1, and
// swish with MUL(x, LOGISTIC(x)) of the reference within a few ulps of
// max(1, |x|) (NaN and infinities as the pair gives them: swish(-inf) is
// -inf * 0 = NaN): the vector variants compute exp with a range reduction
// and a polynomial instead of calling the C library.
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct LogisticF32Kernel {
  void (*run)(const float* x, float* y, int64_t n);
  void (*swish)(const float* x, float* y, int64_t n);
};

}  // namespace xlite::kernels
