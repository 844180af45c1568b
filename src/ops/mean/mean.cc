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
#include <type_traits>

#include "kernels/kernels.h"
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

// Outside --reference-kernels, an [outer, mid, inner] reduction (reduced_block)
// sums each output's inputs in the reference's order (mid ascending), rows
// of `inner` at a time so the loop vectorises, with the outputs split across
// threads; the same sums, so the same results.
template <typename Acc, typename T>
void block_sums(KernelContext& ctx, int64_t outer, int64_t mid, int64_t inner, const T* x, Acc* sum) {
  if constexpr (std::is_same_v<T, float> && std::is_same_v<Acc, float>) {
    // float: the vectorised column sums (kernels/sum_rows_f32.h), the same
    // sums in the same order.
    static const kernels::SumRowsF32Kernel* const k = kernels::select<kernels::SumRowsF32Kernel>().kernel;
    ctx.parallel_for(
        outer * inner,
        [&](int64_t begin, int64_t end, int) {
          for (int64_t o = begin / inner; o * inner < end; ++o) {
            const int64_t c0 = std::max<int64_t>(begin - o * inner, 0), c1 = std::min(end - o * inner, inner);
            k->run(x + o * mid * inner, mid, inner, c0, c1, sum + o * inner);
          }
        },
        std::max<int64_t>(64, 262144 / std::max<int64_t>(mid, 1)));
    return;
  }
  ctx.parallel_for(
      outer * inner,
      [&](int64_t begin, int64_t end, int) {
        for (int64_t o = begin / inner; o * inner < end; ++o) {
          const int64_t c0 = std::max<int64_t>(begin - o * inner, 0), c1 = std::min(end - o * inner, inner);
          Acc* acc = sum + o * inner;
          for (int64_t c = c0; c < c1; ++c) acc[c] = 0;
          for (int64_t m = 0; m < mid; ++m) {
            const T* row = x + (o * mid + m) * inner;
            for (int64_t c = c0; c < c1; ++c) acc[c] += static_cast<Acc>(row[c]);
          }
        }
      },
      // ~262 K inputs and at least 64 channels a piece: narrower pieces
      // each still stream every row of the input through the cache.
      std::max<int64_t>(64, 262144 / std::max<int64_t>(mid, 1)));
}

template <typename Acc, typename T>
std::vector<Acc> sums(KernelContext& ctx, const ReduceState& s, const T* x) {
  std::vector<Acc> sum(s.outputs, 0);
  int64_t outer, mid, inner;
  if (!ctx.reference_only() && reduced_block(s, &outer, &mid, &inner) && outer * inner == s.outputs &&
      s.reduced_count == mid) {
    block_sums(ctx, outer, mid, inner, x, sum.data());
    return sum;
  }
  for_each_reduced(s, [&](int64_t i, int64_t o) { sum[o] += x[i]; });
  return sum;
}

template <typename T>
void mean_quantized(KernelContext& ctx, const ReduceState& s, const RtTensor& in, RtTensor& out) {
  const std::vector<int32_t> sum = sums<int32_t>(ctx, s, in.as<T>());
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
      const std::vector<float> sum = sums<float>(ctx, s, in.as<float>());
      float* y = out.as<float>();
      // An empty reduction is 0/0: NaN, as TFLite fills it.
      for (int64_t o = 0; o < s.outputs; ++o)
        y[o] = s.reduced_count ? sum[o] / static_cast<float>(s.reduced_count)
                               : std::numeric_limits<float>::quiet_NaN();
      break;
    }
    case DType::kInt8: mean_quantized<int8_t>(ctx, s, in, out); break;
    case DType::kUInt8: mean_quantized<uint8_t>(ctx, s, in, out); break;
    case DType::kInt16: mean_quantized<int16_t>(ctx, s, in, out); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::mean
