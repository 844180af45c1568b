// SPDX-License-Identifier: Apache-2.0
// Reference MAX_POOL_2D over NHWC: the maximum of the window clipped to the
// input, then the activation clamp.
#pragma once

#include <algorithm>
#include <limits>

#include "ops/common/pool.h"

namespace xlite::ref {

template <typename T>
void max_pool_2d(const ops::PoolGeometry& g, const T* input, T act_min, T act_max, T* output) {
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t c = 0; c < g.channels; ++c) {
          const int32_t iy0 = oy * g.stride_h - g.pad_h;
          const int32_t ix0 = ox * g.stride_w - g.pad_w;
          const int32_t fy0 = std::max(0, -iy0), fy1 = std::min(g.filter_h, g.in_h - iy0);
          const int32_t fx0 = std::max(0, -ix0), fx1 = std::min(g.filter_w, g.in_w - ix0);
          T m = std::numeric_limits<T>::lowest();
          for (int32_t fy = fy0; fy < fy1; ++fy)
            for (int32_t fx = fx0; fx < fx1; ++fx)
              m = std::max(m, input[((b * g.in_h + iy0 + fy) * g.in_w + ix0 + fx) * g.channels + c]);
          output[((b * g.out_h + oy) * g.out_w + ox) * g.channels + c] = std::min(std::max(m, act_min), act_max);
        }
}

}  // namespace xlite::ref
