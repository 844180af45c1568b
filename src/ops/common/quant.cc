// SPDX-License-Identifier: Apache-2.0
#include "ops/common/quant.h"

#include <algorithm>
#include <cmath>

namespace xlite::quant {

void quantize_multiplier(double real, int32_t* multiplier, int* shift) {
  if (real == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  const double q = std::frexp(real, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    q_fixed = 0;
  }
  *multiplier = static_cast<int32_t>(q_fixed);
}

// ActivationFunctionType values (schema): NONE 0, RELU 1, RELU_N1_TO_1 2,
// RELU6 3, TANH 4, SIGN_BIT 5.
void activation_range_quantized(int activation, float scale, int32_t zp, int32_t qmin, int32_t qmax,
                                int32_t* act_min, int32_t* act_max) {
  auto q = [&](float f) { return zp + static_cast<int32_t>(std::round(f / scale)); };
  switch (activation) {
    case 1:
      *act_min = std::max(qmin, q(0.0f));
      *act_max = qmax;
      break;
    case 3:
      *act_min = std::max(qmin, q(0.0f));
      *act_max = std::min(qmax, q(6.0f));
      break;
    case 2:
      *act_min = std::max(qmin, q(-1.0f));
      *act_max = std::min(qmax, q(1.0f));
      break;
    default:
      *act_min = qmin;
      *act_max = qmax;
  }
}

void activation_range_float(int activation, float* act_min, float* act_max) {
  switch (activation) {
    case 1:
      *act_min = 0.0f;
      *act_max = std::numeric_limits<float>::max();
      break;
    case 3:
      *act_min = 0.0f;
      *act_max = 6.0f;
      break;
    case 2:
      *act_min = -1.0f;
      *act_max = 1.0f;
      break;
    default:
      *act_min = std::numeric_limits<float>::lowest();
      *act_max = std::numeric_limits<float>::max();
  }
}

void dtype_range(DType t, int32_t* qmin, int32_t* qmax) {
  switch (t) {
    case DType::kInt8: *qmin = -128; *qmax = 127; return;
    case DType::kUInt8: *qmin = 0; *qmax = 255; return;
    case DType::kInt16: *qmin = -32768; *qmax = 32767; return;
    default: *qmin = std::numeric_limits<int32_t>::min(); *qmax = std::numeric_limits<int32_t>::max(); return;
  }
}

}  // namespace xlite::quant
