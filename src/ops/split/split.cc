// SPDX-License-Identifier: Apache-2.0
// SPLIT: input 0 is the axis (one constant int32 value, negative counts
// from the back), input 1 the data, cut into num_splits equal parts along
// the axis (split.cc requires the size to divide evenly).
#include "ops/split/split_ref.h"

#include "ops/common/layout.h"
#include "ops/kernel.h"

namespace xlite::ops::split {
namespace {

struct State : OpState {
  int64_t outer = 1;
  std::vector<int64_t> chunk;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(1);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  std::vector<int64_t> axis_v;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(0), "axis", &axis_v));
  if (axis_v.size() != 1) return Status::error("axis must hold one value");
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(axis_v[0], in.rank(), "axis", &axis));
  const int n = ctx.num_outputs();
  const int64_t num_splits = ctx.attrs().get_int("num_splits", n);
  if (num_splits != n || n <= 0)
    return Status::error("num_splits is " + std::to_string(num_splits) + " but the op has " + std::to_string(n) + " outputs");
  if (in.shape[axis] % n != 0)
    return Status::error("dimension " + std::to_string(in.shape[axis]) + " does not split into " + std::to_string(n) + " equal parts");
  const int32_t part = in.shape[axis] / n;
  s->outer = layout::product(in.shape, 0, axis);
  s->chunk.assign(n, part * layout::product(in.shape, axis + 1, in.rank()));
  for (int i = 0; i < n; ++i) {
    RtTensor& out = ctx.output(i);
    XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
    out.shape = in.shape;
    out.shape[axis] = part;
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  std::vector<uint8_t*> outputs;
  for (int i = 0; i < ctx.num_outputs(); ++i) outputs.push_back(ctx.output(i).data);
  ref::split_bytes(s.outer, ctx.input(1)->data, outputs, s.chunk, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::split
