// SPDX-License-Identifier: Apache-2.0
// The float32 pooling kernel (pool_f32.h) written once over a vector traits
// class V: four channel vectors at a time (independent chains, so a long
// window's sums overlap), then two, one, and a masked tail. Included only by
// the variant sources; no standard-library templates (docs/architecture.md:
// an ISA's instantiation must not be shared with another's callers).
#pragma once

#include "kernels/pool_f32.h"

namespace xlite::kernels::impl {

// U vectors of channels from c, for one pixel.
template <class V, bool Average, int U>
inline void pool_f32_vectors(const PoolF32Args& p, const float* in, float* out, int32_t c, int tail) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  // The reference's start: 0 for the sum, the lowest float for the max.
  constexpr float kLowest = -3.40282346638528859812e+38f;
  T acc[U];
  for (int u = 0; u < U; ++u) acc[u] = V::set1(Average ? 0.0f : kLowest);
  for (int32_t fy = 0; fy < p.win_h; ++fy) {
    const float* row = in + fy * p.in_row + c;
    for (int32_t fx = 0; fx < p.win_w; ++fx) {
      const float* x = row + int64_t{fx} * p.channels;
      for (int u = 0; u < U; ++u) {
        const T v = tail ? V::load_partial(x + u * W, tail) : V::load(x + u * W);
        // std::max(m, v) is v > m ? v : m; V::max(q, r) is q > r ? q : r.
        acc[u] = Average ? V::add(acc[u], v) : V::max(v, acc[u]);
      }
    }
  }
  const T lo = V::set1(p.act_min), hi = V::set1(p.act_max);
  const int count = p.win_h * p.win_w;
  for (int u = 0; u < U; ++u) {
    T v = acc[u];
    if constexpr (Average) v = count ? V::div(v, V::set1(static_cast<float>(count))) : V::zero();
    v = V::min(hi, V::max(lo, v));
    if (tail)
      V::store_partial(out + c + u * W, v, tail);
    else
      V::store(out + c + u * W, v);
  }
}

template <class V, bool Average>
void pool_f32_run(const PoolF32Args& p) {
  constexpr int W = V::kWidth;
  for (int64_t px = 0; px < p.pixels; ++px) {
    const float* in = p.in + px * p.in_step;
    float* out = p.out + px * p.channels;
    int32_t c = 0;
    for (; c + 4 * W <= p.channels; c += 4 * W) pool_f32_vectors<V, Average, 4>(p, in, out, c, 0);
    for (; c + 2 * W <= p.channels; c += 2 * W) pool_f32_vectors<V, Average, 2>(p, in, out, c, 0);
    for (; c + W <= p.channels; c += W) pool_f32_vectors<V, Average, 1>(p, in, out, c, 0);
    if (c < p.channels) pool_f32_vectors<V, Average, 1>(p, in, out, c, p.channels - c);
  }
}

template <class V>
void pool_f32(const PoolF32Args& p) {
  if (p.average)
    pool_f32_run<V, true>(p);
  else
    pool_f32_run<V, false>(p);
}

}  // namespace xlite::kernels::impl
