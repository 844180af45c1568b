// SPDX-License-Identifier: Apache-2.0
// float32 HARD_SWISH, portable: the reference formula element by element.
#include <algorithm>

#include "kernels/hard_swish_f32.h"

namespace xlite::kernels {
namespace {

void run(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] * std::min(6.0f, std::max(0.0f, x[i] + 3)) / 6;
}

}  // namespace

extern const HardSwishF32Kernel hard_swish_f32_portable = {&run};

}  // namespace xlite::kernels
