// SPDX-License-Identifier: Apache-2.0
// float32 PRELU with one alpha per channel (the innermost dimension):
// y = x >= 0 ? x : x * alpha[c], the reference's arithmetic element for
// element (ops/prelu/prelu_ref.h), so every variant is bit-identical with
// it: -0 stays -0 (it compares >= 0), NaN stays NaN (the product of NaN).
//
// run(x, y, n, alpha, channels, c0): n contiguous elements, the first of
// channel c0 (0 <= c0 < channels), the channel advancing by one per element
// and wrapping at `channels`. The op calls it over whole rows (c0 = 0); the
// PRELU epilogue of a convolution calls it over any block of the output
// (passes/fuse_epilogue.cc). y may equal x (in place).
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct PreluF32Kernel {
  void (*run)(const float* x, float* y, int64_t n, const float* alpha, int64_t channels, int64_t c0);
};

// The channel walk shared by the variants: calls seg(x, y, a, len) on runs
// of consecutive channels, each run within one row of alphas.
template <class Seg>
inline void prelu_channel_runs(const float* x, float* y, int64_t n, const float* alpha, int64_t channels,
                               int64_t c0, Seg seg) {
  int64_t i = 0;
  while (i < n) {
    const int64_t len = n - i < channels - c0 ? n - i : channels - c0;
    seg(x + i, y + i, alpha + c0, len);
    i += len;
    c0 = 0;
  }
}

}  // namespace xlite::kernels
