// SPDX-License-Identifier: Apache-2.0
// SUM over the axes of a constant int32 axis input (ReducerOptions
// keep_dims). float32 and int32 sum in their own type; int8/uint8 sum in
// int32 and rescale in float, as TFLite's optimized kernel does:
// round(sum * s + b) + zp_out with s = in_scale / out_scale and
// b = -zp_in * s * count, clamped. (LiteRT's reference path for int8 reads
// the data as uint8, a bug xlite does not copy; see tests/python/test_parity.py.)
#include <algorithm>
#include <cmath>

#include "ops/common/quant.h"
#include "ops/common/reduce.h"

namespace xlite::ops::sum {

Status prepare(KernelContext& ctx) {
  ReduceState* s = ctx.make_state<ReduceState>();
  XLITE_RETURN_IF_ERROR(prepare_reduce(ctx, s));
  const RtTensor& in = *ctx.input(0);
  const RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32:
    case DType::kInt32:
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
      quant::dtype_range(in.dtype, &s->qmin, &s->qmax);
      return ok_status();
    default:
      return check::unsupported_dtype(in, "input");
  }
}

namespace {

template <typename T>
void sum_plain(const ReduceState& s, const RtTensor& in, RtTensor& out) {
  T* y = out.as<T>();
  std::fill(y, y + s.outputs, T(0));
  const T* x = in.as<T>();
  for_each_reduced(s, [&](int64_t i, int64_t o) { y[o] += x[i]; });
}

template <typename T>
void sum_quantized(const ReduceState& s, const RtTensor& in, RtTensor& out) {
  std::vector<int32_t> acc(s.outputs, 0);
  const T* x = in.as<T>();
  for_each_reduced(s, [&](int64_t i, int64_t o) { acc[o] += x[i]; });
  T* y = out.as<T>();
  const float scale = in.scale() / out.scale();
  const float bias = static_cast<float>(-in.zero_point()) * scale * static_cast<float>(s.reduced_count);
  for (int64_t o = 0; o < s.outputs; ++o) {
    const int32_t v = static_cast<int32_t>(std::round(static_cast<float>(acc[o]) * scale + bias)) + out.zero_point();
    y[o] = static_cast<T>(std::min(std::max(v, s.qmin), s.qmax));
  }
}

}  // namespace

Status eval(KernelContext& ctx) {
  const ReduceState& s = *ctx.state<ReduceState>();
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32: sum_plain<float>(s, in, out); break;
    case DType::kInt32: sum_plain<int32_t>(s, in, out); break;
    case DType::kInt8: sum_quantized<int8_t>(s, in, out); break;
    case DType::kUInt8: sum_quantized<uint8_t>(s, in, out); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::sum
