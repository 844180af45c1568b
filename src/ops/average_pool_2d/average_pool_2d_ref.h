// SPDX-License-Identifier: Apache-2.0
// Reference AVERAGE_POOL_2D over NHWC. The count is the number of window
// positions inside the input (padding excluded). Integer averages round
// half away from zero: (acc +- n/2) / n (reference_integer_ops pooling);
// legacy uint8 sums are never negative, so that is (acc + n/2) / n.
#pragma once

#include <algorithm>

#include "ops/common/pool.h"

namespace xlite::ref {

inline void average_pool_2d_float(const ops::PoolGeometry& g, const float* input, float act_min, float act_max,
                                  float* output) {
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t c = 0; c < g.channels; ++c) {
          const int32_t iy0 = oy * g.stride_h - g.pad_h;
          const int32_t ix0 = ox * g.stride_w - g.pad_w;
          const int32_t fy0 = std::max(0, -iy0), fy1 = std::min(g.filter_h, g.in_h - iy0);
          const int32_t fx0 = std::max(0, -ix0), fx1 = std::min(g.filter_w, g.in_w - ix0);
          float total = 0.0f;
          int32_t count = 0;
          for (int32_t fy = fy0; fy < fy1; ++fy)
            for (int32_t fx = fx0; fx < fx1; ++fx) {
              total += input[((b * g.in_h + iy0 + fy) * g.in_w + ix0 + fx) * g.channels + c];
              ++count;
            }
          const float avg = count ? total / static_cast<float>(count) : 0.0f;
          output[((b * g.out_h + oy) * g.out_w + ox) * g.channels + c] = std::min(std::max(avg, act_min), act_max);
        }
}

template <typename T>
void average_pool_2d_quantized(const ops::PoolGeometry& g, const T* input, int32_t act_min, int32_t act_max,
                               T* output) {
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t c = 0; c < g.channels; ++c) {
          const int32_t iy0 = oy * g.stride_h - g.pad_h;
          const int32_t ix0 = ox * g.stride_w - g.pad_w;
          const int32_t fy0 = std::max(0, -iy0), fy1 = std::min(g.filter_h, g.in_h - iy0);
          const int32_t fx0 = std::max(0, -ix0), fx1 = std::min(g.filter_w, g.in_w - ix0);
          int32_t acc = 0, count = 0;
          for (int32_t fy = fy0; fy < fy1; ++fy)
            for (int32_t fx = fx0; fx < fx1; ++fx) {
              acc += input[((b * g.in_h + iy0 + fy) * g.in_w + ix0 + fx) * g.channels + c];
              ++count;
            }
          if (count > 0) acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          output[((b * g.out_h + oy) * g.out_w + ox) * g.channels + c] =
              static_cast<T>(std::min(std::max(acc, act_min), act_max));
        }
}

}  // namespace xlite::ref
