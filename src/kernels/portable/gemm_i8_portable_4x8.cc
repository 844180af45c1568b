// SPDX-License-Identifier: Apache-2.0
// int8 GEMM (the int16 pairs format, int32 sums; conv_i8.h), plain C++: 4 rows x 8
// columns. Sums wrap (unsigned arithmetic) as the reference's int32 ones do.
#include <cstring>

#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

constexpr int kMr = 4, kNr = 8;

void gemm_i8_portable(const GemmI8Args& p, int64_t m_begin, int64_t m_end) {
  const int64_t panels = (p.n + kNr - 1) / kNr;
  const int64_t panel_bytes = kNr * (4 + p.kp);
  for (int64_t q = 0; q < panels; ++q) {
    const int8_t* panel = p.packed + q * panel_bytes;
    const int64_t left = p.n - q * kNr;
    const int nc = left < kNr ? static_cast<int>(left) : kNr;
    for (int64_t i = m_begin; i < m_end; i += kMr) {
      const int mr = m_end - i < kMr ? static_cast<int>(m_end - i) : kMr;
      uint32_t acc[kMr][kNr];
      for (int r = 0; r < kMr; ++r) std::memcpy(acc[r], panel, sizeof acc[r]);  // the bias
      for (int r = 0; r < mr; ++r) {
        const int16_t* a = static_cast<const int16_t*>(p.a) + (i + r) * p.lda;
        const int8_t* w = panel + 4 * kNr;
        for (int64_t kk = 0; kk < p.kp; kk += 2, w += 2 * kNr) {
          const int32_t a0 = a[kk], a1 = a[kk + 1];
          for (int j = 0; j < kNr; ++j)
            acc[r][j] += static_cast<uint32_t>(a0 * w[2 * j] + a1 * w[2 * j + 1]);
        }
      }
      for (int r = 0; r < mr; ++r)
        for (int j = 0; j < nc; ++j) p.c[(i + r) * p.ldc + q * kNr + j] = static_cast<int32_t>(acc[r][j]);
    }
  }
}

void widen_portable(void* out, const int8_t* src, int64_t n, int32_t zp) {
  int16_t* const dst = static_cast<int16_t*>(out);
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<int16_t>(src[i] - zp);
}

}  // namespace

extern const GemmI8Kernel gemm_i8_portable_4x8 = {kMr, kNr, GemmI8Format::kPairsI16, &gemm_i8_portable, &widen_portable};

}  // namespace xlite::kernels
