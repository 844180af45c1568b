// SPDX-License-Identifier: Apache-2.0
// Applying a 256-entry code table (lut.h, code_table.h) to a whole tensor:
// the vectorised lookup kernel (kernels/lut_u8.h) split across the
// executor's threads, or, under --reference-kernels, the plain loop on one
// thread. Exact either way: the table holds the reference's output for
// every code.
#pragma once

#include <cstdint>

#include "kernels/kernels.h"
#include "ops/kernel.h"

namespace xlite::table_eval {

// Pieces of at least this many bytes: a lookup costs a fraction of a
// nanosecond per byte, so a smaller piece is not worth a worker (see
// elementwise.h's kMinChunk).
constexpr int64_t kMinChunk = 262144;

// nullptr under --reference-kernels.
inline const kernels::LutU8Kernel* select(const KernelContext& ctx) {
  return ctx.reference_only() ? nullptr : kernels::select<kernels::LutU8Kernel>().kernel;
}

// T is int8_t or uint8_t; the table is indexed by uint8(code).
template <typename T>
void apply(KernelContext& ctx, const kernels::LutU8Kernel* kernel, const void* table, const T* in, T* out,
           int64_t n) {
  static_assert(sizeof(T) == 1);
  const auto* t = static_cast<const uint8_t*>(table);
  const auto* x = reinterpret_cast<const uint8_t*>(in);
  auto* y = reinterpret_cast<uint8_t*>(out);
  if (kernel == nullptr) {
    for (int64_t i = 0; i < n; ++i) y[i] = t[x[i]];
    return;
  }
  ctx.parallel_for(
      n, [&](int64_t b, int64_t e, int) { kernel->run(t, x + b, y + b, e - b); }, kMinChunk);
}

}  // namespace xlite::table_eval
