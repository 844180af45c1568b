// SPDX-License-Identifier: Apache-2.0
// Lookup tables over every int8/uint8 code, filled by running the
// reference's own arithmetic on each code (or pair of codes), so a lookup is
// bit-exact with the reference by construction. Used outside
// --reference-kernels by elementwise ops whose output depends only on the
// input codes: unary (256 entries) and binary (256 x 256 = 64 KB, worth
// building only for outputs of kPairTableMinElements or more). table_eval.h
// applies unary tables.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "ops/common/broadcast.h"

namespace xlite::code_table {

constexpr int64_t kPairTableMinElements = 4096;

// Entries are stored at uint8(code), so a lookup is a plain cast.
template <typename T>
inline T code_at(int32_t index) {
  return static_cast<T>(static_cast<uint8_t>(index));
}

// fn(const T* in, int64_t n, T* out): the reference over n codes.
template <typename T, typename Fn>
void build_unary(Fn fn, std::array<uint8_t, 256>* table) {
  static_assert(sizeof(T) == 1);
  T in[256], out[256];
  for (int32_t i = 0; i < 256; ++i) in[i] = code_at<T>(i);
  fn(in, int64_t{256}, out);
  for (int32_t i = 0; i < 256; ++i) (*table)[i] = static_cast<uint8_t>(out[i]);
}

// fn(T a, T b) -> T: the reference on one pair of codes.
template <typename T, typename Fn>
void build_pair(Fn fn, std::vector<uint8_t>* table) {
  static_assert(sizeof(T) == 1);
  table->resize(256 * 256);
  for (int32_t x = 0; x < 256; ++x)
    for (int32_t y = 0; y < 256; ++y) (*table)[x * 256 + y] = static_cast<uint8_t>(fn(code_at<T>(x), code_at<T>(y)));
}

template <typename T>
void apply_pair(const bcast::Map& m, const std::vector<uint8_t>& table, const T* a, const T* b, T* out) {
  const uint8_t* t = table.data();
  if (m.size <= 0) return;
  // Same shapes (the map merged to one contiguous run): a plain loop, with
  // everything in locals so the int8 stores cannot force reloads.
  if (m.it_rank == 1 && m.it_a[0] == 1 && m.it_b[0] == 1) {
    const int64_t begin = std::max<int64_t>(m.begin, 0), end = m.end < 0 ? m.size : std::min(m.end, m.size);
    for (int64_t i = begin; i < end; ++i)
      out[i] = static_cast<T>(t[static_cast<uint8_t>(a[i]) * 256 + static_cast<uint8_t>(b[i])]);
    return;
  }
  bcast::for_each(m, [t, a, b, out](int64_t i, int64_t ia, int64_t ib) {
    out[i] = static_cast<T>(t[static_cast<uint8_t>(a[ia]) * 256 + static_cast<uint8_t>(b[ib])]);
  });
}

}  // namespace xlite::code_table
