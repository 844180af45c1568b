// SPDX-License-Identifier: Apache-2.0
// MEAN over the axes of a constant int32 axis input (ReducerOptions
// keep_dims). float32 sums in float and divides; int8/uint8/int16 follow
// TFLite's reference QuantizedMeanOrSum: an int32 sum, minus zero point x
// count, rescaled by in_scale/out_scale folded with 1/count into one
// multiplier: shift = min(floor(log2(count)), 32, 31 + out_shift),
// multiplier' = (multiplier << shift) / count, shift' = out_shift - shift.
#include <algorithm>
#include <bit>
#include <limits>

#include "ops/common/quant.h"
#include "ops/common/reduce.h"

namespace xlite::ops::mean {

Status prepare(KernelContext& ctx) {
  ReduceState* s = ctx.make_state<ReduceState>();
  XLITE_RETURN_IF_ERROR(prepare_reduce(ctx, s));
  const RtTensor& in = *ctx.input(0);
  const RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32:
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16: {
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
      if (in.dtype == DType::kInt16 && (in.zero_point() != 0 || out.zero_point() != 0))
        return Status::error("int16 MEAN needs zero points of 0");
      quant::quantize_multiplier(static_cast<double>(in.scale()) / static_cast<double>(out.scale()), &s->multiplier,
                                 &s->shift);
      const int64_t n = s->reduced_count;
      if (n > 0) {
        int shift = 63 - std::countl_zero(static_cast<uint64_t>(n));
        shift = std::min(shift, 32);
        shift = std::min(shift, 31 + s->shift);
        s->multiplier = static_cast<int32_t>((static_cast<int64_t>(s->multiplier) << shift) / n);
        s->shift -= shift;
      }
      quant::dtype_range(in.dtype, &s->qmin, &s->qmax);
      return ok_status();
    }
    default:
      return check::unsupported_dtype(in, "input");
  }
}

namespace {

template <typename T>
void mean_quantized(const ReduceState& s, const RtTensor& in, RtTensor& out) {
  std::vector<int32_t> sum(s.outputs, 0);
  const T* x = in.as<T>();
  for_each_reduced(s, [&](int64_t i, int64_t o) { sum[o] += x[i]; });
  const int32_t zp_in = in.zero_point(), zp_out = out.zero_point();
  T* y = out.as<T>();
  for (int64_t o = 0; o < s.outputs; ++o) {
    if (s.reduced_count == 0) {
      y[o] = T();
      continue;
    }
    const int32_t shifted = static_cast<int32_t>(sum[o] - static_cast<int64_t>(zp_in) * s.reduced_count);
    const int32_t v = quant::multiply_by_quantized_multiplier(shifted, s.multiplier, s.shift) + zp_out;
    y[o] = static_cast<T>(std::min(std::max(v, s.qmin), s.qmax));
  }
}

}  // namespace

Status eval(KernelContext& ctx) {
  const ReduceState& s = *ctx.state<ReduceState>();
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32: {
      std::vector<float> sum(s.outputs, 0.0f);
      const float* x = in.as<float>();
      for_each_reduced(s, [&](int64_t i, int64_t o) { sum[o] += x[i]; });
      float* y = out.as<float>();
      // An empty reduction is 0/0: NaN, as TFLite fills it.
      for (int64_t o = 0; o < s.outputs; ++o)
        y[o] = s.reduced_count ? sum[o] / static_cast<float>(s.reduced_count)
                               : std::numeric_limits<float>::quiet_NaN();
      break;
    }
    case DType::kInt8: mean_quantized<int8_t>(s, in, out); break;
    case DType::kUInt8: mean_quantized<uint8_t>(s, in, out); break;
    case DType::kInt16: mean_quantized<int16_t>(s, in, out); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::mean
