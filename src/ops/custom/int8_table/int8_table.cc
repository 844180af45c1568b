// SPDX-License-Identifier: Apache-2.0
// xlite.Int8Table: y = table[x] for an int8 or uint8 x, the fused op of
// passes/fuse_int8_table.cc (quantized swish, LOGISTIC then MUL). One
// input x, one output y of x's shape and type. Attribute `table`: 256
// output codes in code order (entry i for input code -128 + i for int8, i
// for uint8), each within the type's range; the pass computed them with
// the fused ops' reference kernels, so the lookup is bit-exact.
// Runs the vectorised 256-entry lookup (kernels/lut_u8.h) split across the
// threads, or the plain loop under --reference-kernels (table_eval.h).
#include <string>

#include "ops/common/checks.h"
#include "ops/common/table_eval.h"
#include "ops/common/unary.h"
#include "ops/kernel.h"

namespace xlite::ops::custom::int8_table {
namespace {

struct State : OpState {
  uint8_t table[256];  // indexed by the input code's byte
  const kernels::LutU8Kernel* lut = nullptr;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  if (ctx.num_inputs() != 1 || ctx.num_outputs() != 1) return Status::error("expects 1 input and 1 output");
  const RtTensor* in = ctx.input(0);
  if (in == nullptr) return Status::error("input x is required");
  RtTensor& out = ctx.output(0);
  if (in->dtype != DType::kInt8 && in->dtype != DType::kUInt8) return check::unsupported_dtype(*in, "input");
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(*in, out));
  const std::vector<int64_t> table = ctx.attrs().get_ints("table");
  if (table.size() != 256)
    return Status::error("attribute table must hold 256 codes, holds " + std::to_string(table.size()));
  const bool is_int8 = in->dtype == DType::kInt8;
  const int64_t lo = is_int8 ? -128 : 0, hi = is_int8 ? 127 : 255;
  State* s = ctx.make_state<State>();
  for (int i = 0; i < 256; ++i) {
    if (table[i] < lo || table[i] > hi)
      return Status::error("table entry " + std::to_string(i) + " (" + std::to_string(table[i]) + ") is outside " +
                           std::string(dtype_name(in->dtype)));
    // Entry i is for code lo + i, whose byte is uint8(lo + i).
    s->table[static_cast<uint8_t>(lo + i)] = static_cast<uint8_t>(table[i]);
  }
  s->lut = table_eval::select(ctx);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  table_eval::apply(ctx, s.lut, s.table, in.as<uint8_t>(), out.as<uint8_t>(), in.num_elements());
  return ok_status();
}

}  // namespace xlite::ops::custom::int8_table
