// SPDX-License-Identifier: Apache-2.0
// Splits a GEMM-shaped job (M output rows x N output columns, the columns
// in panels of nr) across the executor's threads.
//
// Rows are the natural split (each thread streams the same packed weights
// over its own rows), but a layer with few rows leaves threads idle: a
// 7x7 feature map has 49 pixels, under one 64-row chunk, and a batch-1
// FULLY_CONNECTED has one row. Such a job splits by whole panels of
// columns instead, so each thread reads only its share of the weights
// (which, at 7x7 with 512+ channels, dominate the traffic anyway).
#pragma once

#include <algorithm>
#include <cstdint>

#include "ops/kernel.h"

namespace xlite::ops {

// Calls fn(row_begin, row_end, col_begin, col_end, part) over disjoint
// pieces that cover [0, m) x [0, n); col_begin is a multiple of nr.
template <typename F>
void parallel_gemm(KernelContext& ctx, int64_t m, int64_t n, int nr, int64_t min_rows, F&& fn) {
  const int threads = ctx.num_threads();
  const int64_t panels = (n + nr - 1) / nr;
  if (threads > 1 && m < threads * min_rows && panels >= threads) {
    ctx.parallel_for(panels, [&](int64_t p0, int64_t p1, int part) {
      fn(int64_t{0}, m, p0 * nr, std::min<int64_t>(p1 * nr, n), part);
    });
    return;
  }
  ctx.parallel_for(
      m, [&](int64_t r0, int64_t r1, int part) { fn(r0, r1, int64_t{0}, n, part); }, min_rows);
}

}  // namespace xlite::ops
