// SPDX-License-Identifier: Apache-2.0
// PACK: values_count inputs of one shape stacked along a new dimension at
// `axis` (in [-rank-1, rank]). It is a concatenation whose inputs have size 1
// along the new axis. Like TFLite's pack.cc, quantized inputs must share the
// output's scale and zero point.
#include "ops/common/layout.h"
#include "ops/concatenation/concatenation_ref.h"
#include "ops/kernel.h"

namespace xlite::ops::pack {
namespace {

struct State : OpState {
  int64_t outer = 1;
  std::vector<int64_t> chunk;
  size_t elem = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& first = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(first, "input 0", &s->elem));
  const int n = ctx.num_inputs();
  const int64_t count = ctx.attrs().get_int("values_count", n);
  if (count != n) return Status::error("values_count is " + std::to_string(count) + " but the op has " + std::to_string(n) + " inputs");
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(ctx.attrs().get_int("axis", 0), first.rank() + 1, "axis", &axis));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(first, out, "input 0", "output"));
  const bool quantized = out.quant && !out.quant->scale.empty();
  for (int i = 0; i < n; ++i) {
    const RtTensor* t = ctx.input(i);
    const std::string name = "input " + std::to_string(i);
    if (!t) return Status::error(name + " is missing");
    XLITE_RETURN_IF_ERROR(layout::require_same_dtype(*t, first, name.c_str(), "input 0"));
    if (t->shape != first.shape)
      return Status::error(name + " has shape " + shape_to_string(t->shape) + ", input 0 " + shape_to_string(first.shape));
    if (quantized) XLITE_RETURN_IF_ERROR(layout::require_same_quant(*t, out, name.c_str()));
  }
  s->outer = layout::product(first.shape, 0, axis);
  s->chunk.assign(n, layout::product(first.shape, axis, first.rank()));
  out.shape = first.shape;
  out.shape.insert(out.shape.begin() + axis, n);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  std::vector<const uint8_t*> inputs;
  for (int i = 0; i < ctx.num_inputs(); ++i) inputs.push_back(ctx.input(i)->data);
  ref::concat_bytes(s.outer, inputs, s.chunk, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::pack
