// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SHAPE: the static input shape as a constant.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::shape {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  std::vector<uint8_t> bytes;
  for (int64_t d : in->type.shape) {
    if (out.dtype == DType::kInt64) {
      bytes.insert(bytes.end(), reinterpret_cast<const uint8_t*>(&d), reinterpret_cast<const uint8_t*>(&d) + 8);
    } else {
      const int32_t v = static_cast<int32_t>(d);
      bytes.insert(bytes.end(), reinterpret_cast<const uint8_t*>(&v), reinterpret_cast<const uint8_t*>(&v) + 4);
    }
  }
  if (out.dtype != DType::kInt64 && out.dtype != DType::kInt32) return Status::error("output must be int32 or int64");
  ctx.set_output(0, ctx.b.constant(out, bytes));
  return ok_status();
}

}  // namespace xlite::ops::shape
