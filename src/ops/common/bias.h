// SPDX-License-Identifier: Apache-2.0
// 16x8 kernels accumulate in int64 and take an int64 bias; a model may
// store it as int32 instead (quantized_bias_type), which is widened here.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/tensor.h"

namespace xlite::ops {

inline const int64_t* bias_as_int64(const RtTensor* bias, std::vector<int64_t>& storage) {
  if (bias == nullptr) return nullptr;
  if (bias->dtype == DType::kInt64) return bias->as<int64_t>();
  storage.assign(bias->as<int32_t>(), bias->as<int32_t>() + bias->num_elements());
  return storage.data();
}

}  // namespace xlite::ops
