// SPDX-License-Identifier: Apache-2.0
// GELU (approximate: tanh form): float32; int8/uint8 through a 256-entry
// table and int16 through the 513-entry interpolated table, all built in
// float from the same functions (TFLite activations.cc GeluPrepare; the
// int16 kernel is in LiteRT 2.3.0, measured, though not in every LiteRT
// source snapshot).
#include "ops/common/lut.h"
#include "ops/common/table_eval.h"
#include "ops/common/unary.h"
#include "ops/gelu/gelu_ref.h"

namespace xlite::ops::gelu {
namespace {

struct State : OpState {
  int8_t table[256];
  int16_t table16[lut::kInt16TableSize];
  const kernels::LutU8Kernel* lut = nullptr;  // int8/uint8, unless reference_only
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(in, out));
  State* s = ctx.make_state<State>();
  const auto fn = ctx.attrs().get_bool("approximate") ? &ref::gelu_tanh : &ref::gelu_exact;
  s->lut = table_eval::select(ctx);
  switch (in.dtype) {
    case DType::kFloat32:
      return ok_status();
    case DType::kInt8:
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), fn, s->table);
      return ok_status();
    case DType::kUInt8:
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), fn,
                    reinterpret_cast<uint8_t*>(s->table));
      return ok_status();
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
      XLITE_RETURN_IF_ERROR(unary::int16_zero_points(in, out));
      lut::populate_int16<float>(in.scale(), in.zero_point(), out.scale(), out.zero_point(), fn, s->table16);
      return ok_status();
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
    case DType::kFloat32: {
      const auto fn = ctx.attrs().get_bool("approximate") ? &ref::gelu_tanh : &ref::gelu_exact;
      unary::parallel(ctx, n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) out.as<float>()[i] = fn(in.as<float>()[i]);
      });
      break;
    }
    case DType::kInt8:
      table_eval::apply(ctx, s.lut, s.table, in.as<int8_t>(), out.as<int8_t>(), n);
      break;
    case DType::kInt16:
      lut::lookup_int16(in.as<int16_t>(), n, s.table16, out.as<int16_t>());
      break;
    default:
      table_eval::apply(ctx, s.lut, s.table, in.as<uint8_t>(), out.as<uint8_t>(), n);
      break;
  }
  return ok_status();
}

}  // namespace xlite::ops::gelu
