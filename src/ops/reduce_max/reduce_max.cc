// SPDX-License-Identifier: Apache-2.0
// REDUCE_MAX over the axes of a constant int32 axis input. Quantized inputs
// keep their quantization (TFLite requires output scale and zero point to
// equal the input's), so the maximum is taken on the stored values.
#include <algorithm>
#include <limits>

#include "ops/common/reduce.h"

namespace xlite::ops::reduce_max {

Status prepare(KernelContext& ctx) {
  ReduceState* s = ctx.make_state<ReduceState>();
  XLITE_RETURN_IF_ERROR(prepare_reduce(ctx, s));
  const RtTensor& in = *ctx.input(0);
  const RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32:
    case DType::kInt32:
    case DType::kInt64:
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
      if (in.scale() != out.scale() || in.zero_point() != out.zero_point())
        return Status::error("input and output quantization must be equal");
      return ok_status();
    default:
      return check::unsupported_dtype(in, "input");
  }
}

namespace {
template <typename T>
void reduce_max(const ReduceState& s, const RtTensor& in, RtTensor& out) {
  T* y = out.as<T>();
  std::fill(y, y + s.outputs, std::numeric_limits<T>::lowest());
  const T* x = in.as<T>();
  for_each_reduced(s, [&](int64_t i, int64_t o) { y[o] = std::max(y[o], x[i]); });
}
}  // namespace

Status eval(KernelContext& ctx) {
  const ReduceState& s = *ctx.state<ReduceState>();
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32: reduce_max<float>(s, in, out); break;
    case DType::kInt32: reduce_max<int32_t>(s, in, out); break;
    case DType::kInt64: reduce_max<int64_t>(s, in, out); break;
    case DType::kInt8: reduce_max<int8_t>(s, in, out); break;
    case DType::kUInt8: reduce_max<uint8_t>(s, in, out); break;
    case DType::kInt16: reduce_max<int16_t>(s, in, out); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::reduce_max
