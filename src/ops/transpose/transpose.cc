// SPDX-License-Identifier: Apache-2.0
// TRANSPOSE: perm is a constant int32/int64 permutation of [0, rank). TFLite's
// transpose.cc rejects entries outside [0, rank); we also reject repeats,
// which would leave output elements unwritten.
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/transpose/transpose_ref.h"

namespace xlite::ops::transpose {
namespace {

struct State : OpState {
  std::vector<int32_t> perm;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> perm;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "perm", &perm));
  const int rank = in.rank();
  if (static_cast<int>(perm.size()) != rank)
    return Status::error("perm has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
  std::vector<bool> seen(rank, false);
  out.shape.resize(rank);
  for (int d = 0; d < rank; ++d) {
    if (perm[d] < 0 || perm[d] >= rank || seen[perm[d]])
      return Status::error("perm is not a permutation of [0, " + std::to_string(rank) + ")");
    seen[perm[d]] = true;
    s->perm.push_back(static_cast<int32_t>(perm[d]));
    out.shape[d] = in.shape[perm[d]];
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::transpose(ctx.input(0)->shape, s.perm, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::transpose
