// SPDX-License-Identifier: Apache-2.0
// float32 LOGISTIC, y = 1 / (1 + exp(-x)), over a contiguous range.
// Variants agree with the reference (ops/logistic/logistic_ref.h: inputs
// clamped to [-100, 100], NaN stays NaN) within a few float ulps of 1: the
// vector variants compute exp with a range reduction and a polynomial
// instead of calling the C library.
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct LogisticF32Kernel {
  void (*run)(const float* x, float* y, int64_t n);
};

}  // namespace xlite::kernels
