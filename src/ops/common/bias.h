// SPDX-License-Identifier: Apache-2.0
// The bias of an int16x8 conv-like op (int16 activations, int8 weights).
// The converter stores it as int64; CONV_2D, FULLY_CONNECTED and
// TRANSPOSE_CONV also take an int32 bias, named by the option
// quantized_bias_type, and for CONV_2D and TRANSPOSE_CONV that also makes the
// accumulator and its requantization 32-bit (TFLite conv.cc and
// transpose_conv.cc Prepare/EvalQuantizedPerChannel16x8).
// DEPTHWISE_CONV_2D has no such option and refuses an int32 bias
// (depthwise_conv.cc Prepare: bias->type must be kTfLiteInt64).
//
// With quantized_bias_type unset, LiteRT 2.3 reads an int32 bias as int64
// data (past the end of the buffer); xlite reads it as what it is, int32.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "runtime/tensor.h"

namespace xlite::ops {

// Checks quantized_bias_type (a schema TensorType: 0, FLOAT32, is the unset
// default) against the bias and sets *int32_bias when the op runs with an
// int32 bias.
inline Status int16x8_bias_type(int64_t quantized_bias_type, const RtTensor* bias, bool* int32_bias) {
  constexpr int64_t kUnset = 0, kInt32 = 2, kInt64 = 4;
  if (quantized_bias_type != kUnset && quantized_bias_type != kInt32 && quantized_bias_type != kInt64)
    return Status::error("quantized_bias_type must be INT32 or INT64");
  if (quantized_bias_type != kUnset && bias &&
      bias->dtype != (quantized_bias_type == kInt32 ? DType::kInt32 : DType::kInt64))
    return Status::error("bias type " + std::string(dtype_name(bias->dtype)) + " does not match quantized_bias_type");
  *int32_bias =
      quantized_bias_type == kInt32 || (quantized_bias_type == kUnset && bias && bias->dtype == DType::kInt32);
  return ok_status();
}

// DEPTHWISE_CONV_2D with int16 activations: an int64 bias or none.
inline Status int16x8_bias_must_be_int64(const RtTensor* bias) {
  if (bias == nullptr || bias->dtype == DType::kInt64) return ok_status();
  return Status::error("a bias of type " + std::string(dtype_name(bias->dtype)) +
                       " with int16 activations is not supported: DEPTHWISE_CONV_2D needs an int64 bias, as in "
                       "LiteRT (depthwise_conv.cc: bias->type != kTfLiteInt64)");
}

}  // namespace xlite::ops
