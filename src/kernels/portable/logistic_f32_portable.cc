// SPDX-License-Identifier: Apache-2.0
// float32 LOGISTIC, portable: the reference formula element by element.
#include <algorithm>
#include <cmath>

#include "kernels/logistic_f32.h"

namespace xlite::kernels {
namespace {

void run(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const float v = std::isnan(x[i]) ? x[i] : std::max(-100.0f, std::min(100.0f, x[i]));
    y[i] = 1.0f / (1.0f + std::exp(-v));
  }
}

}  // namespace

extern const LogisticF32Kernel logistic_f32_portable = {&run};

}  // namespace xlite::kernels
