// SPDX-License-Identifier: Apache-2.0
// Reference SOFTMAX over the last dimension: exp((x - max) * beta) / sum.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace xlite::ref {

inline void softmax_float(int64_t rows, int32_t depth, float beta, const float* input, float* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = input + r * depth;
    float* y = output + r * depth;
    float max = std::numeric_limits<float>::lowest();
    for (int32_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) {
      y[c] = std::exp((x[c] - max) * beta);
      sum += y[c];
    }
    for (int32_t c = 0; c < depth; ++c) y[c] /= sum;
  }
}

}  // namespace xlite::ref
