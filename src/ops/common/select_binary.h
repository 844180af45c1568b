// SPDX-License-Identifier: Apache-2.0
// MAXIMUM and MINIMUM: one broadcast binary op that picks an operand,
// for float32, int8, uint8, int16, int32, int64. Quantized operands are
// compared as stored: the quantization spec makes inputs and output share
// scale and zero point (TFLite maximum_minimum.cc does not rescale either).
// float32 outside --reference-kernels runs the vectorised kernel
// (binary_f32.h), bit-identical with the reference's x > y ? x : y.
#pragma once

#include <limits>

#include "ops/common/checks.h"
#include "ops/common/binary_f32.h"
#include "ops/common/elementwise.h"
#include "ops/kernel.h"

namespace xlite::ops::select_binary {

struct State : OpState {
  bcast::Map map;
  elementwise::BinaryF32 fast;
};

// op: kMaximum or kMinimum.
inline Status prepare(KernelContext& ctx, kernels::BinaryF32Op op) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(elementwise::prepare_binary(ctx, &s->map));
  const RtTensor& a = *ctx.input(0);
  switch (a.dtype) {
    case DType::kFloat32:
      s->fast.init(ctx, op, -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity());
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
    case DType::kInt32:
    case DType::kInt64: return ok_status();
    default: return check::unsupported_dtype(a, "input");
  }
}

// `Kernel` is a class template with a static run<T>(map, a, b, out).
template <template <typename> class Kernel>
Status eval(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const bcast::Map& m = s.map;
  if (a.dtype == DType::kFloat32 && s.fast.kernel) {
    s.fast.run(ctx, m, a.as<float>(), b.as<float>(), out.as<float>());
    return ok_status();
  }
  switch (a.dtype) {
    case DType::kFloat32: Kernel<float>::run(m, a.as<float>(), b.as<float>(), out.as<float>()); break;
    case DType::kInt8: Kernel<int8_t>::run(m, a.as<int8_t>(), b.as<int8_t>(), out.as<int8_t>()); break;
    case DType::kUInt8: Kernel<uint8_t>::run(m, a.as<uint8_t>(), b.as<uint8_t>(), out.as<uint8_t>()); break;
    case DType::kInt16: Kernel<int16_t>::run(m, a.as<int16_t>(), b.as<int16_t>(), out.as<int16_t>()); break;
    case DType::kInt32: Kernel<int32_t>::run(m, a.as<int32_t>(), b.as<int32_t>(), out.as<int32_t>()); break;
    case DType::kInt64: Kernel<int64_t>::run(m, a.as<int64_t>(), b.as<int64_t>(), out.as<int64_t>()); break;
    default: return check::unsupported_dtype(a, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::select_binary
