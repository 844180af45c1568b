// SPDX-License-Identifier: Apache-2.0
// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND with crops instead of
// paddings: input [B, spatial (M dims), rest], constant block_shape [M] and
// crops [M, 2]; output [B / prod(block), spatial * block - crops..., rest].
// Quantized outputs keep the input's quantization, as TFLite requires.
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/space_to_batch_nd/space_batch_ref.h"

namespace xlite::ops::batch_to_space_nd {
namespace {

struct State : OpState {
  ref::SpaceBatchGeometry g;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> block, crops;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "block_shape", &block));
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(2), "crops", &crops));
  const int m = static_cast<int>(block.size());
  if (m < 1 || in.rank() < m + 1)
    return Status::error("block_shape has " + std::to_string(m) + " entries for input " + shape_to_string(in.shape));
  if (static_cast<int>(crops.size()) != 2 * m) return Status::error("crops must have shape [" + std::to_string(m) + ",2]");
  ref::SpaceBatchGeometry& g = s->g;
  g.batch_shape = in.shape;
  g.space_shape = in.shape;
  int64_t blocks = 1;
  for (int j = 0; j < m; ++j) {
    if (block[j] < 1) return Status::error("block_shape entries must be positive");
    if (crops[2 * j] < 0 || crops[2 * j + 1] < 0) return Status::error("crops must not be negative");
    const int64_t full = int64_t{in.shape[1 + j]} * block[j];
    const int64_t size = full - crops[2 * j] - crops[2 * j + 1];
    if (size < 0) return Status::error("crops exceed spatial dimension " + std::to_string(j));
    XLITE_RETURN_IF_ERROR(layout::fits_int32(size, "output dimension"));
    g.space_shape[1 + j] = static_cast<int32_t>(size);
    g.block.push_back(static_cast<int32_t>(block[j]));
    g.before.push_back(static_cast<int32_t>(crops[2 * j]));
    blocks *= block[j];
    if (blocks > INT32_MAX) return Status::error("block_shape product too large");
  }
  if (in.shape[0] % blocks != 0)
    return Status::error("batch " + std::to_string(in.shape[0]) + " is not a multiple of the block product " +
                         std::to_string(blocks));
  g.space_shape[0] = static_cast<int32_t>(in.shape[0] / blocks);
  if (out.quant && !out.quant->scale.empty()) XLITE_RETURN_IF_ERROR(layout::require_same_quant(in, out, "input"));
  out.shape = g.space_shape;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::batch_to_space(s.g, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::batch_to_space_nd
