// SPDX-License-Identifier: Apache-2.0
// float32 per-channel PRELU, portable: the reference's select, element by
// element.
#include "kernels/prelu_f32.h"

namespace xlite::kernels {
namespace {

void run(const float* x, float* y, int64_t n, const float* alpha, int64_t channels, int64_t c0) {
  prelu_channel_runs(x, y, n, alpha, channels, c0, [](const float* xs, float* ys, const float* as, int64_t len) {
    for (int64_t i = 0; i < len; ++i) {
      const float v = xs[i];
      ys[i] = v >= 0.0f ? v : v * as[i];
    }
  });
}

}  // namespace

extern const PreluF32Kernel prelu_f32_portable = {&run};

}  // namespace xlite::kernels
