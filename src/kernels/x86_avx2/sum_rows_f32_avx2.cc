// SPDX-License-Identifier: Apache-2.0
// float32 column sums, AVX2: blocks of up to 4 vectors of channels (32)
// held in registers down all the rows, then the next block; a last partial
// vector through a masked load. Each lane adds its channel's rows in order.
#include <immintrin.h>

#include "kernels/sum_rows_f32.h"

namespace xlite::kernels {
namespace {

template <int NV>
void block(const float* x, int64_t mid, int64_t inner, int64_t c, float* sum) {
  __m256 acc[NV];
  for (int v = 0; v < NV; ++v) acc[v] = _mm256_setzero_ps();
  const float* p = x + c;
  for (int64_t m = 0; m < mid; ++m, p += inner)
    for (int v = 0; v < NV; ++v) acc[v] = _mm256_add_ps(acc[v], _mm256_loadu_ps(p + v * 8));
  for (int v = 0; v < NV; ++v) _mm256_storeu_ps(sum + c + v * 8, acc[v]);
}

void run(const float* x, int64_t mid, int64_t inner, int64_t c0, int64_t c1, float* sum) {
  int64_t c = c0;
  for (; c + 32 <= c1; c += 32) block<4>(x, mid, inner, c, sum);
  if (c + 16 <= c1) {
    block<2>(x, mid, inner, c, sum);
    c += 16;
  }
  if (c + 8 <= c1) {
    block<1>(x, mid, inner, c, sum);
    c += 8;
  }
  if (c < c1) {
    const int rem = static_cast<int>(c1 - c);
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(rem), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    __m256 acc = _mm256_setzero_ps();
    const float* p = x + c;
    for (int64_t m = 0; m < mid; ++m, p += inner) acc = _mm256_add_ps(acc, _mm256_maskload_ps(p, mask));
    _mm256_maskstore_ps(sum + c, mask, acc);
  }
}

}  // namespace

extern const SumRowsF32Kernel sum_rows_f32_avx2 = {&run};

}  // namespace xlite::kernels
