// SPDX-License-Identifier: Apache-2.0
// float32 MAX_POOL_2D / AVERAGE_POOL_2D over a run of output pixels of one
// output row that share a window shape (NHWC, channels innermost): vectors
// over channels, the window walked per vector. Pixel p's window starts at
// in + p * in_step and has win_h rows (in_row apart) of win_w pixels
// (`channels` apart); its output is out + p * channels.
//
// Bit-identical with the reference kernels (ops/max_pool_2d,
// ops/average_pool_2d): the window is combined in the same order (rows,
// then columns) from the same start (lowest float / 0.0f), max as
// std::max(m, x), the average as total / count (0 for an empty window),
// then min(max(v, act_min), act_max).
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct PoolF32Args {
  bool average = false;  // else max
  const float* in = nullptr;
  int64_t in_step = 0, in_row = 0;
  int32_t channels = 0, win_h = 0, win_w = 0;
  float act_min = 0, act_max = 0;
  float* out = nullptr;
  int64_t pixels = 0;
};

struct PoolF32Kernel {
  void (*run)(const PoolF32Args& args);
};

}  // namespace xlite::kernels
