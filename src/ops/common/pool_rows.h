// SPDX-License-Identifier: Apache-2.0
// MAX_POOL_2D and AVERAGE_POOL_2D outside --reference-kernels: the
// reference's arithmetic with the channel loop innermost, so each window
// position is one contiguous run of channels the compiler vectorises,
// instead of a window walk per output element. Every output still combines
// the same inputs in the same order (window rows, then columns), so results
// are identical to the reference (max, and the float and integer sums).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "kernels/pool_f32.h"
#include "ops/common/pool.h"

namespace xlite::ops::pool_rows {

// Channels per block of accumulators (on the stack).
constexpr int32_t kBlock = 64;

// Calls f(out, corner, fy0, fy1, fx0, fx1) per output pixel: the pixel's
// output pointer, the input offset (elements; negative in the padding) of
// the window's unclipped top-left corner, and the clipped window
// [fy0, fy1) x [fx0, fx1).
template <typename T, typename F>
void for_each_pixel(const PoolGeometry& g, T* output, F&& f) {
  const int64_t c = g.channels;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox) {
        const int32_t iy0 = oy * g.stride_h - g.pad_h;
        const int32_t ix0 = ox * g.stride_w - g.pad_w;
        const int32_t fy0 = std::max(0, -iy0), fy1 = std::min(g.filter_h, g.in_h - iy0);
        const int32_t fx0 = std::max(0, -ix0), fx1 = std::min(g.filter_w, g.in_w - ix0);
        const int64_t corner = ((int64_t{b} * g.in_h + iy0) * g.in_w + ix0) * c;
        f(output + ((int64_t{b} * g.out_h + oy) * g.out_w + ox) * c, corner, fy0, fy1, fx0, fx1);
      }
}

// The channel loops, on pointers that cannot alias (int8 stores could
// otherwise alias anything and keep the loops scalar).
template <typename T>
inline void max_into(T* __restrict acc, const T* __restrict x, int32_t n) {
  for (int32_t k = 0; k < n; ++k) acc[k] = std::max(acc[k], x[k]);
}
template <typename Acc, typename T>
inline void add_into(Acc* __restrict acc, const T* __restrict x, int32_t n) {
  for (int32_t k = 0; k < n; ++k) acc[k] += static_cast<Acc>(x[k]);
}

template <typename T>
void max_pool(const PoolGeometry& g, const T* input, T act_min, T act_max, T* output) {
  const int64_t row = int64_t{g.in_w} * g.channels;
  for_each_pixel(g, output, [&](T* out, int64_t corner, int32_t fy0, int32_t fy1, int32_t fx0, int32_t fx1) {
    for (int32_t c0 = 0; c0 < g.channels; c0 += kBlock) {
      const int32_t n = std::min(kBlock, g.channels - c0);
      T m[kBlock];
      for (int32_t k = 0; k < n; ++k) m[k] = std::numeric_limits<T>::lowest();
      for (int32_t fy = fy0; fy < fy1; ++fy)
        for (int32_t fx = fx0; fx < fx1; ++fx) {
          max_into(m, input + (corner + fy * row + int64_t{fx} * g.channels + c0), n);
        }
      for (int32_t k = 0; k < n; ++k) out[c0 + k] = std::min(std::max(m[k], act_min), act_max);
    }
  });
}

inline void average_pool_float(const PoolGeometry& g, const float* input, float act_min, float act_max,
                               float* output) {
  const int64_t row = int64_t{g.in_w} * g.channels;
  for_each_pixel(g, output,
                 [&](float* out, int64_t corner, int32_t fy0, int32_t fy1, int32_t fx0, int32_t fx1) {
                   const int32_t count = std::max(0, fy1 - fy0) * std::max(0, fx1 - fx0);
                   for (int32_t c0 = 0; c0 < g.channels; c0 += kBlock) {
                     const int32_t n = std::min(kBlock, g.channels - c0);
                     float total[kBlock];
                     for (int32_t k = 0; k < n; ++k) total[k] = 0.0f;
                     for (int32_t fy = fy0; fy < fy1; ++fy)
                       for (int32_t fx = fx0; fx < fx1; ++fx) {
                         add_into(total, input + (corner + fy * row + int64_t{fx} * g.channels + c0), n);
                       }
                     for (int32_t k = 0; k < n; ++k) {
                       const float avg = count ? total[k] / static_cast<float>(count) : 0.0f;
                       out[c0 + k] = std::min(std::max(avg, act_min), act_max);
                     }
                   }
                 });
}

