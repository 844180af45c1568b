// SPDX-License-Identifier: Apache-2.0
// float32 ADD, SUB, MUL, DIV, MAXIMUM and MINIMUM outside
// --reference-kernels: the vectorised kernel (src/kernels/binary_f32.h)
// over the broadcast map's walk. A walk of at most two merged dimensions
// (same shapes, a scalar, a per-channel vector, a per-pixel value) is one
// block of rows, cut only where a thread's part starts or ends mid-row;
// deeper walks call the kernel once per innermost run. Bit-identical with
// the reference (the kernel's contract), so threads split it freely.
#pragma once

#include <algorithm>
#include <cstdint>

#include "kernels/kernels.h"
#include "ops/common/elementwise.h"

namespace xlite::elementwise {

struct BinaryF32 {
  const kernels::BinaryF32Kernel* kernel = nullptr;  // null: run the reference
  kernels::BinaryF32Op op = kernels::BinaryF32Op::kAdd;
  float act_min = 0, act_max = 0;

  // The kernel unless the op runs its reference kernels.
  void init(const KernelContext& ctx, kernels::BinaryF32Op o, float lo, float hi) {
    if (ctx.reference_only()) return;
    kernel = kernels::select<kernels::BinaryF32Kernel>().kernel;
    op = o;
    act_min = lo;
    act_max = hi;
  }

  // Outputs [m.begin, m.end) of the walk.
  void run_part(const bcast::Map& m, const float* a, const float* b, float* out) const {
    const int64_t end = m.end < 0 ? m.size : std::min(m.end, m.size);
    int64_t i = std::max<int64_t>(m.begin, 0);
    if (i >= end) return;
    kernels::BinaryF32Args args;
    args.op = op;
    args.act_min = act_min;
    args.act_max = act_max;
    const int r = m.it_rank;
    args.a_col = m.it_a[r - 1];
    args.b_col = m.it_b[r - 1];
    if (r > 2) {
      bcast::for_each_run(m, [&](int64_t o, int64_t ia, int64_t ib, int64_t n) {
        args.a = a + ia, args.b = b + ib, args.out = out + o;
        args.rows = 1, args.cols = n;
        kernel->run(args);
      });
      return;
    }
    const int64_t cols = m.it_shape[r - 1];
    args.a_row = r == 2 ? m.it_a[0] : 0;
    args.b_row = r == 2 ? m.it_b[0] : 0;
    // rows [row, row + rows) from column k0, `n` columns each.
    auto block = [&](int64_t row, int64_t k0, int64_t rows, int64_t n) {
      args.a = a + row * args.a_row + k0 * args.a_col;
      args.b = b + row * args.b_row + k0 * args.b_col;
      args.out = out + row * cols + k0;
      args.rows = rows;
      args.cols = n;
      kernel->run(args);
    };
    if (i % cols != 0) {  // the end of a row another part started
      const int64_t n = std::min(cols - i % cols, end - i);
      block(i / cols, i % cols, 1, n);
      i += n;
    }
    if (const int64_t rows = (end - i) / cols; rows > 0) {
      block(i / cols, 0, rows, cols);
      i += rows * cols;
    }
    if (i < end) block(i / cols, 0, 1, end - i);
  }

  // The whole output, split across the executor's threads in parts of
  // elementwise::kMinChunk outputs or more. Smaller parts (32 K) were tried:
  // on this 2-core VM under load a [1,64,64,16] MUL split in two took
  // 0.22 ms instead of 0.04 ms whole (the caller waited for a descheduled
  // or sleeping worker), more than the split could ever save.
  void run(KernelContext& ctx, const bcast::Map& m, const float* a, const float* b, float* out) const {
    parallel_map(ctx, m, [&](const bcast::Map& part) { run_part(part, a, b, out); });
  }
};

}  // namespace xlite::elementwise
