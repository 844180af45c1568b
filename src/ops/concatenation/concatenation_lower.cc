// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of CONCATENATION: stablehlo.concatenate along the axis, then the fused
// activation.
#include <cmath>

#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"
#include "ops/concatenation/concatenation_ref.h"

namespace xlite::ops::concatenation {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  std::vector<Value> parts;
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    Result<Value> v = ctx.input(k);
    if (!v.ok()) return v.status();
    parts.push_back(v.value());
  }
  const shlo::TType out = ctx.output_type(0);
  if (integer_quant(ctx)) {
    // --quant=integer: the kernel's checks (int8 and int16 inputs share the
    // output's quantization; no fused activation). uint8 inputs with other
    // parameters are requantized as the kernel does (ref::requantize_uint8,
    // float arithmetic): a lookup in the table of its result for every code.
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
    if (!st.ok()) return st.status();
    const Tensor& to = ctx.output_tensor(0);
    for (int k = 0; k < ctx.num_inputs(); ++k) {
      const Tensor& t = ctx.input_tensor(k);
      if (t.dtype != DType::kUInt8 || (t.quant.scale == to.quant.scale && t.quant.zero_point == to.quant.zero_point))
        continue;
      const RtTensor ri = rt_tensor(t), ro = rt_tensor(to);
      std::vector<uint8_t> codes(256), table(256);
      for (int c = 0; c < 256; ++c) codes[c] = static_cast<uint8_t>(c);
      ref::requantize_uint8(codes.data(), 256, ri.scale(), ri.zero_point(), ro.scale(), ro.zero_point(), table.data());
      parts[k] = lookup(ctx.b, parts[k], ctx.b.constant({DType::kUInt8, {256}}, table));
    }
  }
  Result<int64_t> axis = shlo::normalize_axis(ctx.attrs().get_int("axis", 0), out.rank());
  if (!axis.ok()) return axis.status();
  Result<Value> act = shlo::apply_activation(ctx.b, ctx.b.concatenate(parts, axis.value()),
                                             ctx.attrs().get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::concatenation
