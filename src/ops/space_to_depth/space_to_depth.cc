// SPDX-License-Identifier: Apache-2.0
// SPACE_TO_DEPTH: [N, H, W, C] -> [N, H/b, W/b, C*b*b]; H and W must be
// multiples of b >= 1.
#include "ops/common/layout.h"
#include "ops/depth_to_space/depth_to_space_ref.h"
#include "ops/kernel.h"

namespace xlite::ops::space_to_depth {
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
  if (in.shape[1] % bs != 0 || in.shape[2] % bs != 0)
    return Status::error("height and width " + shape_to_string(in.shape) + " are not multiples of block_size " +
                         std::to_string(bs));
  XLITE_RETURN_IF_ERROR(layout::fits_int32(int64_t{in.shape[3]} * bs * bs, "output depth"));
  ref::BlockGeometry& g = s->g;
  g = {in.shape[0], in.shape[1], in.shape[2], in.shape[3], in.shape[1] / bs, in.shape[2] / bs, in.shape[3] * bs * bs, bs};
  out.shape = {g.batches, g.out_h, g.out_w, g.out_c};
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::space_to_depth(s.g, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::space_to_depth
