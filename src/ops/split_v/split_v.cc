// SPDX-License-Identifier: Apache-2.0
// SPLIT_V: input 0 the data, input 1 the size of each part (constant
// int32/int64, at most one -1 taking what remains, as split_v.cc allows),
// input 2 the axis (one constant value, negative counts from the back).
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/split/split_ref.h"

namespace xlite::ops::split_v {
namespace {

struct State : OpState {
  int64_t outer = 1;
  std::vector<int64_t> chunk;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  std::vector<int64_t> sizes, axis_v;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "size_splits", &sizes));
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(2), "axis", &axis_v));
  if (axis_v.size() != 1) return Status::error("axis must hold one value");
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(axis_v[0], in.rank(), "axis", &axis));
  const int n = ctx.num_outputs();
  if (static_cast<int>(sizes.size()) != n)
    return Status::error("size_splits has " + std::to_string(sizes.size()) + " entries for " + std::to_string(n) + " outputs");
  int infer = -1;
  int64_t known = 0;
  for (int i = 0; i < n; ++i) {
    if (sizes[i] == -1) {
      if (infer >= 0) return Status::error("size_splits has more than one -1");
      infer = i;
    } else if (sizes[i] < 0) {
      return Status::error("size_splits has a negative size");
    } else {
      known += sizes[i];
    }
  }
  const int64_t dim = in.shape[axis];
  if (infer >= 0) {
    if (known > dim) return Status::error("size_splits add up to more than dimension " + std::to_string(dim));
    sizes[infer] = dim - known;
  } else if (known != dim) {
    return Status::error("size_splits add up to " + std::to_string(known) + ", dimension is " + std::to_string(dim));
  }
  s->outer = layout::product(in.shape, 0, axis);
  const int64_t inner = layout::product(in.shape, axis + 1, in.rank());
  for (int i = 0; i < n; ++i) {
    RtTensor& out = ctx.output(i);
    XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
    out.shape = in.shape;
    out.shape[axis] = static_cast<int32_t>(sizes[i]);
    s->chunk.push_back(sizes[i] * inner);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  std::vector<uint8_t*> outputs;
  for (int i = 0; i < ctx.num_outputs(); ++i) outputs.push_back(ctx.output(i).data);
  ref::split_bytes(s.outer, ctx.input(0)->data, outputs, s.chunk, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::split_v
