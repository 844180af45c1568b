// SPDX-License-Identifier: Apache-2.0
// The float32 binary kernel (binary_f32.h) written once over a vector
// traits class V (vec_avx2.h, vec_portable.h): per row, two vectors at a
// time, then one, then a masked tail, so no scalar loop and no read or
// write past the row. Included only by the variant sources; no
// standard-library templates (docs/architecture.md).
#pragma once

#include "kernels/binary_f32.h"

namespace xlite::kernels::impl {

template <class V, BinaryF32Op Op>
inline typename V::T binary_op(typename V::T x, typename V::T y) {
  if constexpr (Op == BinaryF32Op::kAdd) return V::add(x, y);
  else if constexpr (Op == BinaryF32Op::kSub) return V::sub(x, y);
  else if constexpr (Op == BinaryF32Op::kMul) return V::mul(x, y);
  else if constexpr (Op == BinaryF32Op::kDiv) return V::div(x, y);
  // V::max(p, q) is p > q ? p : q and V::min(p, q) is p < q ? p : q: the
  // reference's MAXIMUM and MINIMUM with x first.
  else if constexpr (Op == BinaryF32Op::kMaximum) return V::max(x, y);
  else return V::min(x, y);
}

// AVec / BVec: the operand steps along the row (col stride 1) or is one
// value per row (col stride 0).
template <class V, BinaryF32Op Op, bool AVec, bool BVec>
void binary_f32_rows(const BinaryF32Args& p) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  const T lo = V::set1(p.act_min), hi = V::set1(p.act_max);
  auto f = [&](T x, T y) { return V::min(hi, V::max(lo, binary_op<V, Op>(x, y))); };
  const int64_t cols = p.cols;
  const int64_t out_row = p.out_row != 0 ? p.out_row : cols;
  for (int64_t r = 0; r < p.rows; ++r) {
    const float* a = p.a + r * p.a_row;
    const float* b = p.b + r * p.b_row;
    float* o = p.out + r * out_row;
    if constexpr (!AVec && !BVec) {
      const T v = f(V::broadcast(a), V::broadcast(b));
      int64_t k = 0;
      for (; k + W <= cols; k += W) V::store(o + k, v);
      if (k < cols) V::store_partial(o + k, v, static_cast<int>(cols - k));
      continue;
    }
    T as{}, bs{};
    if constexpr (!AVec) as = V::broadcast(a);
    if constexpr (!BVec) bs = V::broadcast(b);
    auto x_at = [&](int64_t k) { if constexpr (AVec) return V::load(a + k); else return as; };
    auto y_at = [&](int64_t k) { if constexpr (BVec) return V::load(b + k); else return bs; };
    int64_t k = 0;
    for (; k + 2 * W <= cols; k += 2 * W) {
      // Both loads before either store: `o` may be a or b (in place).
      const T x0 = x_at(k), x1 = x_at(k + W), y0 = y_at(k), y1 = y_at(k + W);
      V::store(o + k, f(x0, y0));
      V::store(o + k + W, f(x1, y1));
    }
    if (k + W <= cols) {
      V::store(o + k, f(x_at(k), y_at(k)));
      k += W;
    }
    if (k < cols) {
      const int n = static_cast<int>(cols - k);
      const T x = AVec ? V::load_partial(a + k, n) : as;
      const T y = BVec ? V::load_partial(b + k, n) : bs;
      V::store_partial(o + k, f(x, y), n);
    }
  }
}

template <class V, BinaryF32Op Op>
void binary_f32_op(const BinaryF32Args& p) {
  const bool av = p.a_col != 0, bv = p.b_col != 0;
  if (av && bv) binary_f32_rows<V, Op, true, true>(p);
  else if (av) binary_f32_rows<V, Op, true, false>(p);
  else if (bv) binary_f32_rows<V, Op, false, true>(p);
  else binary_f32_rows<V, Op, false, false>(p);
}

template <class V>
void binary_f32(const BinaryF32Args& p) {
  if (p.rows <= 0 || p.cols <= 0) return;
  switch (p.op) {
    case BinaryF32Op::kAdd: binary_f32_op<V, BinaryF32Op::kAdd>(p); break;
    case BinaryF32Op::kSub: binary_f32_op<V, BinaryF32Op::kSub>(p); break;
    case BinaryF32Op::kMul: binary_f32_op<V, BinaryF32Op::kMul>(p); break;
    case BinaryF32Op::kDiv: binary_f32_op<V, BinaryF32Op::kDiv>(p); break;
    case BinaryF32Op::kMaximum: binary_f32_op<V, BinaryF32Op::kMaximum>(p); break;
    case BinaryF32Op::kMinimum: binary_f32_op<V, BinaryF32Op::kMinimum>(p); break;
  }
}

}  // namespace xlite::kernels::impl
