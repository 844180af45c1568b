// SPDX-License-Identifier: Apache-2.0
// CONCATENATION along `axis` (negative counts from the back). All inputs
// share rank and dtype and agree on every other dimension. Quantization
// follows TFLite's concatenation.cc: int8 inputs must carry the output's
// scale and zero point (no rescaling), int16 zero points must be 0, uint8
// inputs are rescaled to the output. The fused activation clamps float
// outputs; TFLite's kernel has no quantized variant of it, neither do we.
#include "ops/concatenation/concatenation_ref.h"

#include "ops/common/checks.h"
#include "ops/common/layout.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::concatenation {
namespace {

struct State : OpState {
  int64_t outer = 1;
  std::vector<int64_t> chunk;
  size_t elem = 0;
  bool rescale = false;  // uint8 with an input whose quantization differs
  bool clamp = false;
  float fmin = 0, fmax = 0;
  bool reference = false;  // --reference-kernels: element by element
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& first = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  s->reference = ctx.reference_only();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(first, "input 0", &s->elem));
  const int rank = first.rank();
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(ctx.attrs().get_int("axis", 0), rank, "axis", &axis));
  std::vector<int32_t> shape = first.shape;
  int64_t total = 0;
  const int64_t inner = layout::product(first.shape, axis + 1, rank);
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const RtTensor* t = ctx.input(i);
    const std::string name = "input " + std::to_string(i);
    if (!t) return Status::error(name + " is missing");
    XLITE_RETURN_IF_ERROR(layout::require_same_dtype(*t, first, name.c_str(), "input 0"));
    if (t->rank() != rank) return Status::error(name + " has rank " + std::to_string(t->rank()) + ", input 0 " + std::to_string(rank));
    for (int d = 0; d < rank; ++d)
      if (d != axis && t->shape[d] != first.shape[d])
        return Status::error(name + " has shape " + shape_to_string(t->shape) + ", incompatible with " +
                             shape_to_string(first.shape) + " along axis " + std::to_string(axis));
    total += t->shape[axis];
    s->chunk.push_back(t->shape[axis] * inner);
  }
  XLITE_RETURN_IF_ERROR(layout::fits_int32(total, "concatenated dimension"));
  shape[axis] = static_cast<int32_t>(total);
  s->outer = layout::product(first.shape, 0, axis);
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(first, out, "input 0", "output"));
  out.shape = shape;

  const int act = static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0));
  if (first.dtype == DType::kFloat32) {
    s->clamp = act != 0;
    quant::activation_range_float(act, &s->fmin, &s->fmax);
    return ok_status();
  }
  if (act != 0) return Status::error("a fused activation on " + std::string(dtype_name(first.dtype)) + " concatenation is not supported yet");
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const RtTensor& t = *ctx.input(i);
    const std::string name = "input " + std::to_string(i);
    if (first.dtype == DType::kInt8) XLITE_RETURN_IF_ERROR(layout::require_same_quant(t, out, name.c_str()));
    if (first.dtype == DType::kInt16 && t.zero_point() != 0) return Status::error(name + " must have zero point 0");
    if (first.dtype == DType::kUInt8 && !layout::same_quant(t, out)) {
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(t, name.c_str()));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
      s->rescale = true;
    }
  }
  if (first.dtype == DType::kInt16 && out.zero_point() != 0) return Status::error("output must have zero point 0");
  return ok_status();
}

Status eval(KernelContext& ctx) {
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  if (s.rescale) {
    // Block by block, so each input's elements get its own parameters.
    int64_t at = 0;
    for (int64_t o = 0; o < s.outer; ++o)
      for (int i = 0; i < ctx.num_inputs(); ++i) {
        const RtTensor& t = *ctx.input(i);
        ref::requantize_uint8(t.as<uint8_t>() + o * s.chunk[i], s.chunk[i], t.scale(), t.zero_point(), out.scale(),
                              out.zero_point(), out.as<uint8_t>() + at);
        at += s.chunk[i];
      }
    return ok_status();
  }
  std::vector<const uint8_t*> inputs;
  for (int i = 0; i < ctx.num_inputs(); ++i) inputs.push_back(ctx.input(i)->data);
  if (s.reference)
    ref::concat_bytes(s.outer, inputs, s.chunk, out.data, s.elem);
  else
    ref::concat_chunks(s.outer, inputs, s.chunk, out.data, s.elem);
  if (s.clamp) ref::clamp_float(out.as<float>(), out.num_elements(), s.fmin, s.fmax);
  return ok_status();
}

}  // namespace xlite::ops::concatenation
