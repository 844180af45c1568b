// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SPACE_TO_DEPTH (NHWC): [N,H/b,b,W/b,b,C] -> transpose (0,1,3,2,4,5) ->
// [N,H/b,W/b,b*b*C].
#include "emit/stablehlo/lower.h"

namespace xlite::ops::space_to_depth {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const auto& s = in->type.shape;
  const int64_t bs = ctx.attrs().get_int("block_size", 1);
  if (s.size() != 4 || bs <= 0 || s[1] % bs != 0 || s[2] % bs != 0)
    return Status::error("needs a 4-D input whose H and W the block size divides");
  Value x = ctx.b.reshape(in.value(), {s[0], s[1] / bs, bs, s[2] / bs, bs, s[3]});
  const int64_t perm[] = {0, 1, 3, 2, 4, 5};
  ctx.set_output(0, ctx.b.reshape(ctx.b.transpose(x, perm), ctx.output_type(0).shape));
  return ok_status();
}

}  // namespace xlite::ops::space_to_depth
