// SPDX-License-Identifier: Apache-2.0
// Constant PAD outside --reference-kernels, for elements of 1, 2, 4, 8 or
// 16 bytes. The dimensions after the last padded one are merged into the
// element (they are copied whole), so each output "row" of the last padded
// dimension is: padding, one contiguous copy of an input row, padding (or
// all padding when an outer index falls in the padding). Copies and fills
// are fixed-size 32-byte moves the compiler inlines, ending with one
// overlapping move, instead of a library call and an element loop per row:
// channel padding ([1,48,48,16] -> [1,48,48,32]) has thousands of short
// rows. Bytes are moved, never interpreted, so any dtype is exact.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "ops/pad/pad_ref.h"

namespace xlite::ops::pad {

struct FastPad {
  bool usable = false;  // the element size is one of the above
  bool empty = false;   // no output elements
  // The outer dimensions (those before the last padded one).
  std::vector<int32_t> out_outer, in_outer, before_outer;
  std::vector<int64_t> in_stride;  // bytes per step of each outer dimension in the input
  int64_t rows = 1;                // product of out_outer
  // No outer dimension is padded (channel padding): output row r holds
  // input row r, and the odometer below is skipped.
  bool outer_unpadded = true;
  int64_t row_bytes = 0;           // output bytes per row
  int64_t before_bytes = 0, copy_bytes = 0, after_bytes = 0;
  size_t elem = 0;
};

inline FastPad plan_fast_pad(const ref::PadGeometry& g, size_t elem) {
  FastPad f;
  f.elem = elem;
  f.usable = elem == 1 || elem == 2 || elem == 4 || elem == 8 || elem == 16;
  const int rank = static_cast<int>(g.out_shape.size());
  for (int d = 0; d < rank; ++d)
    if (g.out_shape[d] == 0) f.empty = true;
  // p: the last padded dimension (-1: none, the whole tensor is one row).
  int p = rank - 1;
  int64_t inner = static_cast<int64_t>(elem);
  while (p >= 0 && g.out_shape[p] == g.in_shape[p]) inner *= g.in_shape[p--];
  if (p < 0) {
    f.row_bytes = f.copy_bytes = inner;
    return f;
  }
  f.row_bytes = g.out_shape[p] * inner;
  f.before_bytes = g.before[p] * inner;
  f.copy_bytes = g.in_shape[p] * inner;
  f.after_bytes = f.row_bytes - f.before_bytes - f.copy_bytes;
  f.out_outer.assign(g.out_shape.begin(), g.out_shape.begin() + p);
  f.in_outer.assign(g.in_shape.begin(), g.in_shape.begin() + p);
  f.before_outer.assign(g.before.begin(), g.before.begin() + p);
  f.in_stride.assign(p, 0);
  int64_t stride = f.copy_bytes;
  for (int d = p - 1; d >= 0; --d) {
    f.in_stride[d] = stride;
    stride *= g.in_shape[d];
  }
  for (int32_t n : f.out_outer) f.rows *= n;
  for (int d = 0; d < p; ++d)
    if (g.out_shape[d] != g.in_shape[d]) f.outer_unpadded = false;
  return f;
}

// n bytes from s to d in 32-byte moves, the last one overlapping the one
// before it (n >= 32), or in descending power-of-two pieces (n < 32).
inline void copy_small(uint8_t* d, const uint8_t* s, int64_t n) {
  if (n >= 32) {
    int64_t k = 0;
    for (; k + 32 <= n; k += 32) std::memcpy(d + k, s + k, 32);
    if (k < n) std::memcpy(d + n - 32, s + n - 32, 32);
    return;
  }
  int64_t k = 0;
  if (n & 16) std::memcpy(d + k, s + k, 16), k += 16;
  if (n & 8) std::memcpy(d + k, s + k, 8), k += 8;
  if (n & 4) std::memcpy(d + k, s + k, 4), k += 4;
  if (n & 2) std::memcpy(d + k, s + k, 2), k += 2;
  if (n & 1) d[k] = s[k];
}

// n bytes (a multiple of the element size) of the pad value; `pattern` is
// 32 bytes of it repeated. Every piece starts at a multiple of the element
// size (the element size is a power of two <= 16), so each lands in phase.
inline void fill_small(uint8_t* d, const uint8_t* pattern, int64_t n) {
  if (n >= 32) {
    int64_t k = 0;
    for (; k + 32 <= n; k += 32) std::memcpy(d + k, pattern, 32);
    if (k < n) std::memcpy(d + n - 32, pattern, 32);
    return;
  }
  int64_t k = 0;
  if (n & 16) std::memcpy(d + k, pattern, 16), k += 16;
  if (n & 8) std::memcpy(d + k, pattern, 8), k += 8;
  if (n & 4) std::memcpy(d + k, pattern, 4), k += 4;
  if (n & 2) std::memcpy(d + k, pattern, 2), k += 2;
  if (n & 1) d[k] = pattern[0];
}

// Rows copied with one library call beyond this (its setup is then cheap
// next to the bytes).
constexpr int64_t kLargeCopy = 512;

// Output rows [row_begin, row_end).
inline void fast_pad_rows(const FastPad& f, const uint8_t* input, const uint8_t* pad_value, uint8_t* output,
                          int64_t row_begin, int64_t row_end) {
  if (f.empty || row_begin >= row_end) return;
  alignas(32) uint8_t pattern[32];
  for (size_t i = 0; i < sizeof pattern; i += f.elem) std::memcpy(pattern + i, pad_value, f.elem);
  auto row = [&](uint8_t* dst, const uint8_t* src) {
    fill_small(dst, pattern, f.before_bytes);
    if (f.copy_bytes > kLargeCopy)
      std::memcpy(dst + f.before_bytes, src, static_cast<size_t>(f.copy_bytes));
    else
      copy_small(dst + f.before_bytes, src, f.copy_bytes);
    fill_small(dst + f.before_bytes + f.copy_bytes, pattern, f.after_bytes);
  };
  if (f.outer_unpadded) {
    for (int64_t r = row_begin; r < row_end; ++r) row(output + r * f.row_bytes, input + r * f.copy_bytes);
    return;
  }
  const size_t outer = f.out_outer.size();
  // The odometer over the outer dimensions, started at row_begin.
  int32_t idx[16] = {};
  std::vector<int32_t> big;
  int32_t* ix = idx;
  if (outer > 16) {
    big.assign(outer, 0);
    ix = big.data();
  }
  for (int64_t rest = row_begin, d = static_cast<int64_t>(outer) - 1; d >= 0; --d) {
    ix[d] = static_cast<int32_t>(rest % f.out_outer[d]);
    rest /= f.out_outer[d];
  }
  uint8_t* dst = output + row_begin * f.row_bytes;
  for (int64_t r = row_begin; r < row_end; ++r, dst += f.row_bytes) {
    int64_t src = 0;
    bool inside = true;
    for (size_t d = 0; d < outer; ++d) {
      const int32_t i = ix[d] - f.before_outer[d];
      inside = inside && i >= 0 && i < f.in_outer[d];
      src += i * f.in_stride[d];
    }
    if (!inside)
      fill_small(dst, pattern, f.row_bytes);
    else
      row(dst, input + src);
    for (size_t d = outer; d-- > 0;) {
      if (++ix[d] < f.out_outer[d]) break;
      ix[d] = 0;
    }
  }
}

}  // namespace xlite::ops::pad
