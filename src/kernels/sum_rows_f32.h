// SPDX-License-Identifier: Apache-2.0
// float32 column sums of a [mid, inner] block, the inner loop of MEAN (and
// SUM) over a run of axes: sum[c] = x[0][c] + x[1][c] + ... + x[mid-1][c]
// for c in [c0, c1), each added in row order from 0.0f, so every variant
// is bit-identical with the reference's sequential sums (a lane per
// channel: no sum is reassociated). x is row-major with rows of `inner`
// floats; sum holds [c0, c1) at sum[c0..c1).
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct SumRowsF32Kernel {
  void (*run)(const float* x, int64_t mid, int64_t inner, int64_t c0, int64_t c1, float* sum);
};

}  // namespace xlite::kernels
