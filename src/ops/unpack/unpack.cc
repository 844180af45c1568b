// SPDX-License-Identifier: Apache-2.0
// UNPACK: `num` outputs, the slices of the input along `axis` (in
// [-rank, rank)) with that dimension removed. Like TFLite's unpack.cc,
// quantized outputs must keep the input's scale and zero point.
#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/split/split_ref.h"

namespace xlite::ops::unpack {
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
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(ctx.attrs().get_int("axis", 0), in.rank(), "axis", &axis));
  const int n = ctx.num_outputs();
  const int64_t num = ctx.attrs().get_int("num", n);
  if (num != n || in.shape[axis] != n)
    return Status::error("unpacking dimension " + std::to_string(in.shape[axis]) + " into " + std::to_string(n) +
                         " outputs (num " + std::to_string(num) + ")");
  s->outer = layout::product(in.shape, 0, axis);
  s->chunk.assign(n, layout::product(in.shape, axis + 1, in.rank()));
  const bool quantized = in.quant && !in.quant->scale.empty();
  for (int i = 0; i < n; ++i) {
    RtTensor& out = ctx.output(i);
    XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
    if (quantized) XLITE_RETURN_IF_ERROR(layout::require_same_quant(in, out, "input"));
    out.shape = in.shape;
    out.shape.erase(out.shape.begin() + axis);
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

}  // namespace xlite::ops::unpack
