// SPDX-License-Identifier: Apache-2.0
// Reference DEPTH_TO_SPACE / SPACE_TO_DEPTH on NHWC (TFLite's DCR order):
// the depth-side channel of block position (by, bx) and channel c is
// (by * block + bx) * space_side_channels + c.
#pragma once

#include <cstdint>

#include "ops/common/layout.h"

namespace xlite::ref {

struct BlockGeometry {
  int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, block;
};

inline void depth_to_space(const BlockGeometry& g, const uint8_t* input, uint8_t* output, size_t elem) {
  int64_t at = 0;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t oc = 0; oc < g.out_c; ++oc) {
          const int32_t ic = ((oy % g.block) * g.block + ox % g.block) * g.out_c + oc;
          const int64_t src = ((static_cast<int64_t>(b) * g.in_h + oy / g.block) * g.in_w + ox / g.block) * g.in_c + ic;
          layout::copy_element(output, at++, input, src, elem);
        }
}

inline void space_to_depth(const BlockGeometry& g, const uint8_t* input, uint8_t* output, size_t elem) {
  int64_t at = 0;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t oc = 0; oc < g.out_c; ++oc) {
          const int32_t pos = oc / g.in_c;
          const int32_t iy = oy * g.block + pos / g.block;
          const int32_t ix = ox * g.block + pos % g.block;
          const int64_t src = ((static_cast<int64_t>(b) * g.in_h + iy) * g.in_w + ix) * g.in_c + oc % g.in_c;
          layout::copy_element(output, at++, input, src, elem);
        }
}

}  // namespace xlite::ref
