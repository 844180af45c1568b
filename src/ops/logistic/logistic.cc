// SPDX-License-Identifier: Apache-2.0
// LOGISTIC: float32; int8/uint8 through a 256-entry table built in float
// (output scale 1/256); int16 with zero points 0 and output scale 1/32768.
// float32 runs a vectorised variant (src/kernels) unless reference_only.
// Prepare facts: TFLite activations.cc SigmoidPrepare (kReference).
#include <cmath>

#include "kernels/kernels.h"
#include "ops/common/quant.h"
#include "ops/common/lut.h"
#include "ops/common/sigmoid_table.h"
#include "ops/common/table_eval.h"
#include "ops/common/unary.h"
#include "ops/logistic/logistic_ref.h"

namespace xlite::ops::logistic {
namespace {

struct State : OpState {
  int8_t table[256];
  int32_t multiplier = 0;
  int left_shift = 0;
  const kernels::LogisticF32Kernel* fast = nullptr;  // float32, unless reference_only
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
      if (!ctx.reference_only()) s->fast = kernels::select<kernels::LogisticF32Kernel>().kernel;
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8: {
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      if (out.scale() != 1.0f / 256) return Status::error("output scale must be 1/256");
      s->lut = table_eval::select(ctx);
      auto sigmoid = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
      if (in.dtype == DType::kInt8)
        lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), sigmoid, s->table);
      else
        lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), sigmoid,
                      reinterpret_cast<uint8_t*>(s->table));
      return ok_status();
    }
    case DType::kInt16: {
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      if (in.zero_point() != 0 || out.zero_point() != 0) return Status::error("int16 zero points must be 0");
      if (out.scale() != 1.0f / 32768) return Status::error("output scale must be 1/32768");
      int log2_scale = 0;
      const bool pot = quant::checked_log2(in.scale(), &log2_scale);
      // kInputIntegerBits = 3: a Q3.12 input needs no rescaling.
      s->left_shift = 15 - 3 + log2_scale;
      if (!pot || s->left_shift != 0) ref::sigmoid_table_input_multiplier(in.scale(), &s->multiplier, &s->left_shift);
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
      if (s.fast) {
        ctx.parallel_for(
            n, [&](int64_t b, int64_t e, int) { s.fast->run(in.as<float>() + b, out.as<float>() + b, e - b); },
            16384);
        break;
      }
      for (int64_t i = 0; i < n; ++i) out.as<float>()[i] = ref::logistic_float(in.as<float>()[i]);
      break;
    case DType::kInt8:
      table_eval::apply(ctx, s.lut, s.table, in.as<int8_t>(), out.as<int8_t>(), n);
      break;
    case DType::kUInt8:
      table_eval::apply(ctx, s.lut, s.table, in.as<uint8_t>(), out.as<uint8_t>(), n);
      break;
    case DType::kInt16:
      ref::logistic_int16(s.multiplier, s.left_shift, n, in.as<int16_t>(), out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::logistic
