// SPDX-License-Identifier: Apache-2.0
// Requantization parameters of the conv-like ops (CONV_2D,
// DEPTHWISE_CONV_2D, TRANSPOSE_CONV, FULLY_CONNECTED): one multiplier and
// shift per output channel from input_scale x weight_scale[c] /
// output_scale, and the output range after the fused activation.
//
// TFLite computes that product two ways, and bit-exactness depends on which:
// PopulateConvolutionQuantizationParams widens each scale to double first
// (int8/int16 convolutions, per-channel weights); GetQuantizedConvolution-
// Multipler multiplies the two float scales in float (uint8 convolutions,
// per-tensor FULLY_CONNECTED) (kernel_util.cc).
#pragma once

#include <vector>

#include "ops/common/checks.h"
#include "ops/common/quant.h"

namespace xlite::ops {

enum class ScaleProduct { kDouble, kFloat };

struct ChannelQuant {
  std::vector<int32_t> multiplier;
  std::vector<int> shift;
  int32_t qmin = 0, qmax = 0;
};

// Checks the operand types of a quantized conv-like op: int8 or legacy
// uint8 activations with weights of the same type and an int32 bias, or
// int16 activations (zero point 0) with int8 weights and an int64 (or int32)
// bias; one positive scale per activation; 1 or `channels` weight scales.
inline Status check_conv_operands(const RtTensor& in, const RtTensor& w, const RtTensor* bias, const RtTensor& out,
                                  int32_t channels) {
  const bool x16 = in.dtype == DType::kInt16;
  XLITE_RETURN_IF_ERROR(check::dtype(w, x16 ? DType::kInt8 : in.dtype, "weights"));
  if (bias && !(bias->dtype == DType::kInt32 || (x16 && bias->dtype == DType::kInt64)))
    return check::unsupported_dtype(*bias, "bias");
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
  if (x16 && (in.zero_point() != 0 || out.zero_point() != 0))
    return Status::error("int16 activations need zero points of 0");
  const size_t n = w.quant ? w.quant->scale.size() : 0;
  if (n != 1 && static_cast<int32_t>(n) != channels)
    return Status::error("weights need 1 or " + std::to_string(channels) + " scales, have " + std::to_string(n));
  if (in.dtype == DType::kUInt8 && n != 1) return Status::error("uint8 weights must be quantized per tensor");
  return ok_status();
}

inline void channel_quant(const RtTensor& in, const RtTensor& w, const RtTensor& out, int32_t channels,
                          int activation, ScaleProduct product, ChannelQuant* q) {
  const std::vector<float>& ws = w.quant->scale;
  q->multiplier.resize(channels);
  q->shift.resize(channels);
  for (int32_t c = 0; c < channels; ++c) {
    const float fs = ws.size() == 1 ? ws[0] : ws[c];
    const double real = product == ScaleProduct::kDouble
                            ? static_cast<double>(in.scale()) * static_cast<double>(fs) / out.scale()
                            : static_cast<double>(in.scale() * fs) / static_cast<double>(out.scale());
    quant::quantize_multiplier(real, &q->multiplier[c], &q->shift[c]);
  }
  int32_t lo, hi;
  quant::dtype_range(out.dtype, &lo, &hi);
  quant::activation_range_quantized(activation, out.scale(), out.zero_point(), lo, hi, &q->qmin, &q->qmax);
}

}  // namespace xlite::ops
