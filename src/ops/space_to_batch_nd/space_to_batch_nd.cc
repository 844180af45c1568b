// SPDX-License-Identifier: Apache-2.0
// SPACE_TO_BATCH_ND: input [B, spatial (M dims), rest], constant block_shape
// [M] and paddings [M, 2]. Each padded spatial size must divide by its
// block; output [B * prod(block), padded / block..., rest]. As in TFLite's
// space_to_batch_nd.cc, quantized int8/uint8 pad with the output zero point
// and keep the input's quantization.
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/space_to_batch_nd/space_batch_ref.h"

namespace xlite::ops::space_to_batch_nd {
namespace {

struct State : OpState {
  ref::SpaceBatchGeometry g;
  size_t elem = 0;
  std::vector<uint8_t> pad_value;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> block, pads;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "block_shape", &block));
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(2), "paddings", &pads));
  const int m = static_cast<int>(block.size());
  if (m < 1 || in.rank() < m + 1)
    return Status::error("block_shape has " + std::to_string(m) + " entries for input " + shape_to_string(in.shape));
  if (static_cast<int>(pads.size()) != 2 * m) return Status::error("paddings must have shape [" + std::to_string(m) + ",2]");
  ref::SpaceBatchGeometry& g = s->g;
  g.space_shape = in.shape;
  g.batch_shape = in.shape;
  int64_t batch = in.shape[0];
  for (int j = 0; j < m; ++j) {
    if (block[j] < 1) return Status::error("block_shape entries must be positive");
    if (pads[2 * j] < 0 || pads[2 * j + 1] < 0) return Status::error("paddings must not be negative");
    const int64_t padded = in.shape[1 + j] + pads[2 * j] + pads[2 * j + 1];
    if (padded % block[j] != 0)
      return Status::error("padded size " + std::to_string(padded) + " of spatial dimension " + std::to_string(j) +
                           " is not a multiple of block " + std::to_string(block[j]));
    XLITE_RETURN_IF_ERROR(layout::fits_int32(padded / block[j], "output dimension"));
    g.batch_shape[1 + j] = static_cast<int32_t>(padded / block[j]);
    g.block.push_back(static_cast<int32_t>(block[j]));
    g.before.push_back(static_cast<int32_t>(pads[2 * j]));
    batch *= block[j];
    XLITE_RETURN_IF_ERROR(layout::fits_int32(batch, "output batch"));
  }
  g.batch_shape[0] = static_cast<int32_t>(batch);
  const bool quantized = out.quant && !out.quant->scale.empty();
  if (quantized) XLITE_RETURN_IF_ERROR(layout::require_same_quant(in, out, "input"));
  s->pad_value.assign(s->elem, 0);
  if (quantized && (out.dtype == DType::kInt8 || out.dtype == DType::kUInt8))
    s->pad_value[0] = static_cast<uint8_t>(out.zero_point());
  out.shape = g.batch_shape;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::space_to_batch(s.g, ctx.input(0)->data, s.pad_value.data(), ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::space_to_batch_nd
