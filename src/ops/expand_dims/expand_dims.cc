// SPDX-License-Identifier: Apache-2.0
// EXPAND_DIMS: inserts a size-1 dimension at `axis` (input 1, one int32 or
// int64 value in [-rank-1, rank]; negative counts from the back of the
// output, as in expand_dims.cc). The bytes are unchanged.
#include <cstring>

#include "ops/common/layout.h"
#include "ops/kernel.h"

namespace xlite::ops::expand_dims {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  std::vector<int64_t> axis_v;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "axis", &axis_v));
  if (axis_v.size() != 1) return Status::error("axis must hold one value, holds " + std::to_string(axis_v.size()));
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(axis_v[0], in.rank() + 1, "axis", &axis));
  out.shape = in.shape;
  out.shape.insert(out.shape.begin() + axis, 1);
  out.dtype = in.dtype;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (out.data != in.data && in.bytes > 0) std::memmove(out.data, in.data, in.bytes);
  return ok_status();
}

}  // namespace xlite::ops::expand_dims
