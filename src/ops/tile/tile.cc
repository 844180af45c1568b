// SPDX-License-Identifier: Apache-2.0
// TILE: multiples is a constant int32/int64 tensor with one non-negative
// entry per input dimension; output dimension d = input d * multiples[d].
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/tile/tile_ref.h"

namespace xlite::ops::tile {
namespace {

struct State : OpState {
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> m;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "multiples", &m));
  if (static_cast<int>(m.size()) != in.rank())
    return Status::error("multiples has " + std::to_string(m.size()) + " entries for rank " + std::to_string(in.rank()));
  out.shape.resize(in.rank());
  for (int d = 0; d < in.rank(); ++d) {
    if (m[d] < 0) return Status::error("multiples must not be negative");
    const int64_t n = in.shape[d] * m[d];
    XLITE_RETURN_IF_ERROR(layout::fits_int32(n, "tiled dimension"));
    out.shape[d] = static_cast<int32_t>(n);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::repeat(ctx.input(0)->shape, ctx.output(0).shape, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::tile
