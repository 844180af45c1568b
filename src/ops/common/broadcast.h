// SPDX-License-Identifier: Apache-2.0
// NumPy-style broadcasting for two-input elementwise ops: shapes are aligned
// at their last dimension; a missing or size-1 dimension stretches to the
// other operand's size (TFLite's CalculateShapeForBroadcast, kernel_util.cc,
// follows the same rule, including 1 vs 0 -> 0).
//
// A Map is computed once in prepare() (it allocates nothing, so eval and
// reference kernels can copy it freely) and tells, for every output element
// in row-major order, which element of each input feeds it.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "runtime/tensor.h"

namespace xlite::bcast {

// TFLite's reference broadcast loops stop at 6 dimensions; a little more
// costs nothing here.
constexpr int kMaxRank = 8;

struct Map {
  int rank = 0;
  std::array<int32_t, kMaxRank> shape{};
  // Element strides of each input over the output's dimensions; 0 where the
  // input is broadcast along that dimension.
  std::array<int64_t, kMaxRank> a_stride{};
  std::array<int64_t, kMaxRank> b_stride{};
  int64_t size = 0;  // number of output elements
  // The same walk with size-1 dimensions dropped and neighbours that both
  // inputs traverse contiguously merged, so for_each's inner loop is as
  // long as it can be (same order, same indices).
  int it_rank = 0;
  std::array<int32_t, kMaxRank> it_shape{};
  std::array<int64_t, kMaxRank> it_a{}, it_b{};
  // The outputs a walk visits, [begin, end) (end < 0: to the last): all of
  // them unless narrowed by part() to split the work across threads.
  int64_t begin = 0, end = -1;

  std::vector<int32_t> output_shape() const { return {shape.begin(), shape.begin() + rank}; }
};

inline std::string shape_text(std::span<const int32_t> s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(s[i]);
  }
  return out + "]";
}

// The broadcast shape of a and b, or an error naming both shapes.
inline Status output_shape(std::span<const int32_t> a, std::span<const int32_t> b, std::vector<int32_t>* out) {
  const size_t rank = std::max(a.size(), b.size());
  out->assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    // Index from the right: dimension rank-1-i of the output.
    const int32_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int32_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (da < 0 || db < 0)
      return Status::error("negative dimension in " + shape_text(a) + " or " + shape_text(b));
    if (da != db && da != 1 && db != 1)
      return Status::error("shapes " + shape_text(a) + " and " + shape_text(b) + " do not broadcast");
    (*out)[rank - 1 - i] = da == 1 ? db : da;
  }
  return ok_status();
}

inline Status make_map(std::span<const int32_t> a, std::span<const int32_t> b, Map* m) {
  std::vector<int32_t> out;
  XLITE_RETURN_IF_ERROR(output_shape(a, b, &out));
  if (static_cast<int>(out.size()) > kMaxRank)
    return Status::error("broadcasting supports rank <= " + std::to_string(kMaxRank) + ", got " + shape_text(out));
  *m = Map{};
  m->rank = static_cast<int>(out.size());
  m->size = 1;
  int64_t sa = 1, sb = 1;
  for (int d = m->rank - 1; d >= 0; --d) {
    const int back = m->rank - 1 - d;
    const int32_t da = back < static_cast<int>(a.size()) ? a[a.size() - 1 - back] : 1;
    const int32_t db = back < static_cast<int>(b.size()) ? b[b.size() - 1 - back] : 1;
    m->shape[d] = out[d];
    m->a_stride[d] = da == 1 ? 0 : sa;
    m->b_stride[d] = db == 1 ? 0 : sb;
    sa *= da;
    sb *= db;
    m->size *= out[d];
  }
  for (int d = 0; d < m->rank; ++d) {
    if (m->shape[d] == 1) continue;
    const int p = m->it_rank - 1;
    if (p >= 0 && m->it_a[p] == m->a_stride[d] * m->shape[d] && m->it_b[p] == m->b_stride[d] * m->shape[d]) {
      m->it_shape[p] *= m->shape[d];
      m->it_a[p] = m->a_stride[d];
      m->it_b[p] = m->b_stride[d];
      continue;
    }
    m->it_shape[m->it_rank] = m->shape[d];
    m->it_a[m->it_rank] = m->a_stride[d];
    m->it_b[m->it_rank] = m->b_stride[d];
    ++m->it_rank;
  }
  if (m->it_rank == 0) {
    m->it_rank = 1;
    m->it_shape[0] = 1;
  }
  return ok_status();
}

