// SPDX-License-Identifier: Apache-2.0
// TANH: float32; int8/uint8 through a 256-entry table built in float;
// int16 with zero points 0 and output scale 1/32768.
// Prepare facts: TFLite activations.cc TanhPrepare (kReference).
#include <cmath>

#include "ops/common/quant.h"
#include "ops/common/lut.h"
#include "ops/common/sigmoid_table.h"
#include "ops/common/table_eval.h"
#include "ops/common/unary.h"
#include "ops/tanh/tanh_ref.h"

namespace xlite::ops::tanh {
namespace {

struct State : OpState {
  int8_t table[256];
  int32_t multiplier = 0;
  int left_shift = 0;
  const kernels::LutU8Kernel* lut = nullptr;  // int8/uint8, unless reference_only
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(in, out));
  State* s = ctx.make_state<State>();
  switch (in.dtype) {
    case DType::kFloat32:
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8: {
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      auto tanh_fn = [](float v) { return std::tanh(v); };
      s->lut = table_eval::select(ctx);
      if (in.dtype == DType::kInt8)
        lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), tanh_fn, s->table);
      else
        lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), tanh_fn,
                      reinterpret_cast<uint8_t*>(s->table));
      return ok_status();
    }
    case DType::kInt16: {
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      if (in.zero_point() != 0 || out.zero_point() != 0) return Status::error("int16 zero points must be 0");
      int log2_out = 0;
      if (!quant::checked_log2(out.scale(), &log2_out) || log2_out != -15)
        return Status::error("output scale must be 1/32768");
      int log2_scale = 0;
      const bool pot = quant::checked_log2(in.scale(), &log2_scale);
      // kInputIntegerBits = 3: a Q3.12 input needs no rescaling.
      s->left_shift = 15 - 3 + log2_scale;
      // TANH also takes a Q4.11 input (shift 1) directly.
      if (!pot || (s->left_shift != 0 && s->left_shift != 1))
        ref::sigmoid_table_input_multiplier(in.scale(), &s->multiplier, &s->left_shift);
      return ok_status();
    }
    default:
      return check::unsupported_dtype(in, "input");
  }
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const int64_t n = in.num_elements();
  switch (in.dtype) {
    case DType::kFloat32:
      unary::parallel(ctx, n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) out.as<float>()[i] = std::tanh(in.as<float>()[i]);
      });
      break;
    case DType::kInt8:
      table_eval::apply(ctx, s.lut, s.table, in.as<int8_t>(), out.as<int8_t>(), n);
      break;
    case DType::kUInt8:
      table_eval::apply(ctx, s.lut, s.table, in.as<uint8_t>(), out.as<uint8_t>(), n);
      break;
    case DType::kInt16:
      ref::tanh_int16(s.multiplier, s.left_shift, n, in.as<int16_t>(), out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::tanh