template <typename T>
void average_pool_quantized(const PoolGeometry& g, const T* input, int32_t act_min, int32_t act_max, T* output) {
  const int64_t row = int64_t{g.in_w} * g.channels;
  for_each_pixel(g, output, [&](T* out, int64_t corner, int32_t fy0, int32_t fy1, int32_t fx0, int32_t fx1) {
    const int32_t count = std::max(0, fy1 - fy0) * std::max(0, fx1 - fx0);
    for (int32_t c0 = 0; c0 < g.channels; c0 += kBlock) {
      const int32_t n = std::min(kBlock, g.channels - c0);
      int32_t acc[kBlock];
      for (int32_t k = 0; k < n; ++k) acc[k] = 0;
      for (int32_t fy = fy0; fy < fy1; ++fy)
        for (int32_t fx = fx0; fx < fx1; ++fx) {
          add_into(acc, input + (corner + fy * row + int64_t{fx} * g.channels + c0), n);
        }
      for (int32_t k = 0; k < n; ++k) {
        int32_t a = acc[k];
        if (count > 0) a = a > 0 ? (a + count / 2) / count : (a - count / 2) / count;
        out[c0 + k] = static_cast<T>(std::min(std::max(a, act_min), act_max));
      }
    }
  });
}

// float32 max (average = false) or average pooling through the vectorised
// kernel (src/kernels/pool_f32.h, bit-identical with the reference): the
// pixels of an output row whose window is not clipped at the left or right
// go to it in one call, clipped ones one at a time.
inline void pool_f32(const kernels::PoolF32Kernel& k, bool average, const PoolGeometry& g, const float* input,
                     float act_min, float act_max, float* output) {
  const int64_t c = g.channels;
  kernels::PoolF32Args a;
  a.average = average;
  a.in_step = int64_t{g.stride_w} * c;
  a.in_row = int64_t{g.in_w} * c;
  a.channels = g.channels;
  a.act_min = act_min;
  a.act_max = act_max;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy) {
      const int32_t iy0 = oy * g.stride_h - g.pad_h;
      const int32_t fy0 = std::max(0, -iy0), fy1 = std::min(g.filter_h, g.in_h - iy0);
      a.win_h = std::max(0, fy1 - fy0);
      float* out_row = output + (int64_t{b} * g.out_h + oy) * g.out_w * c;
      for (int32_t ox = 0; ox < g.out_w;) {
        const int32_t ix0 = ox * g.stride_w - g.pad_w;
        const int32_t fx0 = std::max(0, -ix0), fx1 = std::min(g.filter_w, g.in_w - ix0);
        int32_t n = 1;
        if (fx0 == 0 && fx1 == g.filter_w)  // later pixels' windows lie further right
          while (ox + n < g.out_w && (ox + n) * g.stride_w - g.pad_w + g.filter_w <= g.in_w) ++n;
        a.win_w = std::max(0, fx1 - fx0);
        // An empty window reads nothing: any pointer will do.
        a.in = a.win_h > 0 && a.win_w > 0
                   ? input + ((int64_t{b} * g.in_h + iy0 + fy0) * g.in_w + ix0 + fx0) * c
                   : input;
        a.out = out_row + int64_t{ox} * c;
        a.pixels = n;
        k.run(a);
        ox += n;
      }
    }
}

}  // namespace xlite::ops::pool_rows
