// SPDX-License-Identifier: Apache-2.0
// CAST between float32, float16, float64, bool and the 8/16/32/64-bit
// integers; the input and output tensors' types decide (in_data_type and
// out_data_type repeat them). Quantization parameters are ignored, as in
// TFLite: CAST converts stored values.
#include "ops/cast/cast_ref.h"

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::cast {
namespace {

// Calls fn with a value of the C++ type that stores `t`'s elements.
template <typename Fn>
bool with_type(DType t, Fn&& fn) {
  switch (t) {
    case DType::kFloat32: fn(float{}); return true;
    case DType::kFloat64: fn(double{}); return true;
    case DType::kFloat16: fn(ref::Half{}); return true;
    case DType::kBool: fn(bool{}); return true;
    case DType::kInt8: fn(int8_t{}); return true;
    case DType::kUInt8: fn(uint8_t{}); return true;
    case DType::kInt16: fn(int16_t{}); return true;
    case DType::kUInt16: fn(uint16_t{}); return true;
    case DType::kInt32: fn(int32_t{}); return true;
    case DType::kUInt32: fn(uint32_t{}); return true;
    case DType::kInt64: fn(int64_t{}); return true;
    case DType::kUInt64: fn(uint64_t{}); return true;
    default: return false;
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (!with_type(in.dtype, [](auto) {})) return check::unsupported_dtype(in, "input");
  if (!with_type(out.dtype, [](auto) {})) return check::unsupported_dtype(out, "output");
  out.shape = in.shape;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int64_t n = in.num_elements();
  with_type(in.dtype, [&](auto from) {
    using From = decltype(from);
    with_type(out.dtype, [&](auto to) {
      using To = decltype(to);
      ref::cast(in.as<From>(), n, out.as<To>());
    });
  });
  return ok_status();
}

}  // namespace xlite::ops::cast
