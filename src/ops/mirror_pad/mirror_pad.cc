// SPDX-License-Identifier: Apache-2.0
// MIRROR_PAD: paddings as for PAD; mode REFLECT (0) or SYMMETRIC (1). As in
// TFLite's mirror_pad.cc, each padding may be at most the dimension size
// (SYMMETRIC) or one less (REFLECT), so padding never reflects twice.
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/pad/pad_ref.h"

namespace xlite::ops::pad {
Status pad_geometry(const RtTensor& in, const RtTensor* paddings, ref::PadGeometry* g);
}  // namespace xlite::ops::pad

namespace xlite::ops::mirror_pad {
namespace {

struct State : OpState {
  ref::PadGeometry g;
  size_t elem = 0;
  bool symmetric = false;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  XLITE_RETURN_IF_ERROR(pad::pad_geometry(in, ctx.input(1), &s->g));
  const int64_t mode = ctx.attrs().get_int("mode", 0);
  if (mode != 0 && mode != 1) return Status::error("unknown mirror pad mode " + std::to_string(mode));
  s->symmetric = mode == 1;
  for (int d = 0; d < in.rank(); ++d) {
    const int32_t limit = in.shape[d] - (s->symmetric ? 0 : 1);
    const int32_t after = s->g.out_shape[d] - in.shape[d] - s->g.before[d];
    if (s->g.before[d] > limit || after > limit)
      return Status::error("padding of dimension " + std::to_string(d) + " exceeds " + std::to_string(limit) +
                           " for " + (s->symmetric ? "SYMMETRIC" : "REFLECT") + " mode");
  }
  out.shape = s->g.out_shape;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::pad_mirror(s.g, s.symmetric, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::mirror_pad
