// SPDX-License-Identifier: Apache-2.0
// GATHER: input 0 params, input 1 int16/int32/int64 indices (any shape,
// constant or not); options axis and batch_dims, both negative-from-the-back
// as in TFLite's gather.cc. Output shape:
// params[:axis] + indices[batch_dims:] + params[axis+1:]. Indices outside
// the axis are an error at eval, as in TFLite.
#include "ops/gather/gather_ref.h"

#include "ops/common/layout.h"
#include "ops/kernel.h"

namespace xlite::ops::gather {
namespace {

struct State : OpState {
  ref::GatherGeometry g;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& params = *ctx.input(0);
  const RtTensor& indices = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(params, "params", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(params, out, "params", "output"));
  if (indices.dtype != DType::kInt32 && indices.dtype != DType::kInt64 && indices.dtype != DType::kInt16)
    return Status::error("indices must be int16, int32 or int64, are " + std::string(dtype_name(indices.dtype)));
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(ctx.attrs().get_int("axis", 0), params.rank(), "axis", &axis));
  int64_t batch_dims = ctx.attrs().get_int("batch_dims", 0);
  if (batch_dims < 0) batch_dims += indices.rank();
  if (batch_dims < 0 || batch_dims > indices.rank() || batch_dims > axis)
    return Status::error("batch_dims " + std::to_string(ctx.attrs().get_int("batch_dims", 0)) +
                         " must lie in [0, min(axis, indices rank)]");
  const int bd = static_cast<int>(batch_dims);
  for (int d = 0; d < bd; ++d)
    if (params.shape[d] != indices.shape[d])
      return Status::error("params " + shape_to_string(params.shape) + " and indices " + shape_to_string(indices.shape) +
                           " differ in batch dimension " + std::to_string(d));
  ref::GatherGeometry& g = s->g;
  g.batch = layout::product(params.shape, 0, bd);
  g.outer = layout::product(params.shape, bd, axis);
  g.axis_size = params.shape[axis];
  g.count = layout::product(indices.shape, bd, indices.rank());
  g.inner = layout::product(params.shape, axis + 1, params.rank());
  out.shape.assign(params.shape.begin(), params.shape.begin() + axis);
  out.shape.insert(out.shape.end(), indices.shape.begin() + bd, indices.shape.end());
  out.shape.insert(out.shape.end(), params.shape.begin() + axis + 1, params.shape.end());
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& params = *ctx.input(0);
  const RtTensor& indices = *ctx.input(1);
  const State& s = *ctx.state<State>();
  std::optional<int64_t> bad;
  switch (indices.dtype) {
    case DType::kInt16: bad = ref::gather(s.g, params.data, indices.as<int16_t>(), ctx.output(0).data, s.elem); break;
    case DType::kInt32: bad = ref::gather(s.g, params.data, indices.as<int32_t>(), ctx.output(0).data, s.elem); break;
    default: bad = ref::gather(s.g, params.data, indices.as<int64_t>(), ctx.output(0).data, s.elem); break;
  }
  if (bad)
    return Status::error("gather index " + std::to_string(*bad) + " is out of range [0, " +
                         std::to_string(s.g.axis_size) + ")");
  return ok_status();
}

}  // namespace xlite::ops::gather
