// SPDX-License-Identifier: Apache-2.0
// The loop nest every int8 GEMM variant shares (conv_i8.h): packed panels
// of NR columns taken in blocks of about kGemmI8PanelBlockBytes, row tiles
// of MR outer and panels inner within a block, so a block of weights stays
// in cache while every row tile uses it. tile(mr, i, q, nc) computes rows
// [i, i + mr) of panel q, whose first nc columns are real. A template
// taking the variant's tile as a lambda: each instantiation stays in its
// ISA's translation unit.
#pragma once

#include <cstdint>

#include "kernels/conv_i8.h"

namespace xlite::kernels::impl {

// Packed panels (bytes) one pass over the rows keeps hot.
constexpr int64_t kGemmI8PanelBlockBytes = 256 * 1024;

template <int MR, int NR, class F>
inline void gemm_i8_blocks(const GemmI8Args& p, int64_t m_begin, int64_t m_end, F&& tile) {
  const int64_t panels = (p.n + NR - 1) / NR;
  const int64_t panel_bytes = NR * (4 + p.kp);
  int64_t block = kGemmI8PanelBlockBytes / panel_bytes;
  if (block < 1) block = 1;
  for (int64_t p0 = 0; p0 < panels; p0 += block) {
    const int64_t p1 = p0 + block < panels ? p0 + block : panels;
    for (int64_t i = m_begin; i < m_end; i += MR) {
      const int mr = m_end - i < MR ? static_cast<int>(m_end - i) : MR;
      for (int64_t q = p0; q < p1; ++q) {
        const int64_t left = p.n - q * NR;
        tile(mr, i, q, left < NR ? static_cast<int>(left) : NR);
      }
    }
  }
}

}  // namespace xlite::kernels::impl
