// SPDX-License-Identifier: Apache-2.0
// Reference GELU, exact (erfc form) and tanh-approximate, in float32 as
// TFLite's GeluTransform / GeluTransformApproximate compute them; the int8
// and uint8 tables are built from these same functions.
// Source: TFLite kernels/internal/reference/gelu.h.
#pragma once

#include <cmath>

namespace xlite::ref {

// 0.5 x (1 + erf(x / sqrt 2)) written with erfc, which does not cancel for
// large negative x.
inline float gelu_exact(float x) {
  constexpr double kSqrtHalf = 0.70710678118654752440;  // M_SQRT1_2
  return 0.5f * x * std::erfc(x * static_cast<float>(-kSqrtHalf));
}

inline float gelu_tanh(float x) {
  // sqrt(2/pi) = M_2_SQRTPI * M_SQRT1_2, rounded once to float.
  constexpr float kSqrt2OverPi = static_cast<float>(1.12837916709551257390 * 0.70710678118654752440);
  return 0.5f * x * (1.f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
}

}  // namespace xlite::ref
