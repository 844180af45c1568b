// SPDX-License-Identifier: Apache-2.0
// DEPTH_TO_SPACE: [N, H, W, C] -> [N, H*b, W*b, C/(b*b)]; C must be a
// multiple of b*b and b >= 1.
#include <algorithm>
#include <cstring>

#include "ops/common/layout.h"
#include "ops/depth_to_space/depth_to_space_ref.h"
#include "ops/kernel.h"

namespace xlite::ops::depth_to_space {
namespace {

struct State : OpState {
  ref::BlockGeometry g;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  if (in.rank() != 4) return Status::error("input must have rank 4, has shape " + shape_to_string(in.shape));
  const int64_t b = ctx.attrs().get_int("block_size", 0);
  if (b < 1 || b > 65535) return Status::error("block_size must be positive, is " + std::to_string(b));
  const int32_t bs = static_cast<int32_t>(b);
  if (in.shape[3] % (bs * bs) != 0)
    return Status::error("depth " + std::to_string(in.shape[3]) + " is not a multiple of block_size^2");
  ref::BlockGeometry& g = s->g;
  g = {in.shape[0], in.shape[1], in.shape[2], in.shape[3], 0, 0, in.shape[3] / (bs * bs), bs};
  XLITE_RETURN_IF_ERROR(layout::fits_int32(int64_t{g.in_h} * bs, "output height"));
  XLITE_RETURN_IF_ERROR(layout::fits_int32(int64_t{g.in_w} * bs, "output width"));
  g.out_h = g.in_h * bs;
  g.out_w = g.in_w * bs;
  out.shape = {g.batches, g.out_h, g.out_w, g.out_c};
  return ok_status();
}

// Output rows [begin, end) (of batches * out_h): each input pixel of the
// row's input row gives `block` output pixels in a row, which are `block`
// consecutive groups of out_c channels of it: one copy of block * out_c
// elements. The reference's order of elements, moved in runs.
void rows(const ref::BlockGeometry& g, const uint8_t* in, uint8_t* out, size_t elem, int64_t begin, int64_t end) {
  const size_t run = static_cast<size_t>(g.block) * g.out_c * elem;
  for (int64_t r = begin; r < end; ++r) {
    const int64_t b = r / g.out_h;
    const int32_t oy = static_cast<int32_t>(r % g.out_h);
    const uint8_t* src = in + (((b * g.in_h + oy / g.block) * g.in_w) * g.in_c +
                               static_cast<int64_t>(oy % g.block) * g.block * g.out_c) * elem;
    uint8_t* dst = out + r * g.out_w * g.out_c * elem;
    for (int32_t x = 0; x < g.in_w; ++x, src += g.in_c * elem, dst += run) std::memcpy(dst, src, run);
  }
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  const uint8_t* in = ctx.input(0)->data;
  uint8_t* out = ctx.output(0).data;
  if (ctx.reference_only()) {
    ref::depth_to_space(s.g, in, out, s.elem);
    return ok_status();
  }
  const int64_t row_bytes = static_cast<int64_t>(s.g.out_w) * s.g.out_c * static_cast<int64_t>(s.elem);
  ctx.parallel_for(
      static_cast<int64_t>(s.g.batches) * s.g.out_h,
      [&](int64_t begin, int64_t end, int) { rows(s.g, in, out, s.elem, begin, end); },
      std::max<int64_t>(1, 65536 / std::max<int64_t>(row_bytes, 1)));
  return ok_status();
}

}  // namespace xlite::ops::depth_to_space
