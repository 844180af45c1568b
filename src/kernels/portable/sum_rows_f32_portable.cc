// SPDX-License-Identifier: Apache-2.0
// float32 column sums, portable: the reference's order, a row at a time
// over the channels (the loop vectorises where the compiler can, lanes
// being channels).
#include "kernels/sum_rows_f32.h"

namespace xlite::kernels {
namespace {

void run(const float* x, int64_t mid, int64_t inner, int64_t c0, int64_t c1, float* sum) {
  for (int64_t c = c0; c < c1; ++c) sum[c] = 0.0f;
  for (int64_t m = 0; m < mid; ++m) {
    const float* row = x + m * inner;
    for (int64_t c = c0; c < c1; ++c) sum[c] += row[c];
  }
}

}  // namespace

extern const SumRowsF32Kernel sum_rows_f32_portable = {&run};

}  // namespace xlite::kernels