inline Status make_map(const RtTensor& a, const RtTensor& b, Map* m) { return make_map(a.shape, b.shape, m); }

// Input offsets feeding output element `index` (row-major).
inline void offsets(const Map& m, int64_t index, int64_t* ia, int64_t* ib) {
  int64_t a = 0, b = 0;
  for (int d = m.rank - 1; d >= 0; --d) {
    const int64_t c = index % m.shape[d];
    index /= m.shape[d];
    a += c * m.a_stride[d];
    b += c * m.b_stride[d];
  }
  *ia = a;
  *ib = b;
}

// The same walk over outputs [begin, end) only (absolute indices).
inline Map part(const Map& m, int64_t begin, int64_t end) {
  Map p = m;
  p.begin = begin;
  p.end = end;
  return p;
}

// Calls run(out_index, a_index, b_index, n) for each stretch of the walk
// along the innermost merged dimension, in row-major order: outputs
// out_index .. out_index + n - 1 read a and b at steps of it_a / it_b's last
// entry from a_index and b_index. Covers only [m.begin, m.end).
template <typename F>
void for_each_run(const Map& m, F&& run) {
  const int64_t end = m.end < 0 ? m.size : std::min(m.end, m.size);
  int64_t i = std::max<int64_t>(m.begin, 0);
  if (i >= end) return;
  const int r = m.it_rank;
  const int64_t inner = m.it_shape[r - 1];
  const int64_t sa = m.it_a[r - 1], sb = m.it_b[r - 1];
  // The odometer over the outer merged dimensions, started at i's place.
  std::array<int32_t, kMaxRank> coord{};
  int64_t row = i / inner, k = i % inner;
  int64_t ia = k * sa, ib = k * sb;
  for (int d = r - 2; d >= 0; --d) {
    coord[d] = static_cast<int32_t>(row % m.it_shape[d]);
    row /= m.it_shape[d];
    ia += coord[d] * m.it_a[d];
    ib += coord[d] * m.it_b[d];
  }
  for (;;) {
    const int64_t n = std::min(inner - k, end - i);
    run(i, ia, ib, n);
    i += n;
    if (i >= end) return;
    ia -= k * sa;  // back to the row's start
    ib -= k * sb;
    k = 0;
    for (int d = r - 2; d >= 0; --d) {
      if (++coord[d] < m.it_shape[d]) {
        ia += m.it_a[d];
        ib += m.it_b[d];
        break;
      }
      coord[d] = 0;
      ia -= m.it_a[d] * (m.it_shape[d] - 1);
      ib -= m.it_b[d] * (m.it_shape[d] - 1);
    }
  }
}

// Calls f(out_index, a_index, b_index) for every output element in row-major
// order (within [m.begin, m.end)): the runs above, with the inner loop
// specialised for the common contiguous and broadcast strides, so the
// compiler can vectorise it.
template <typename F>
void for_each(const Map& m, F&& f) {
  if (m.size <= 0) return;
  const int64_t sa = m.it_a[m.it_rank - 1], sb = m.it_b[m.it_rank - 1];
  for_each_run(m, [&](int64_t i, int64_t ia, int64_t ib, int64_t n) {
    if (sa == 1 && sb == 1) {
      for (int64_t k = 0; k < n; ++k) f(i + k, ia + k, ib + k);
    } else if (sa == 1 && sb == 0) {
      for (int64_t k = 0; k < n; ++k) f(i + k, ia + k, ib);
    } else if (sa == 0 && sb == 1) {
      for (int64_t k = 0; k < n; ++k) f(i + k, ia, ib + k);
    } else {
      for (int64_t k = 0; k < n; ++k) f(i + k, ia + k * sa, ib + k * sb);
    }
  });
}

// out[i] = op(a[..], b[..]) over the broadcast map.
template <typename A, typename B, typename O, typename Op>
void apply(const Map& m, const A* a, const B* b, O* out, Op op) {
  for_each(m, [&](int64_t i, int64_t ia, int64_t ib) { out[i] = op(a[ia], b[ib]); });
}

}  // namespace xlite::bcast
