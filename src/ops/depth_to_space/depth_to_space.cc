// SPDX-License-Identifier: Apache-2.0
// DEPTH_TO_SPACE: [N, H, W, C] -> [N, H*b, W*b, C/(b*b)]; C must be a
// multiple of b*b and b >= 1.
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

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::depth_to_space(s.g, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::depth_to_space
