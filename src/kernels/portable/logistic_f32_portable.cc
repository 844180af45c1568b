// SPDX-License-Identifier: Apache-2.0
// float32 LOGISTIC and swish, portable: the reference formula element by
// element.
#include <algorithm>
#include <cmath>

#include "kernels/logistic_f32.h"

namespace xlite::kernels {
namespace {

inline float logistic(float x) {
  const float v = std::isnan(x) ? x : std::max(-100.0f, std::min(100.0f, x));
  return 1.0f / (1.0f + std::exp(-v));
}

void run(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = logistic(x[i]);
}

void swish(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] * logistic(x[i]);
}

}  // namespace

extern const LogisticF32Kernel logistic_f32_portable = {&run, &swish};

}  // namespace xlite::kernels
