// SPDX-License-Identifier: Apache-2.0
// RESIZE_NEAREST_NEIGHBOR (any element type: it only moves elements). The
// source index is floor((i + o) * scale), o = 0.5 with half_pixel_centers,
// or round(i * scale) with align_corners, clamped to the input.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "ops/common/resize.h"

namespace xlite::ops::resize_nearest_neighbor {
namespace {

int32_t nearest(int32_t i, int32_t in_size, float scale, bool align_corners, bool half_pixel) {
  const float offset = half_pixel ? 0.5f : 0.0f;
  int32_t v = align_corners ? static_cast<int32_t>(std::round((static_cast<float>(i) + offset) * scale))
                            : static_cast<int32_t>(std::floor((static_cast<float>(i) + offset) * scale));
  v = std::min(v, in_size - 1);
  if (half_pixel) v = std::max(v, 0);
  return v;
}

}  // namespace

Status prepare(KernelContext& ctx) {
  ResizeState* s = ctx.make_state<ResizeState>();
  XLITE_RETURN_IF_ERROR(prepare_resize(ctx, s));
  if (dtype_bits(ctx.input(0)->dtype) % 8 != 0) return check::unsupported_dtype(*ctx.input(0), "input");
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const ResizeState& s = *ctx.state<ResizeState>();
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const size_t elem = static_cast<size_t>(dtype_bits(in.dtype) / 8);
  const size_t pixel = elem * s.channels;
  for (int32_t b = 0; b < s.batches; ++b)
    for (int32_t y = 0; y < s.out_h; ++y) {
      const int32_t iy = nearest(y, s.in_h, s.scale_h, s.align_corners, s.half_pixel_centers);
      for (int32_t x = 0; x < s.out_w; ++x) {
        const int32_t ix = nearest(x, s.in_w, s.scale_w, s.align_corners, s.half_pixel_centers);
        std::memcpy(out.data + ((static_cast<size_t>(b) * s.out_h + y) * s.out_w + x) * pixel,
                    in.data + ((static_cast<size_t>(b) * s.in_h + iy) * s.in_w + ix) * pixel, pixel);
      }
    }
  return ok_status();
}

}  // namespace xlite::ops::resize_nearest_neighbor
