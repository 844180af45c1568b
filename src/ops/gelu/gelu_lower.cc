// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of GELU: approximate: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3)));
// exact: 0.5x(1 + erf(x/sqrt(2))), erf from CHLO (which jax and IREE
// both read and legalize to StableHLO).
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::gelu {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  auto c = [&](double v) { return b.splat(t.dtype, t.shape, v); };
  const Value& x = in.value();
  Value inner;
  if (ctx.attrs().get_bool("approximate", false)) {
    Value x3 = b.mul(b.mul(x, x), x);
    Value u = b.mul(c(0.7978845608028654), b.add(x, b.mul(c(0.044715), x3)));
    inner = b.unary("stablehlo.tanh", u);
  } else {
    inner = b.unary("chlo.erf", b.mul(x, c(0.7071067811865476)));
  }
  ctx.set_output(0, b.mul(b.mul(c(0.5), x), b.add(c(1.0), inner)));
  return ok_status();
}

}  // namespace xlite::ops::gelu
