// SPDX-License-Identifier: Apache-2.0
// The comparison ops (EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
// GREATER_EQUAL): a bool output with NumPy broadcasting. float32, int32,
// int64 and bool compare values; int8/uint8 compare real values through
// TFLite's scaled path (comparisons.cc): each side (q - zp) << 8 times its
// own scale as a multiplier below one, so operands with different
// quantization compare correctly.
#pragma once

#include "ops/common/broadcast.h"
#include "ops/common/checks.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::comparison {

struct State : OpState {
  bcast::Map map;
  int32_t m1 = 0, m2 = 0;
  int s1 = 0, s2 = 0;
};

inline Status prepare(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  if (a.dtype != b.dtype)
    return Status::error("inputs are " + std::string(dtype_name(a.dtype)) + " and " + std::string(dtype_name(b.dtype)));
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(bcast::make_map(a, b, &s->map));
  out.shape = s->map.output_shape();
  out.dtype = DType::kBool;
  switch (a.dtype) {
    case DType::kFloat32:
    case DType::kInt32:
    case DType::kInt64:
    case DType::kBool:
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(a, "input 1"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(b, "input 2"));
      quant::quantize_multiplier(a.scale(), &s->m1, &s->s1);
      quant::quantize_multiplier(b.scale(), &s->m2, &s->s2);
      return ok_status();
    default:
      return check::unsupported_dtype(a, "input");
  }
}

template <typename Cmp>
Status eval(KernelContext& ctx, Cmp cmp) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  bool* y = reinterpret_cast<bool*>(out.data);
  auto plain = [&](auto* pa, auto* pb) { bcast::apply(s.map, pa, pb, y, [&](auto x, auto z) { return cmp(x, z); }); };
  auto scaled = [&](auto* pa, auto* pb) {
    const int32_t za = a.zero_point(), zb = b.zero_point();
    bcast::apply(s.map, pa, pb, y, [&](auto x, auto z) {
      const int32_t sx = quant::multiply_by_quantized_multiplier((static_cast<int32_t>(x) - za) * 256, s.m1, s.s1);
      const int32_t sz = quant::multiply_by_quantized_multiplier((static_cast<int32_t>(z) - zb) * 256, s.m2, s.s2);
      return cmp(sx, sz);
    });
  };
  switch (a.dtype) {
    case DType::kFloat32: plain(a.as<float>(), b.as<float>()); break;
    case DType::kInt32: plain(a.as<int32_t>(), b.as<int32_t>()); break;
    case DType::kInt64: plain(a.as<int64_t>(), b.as<int64_t>()); break;
    case DType::kBool: plain(a.as<bool>(), b.as<bool>()); break;
    case DType::kInt8: scaled(a.as<int8_t>(), b.as<int8_t>()); break;
    case DType::kUInt8: scaled(a.as<uint8_t>(), b.as<uint8_t>()); break;
    default: return check::unsupported_dtype(a, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::comparison
