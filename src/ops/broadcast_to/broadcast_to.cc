// SPDX-License-Identifier: Apache-2.0
// BROADCAST_TO: the constant int32/int64 shape input gives the output shape;
// the input is aligned to its back, and each input dimension must be 1 or
// equal the output's (TFLite's broadcast_to.cc, up to 8 dimensions).
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/tile/tile_ref.h"

namespace xlite::ops::broadcast_to {
namespace {

struct State : OpState {
  std::vector<int32_t> in_shape;  // padded to the output rank
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> shape;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "shape", &shape));
  const int rank = static_cast<int>(shape.size());
  if (rank < in.rank())
    return Status::error("shape has rank " + std::to_string(rank) + ", less than the input's " + std::to_string(in.rank()));
  s->in_shape.assign(rank - in.rank(), 1);
  s->in_shape.insert(s->in_shape.end(), in.shape.begin(), in.shape.end());
  out.shape.resize(rank);
  for (int d = 0; d < rank; ++d) {
    XLITE_RETURN_IF_ERROR(layout::fits_int32(shape[d], "shape entry"));
    if (s->in_shape[d] != 1 && s->in_shape[d] != shape[d])
      return Status::error("input shape " + shape_to_string(in.shape) + " does not broadcast to dimension " +
                           std::to_string(d) + " of size " + std::to_string(shape[d]));
    out.shape[d] = static_cast<int32_t>(shape[d]);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::repeat(s.in_shape, ctx.output(0).shape, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::broadcast_to
