// SPDX-License-Identifier: Apache-2.0
// SLICE: constant int32/int64 begin and size, one entry per dimension;
// size -1 means "to the end". As in TFLite's slice.cc, the window must lie
// inside the input.
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/strided_slice/strided_slice_ref.h"

namespace xlite::ops::slice {
namespace {

struct State : OpState {
  ref::SliceGeometry g;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> begin, size;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "begin", &begin));
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(2), "size", &size));
  const int rank = in.rank();
  if (static_cast<int>(begin.size()) != rank || static_cast<int>(size.size()) != rank)
    return Status::error("begin and size must have " + std::to_string(rank) + " entries");
  ref::SliceGeometry& g = s->g;
  g.in_shape = in.shape;
  g.stride.assign(rank, 1);
  g.start.resize(rank);
  g.out_shape.resize(rank);
  for (int d = 0; d < rank; ++d) {
    const int64_t dim = in.shape[d];
    const int64_t n = size[d] == -1 ? dim - begin[d] : size[d];
    if (begin[d] < 0 || begin[d] > dim || n < 0 || begin[d] + n > dim)
      return Status::error("slice [" + std::to_string(begin[d]) + ", +" + std::to_string(size[d]) +
                           ") is outside dimension " + std::to_string(d) + " of size " + std::to_string(dim));
    g.start[d] = static_cast<int32_t>(begin[d]);
    g.out_shape[d] = static_cast<int32_t>(n);
  }
  out.shape = g.out_shape;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::strided_copy(s.g, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::slice
