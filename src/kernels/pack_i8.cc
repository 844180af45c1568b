// SPDX-License-Identifier: Apache-2.0
// Weight packing for the int8 kernels (layouts in conv_i8.h). Runs at
// prepare time; plain C++.
#include <algorithm>
#include <cstring>

#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

// An int32 stored in two int16 slots, as the kernels load it back.
void put_i32(int16_t* dst, int32_t v) { std::memcpy(dst, &v, sizeof v); }

}  // namespace

void pack_gemm_i8(const GemmI8Kernel& g, const int8_t* w, int64_t ldw, const int32_t* bias, int64_t n, int64_t k,
                  int32_t input_zp, int8_t* out) {
  const int nr = g.nr;
  const int64_t group = gemm_i8_group(g);
  const int64_t kp = gemm_i8_kp(k, g);
  const int64_t panel_bytes = static_cast<int64_t>(nr) * (4 + kp);
  const bool u8 = g.format == GemmI8Format::kQuadsU8;
  for (int64_t n0 = 0, p = 0; n0 < n; n0 += nr, ++p) {
    int8_t* panel = out + p * panel_bytes;
    const int64_t cols = std::min<int64_t>(nr, n - n0);
    for (int64_t j = 0; j < nr; ++j) {
      uint32_t b = j < cols && bias ? static_cast<uint32_t>(bias[n0 + j]) : 0u;
      if (u8 && j < cols) {
        // bias - (zp + 128) * sum_k W[j][k], wrapping as the sums do.
        uint32_t sum = 0;
        const int8_t* row = w + (n0 + j) * ldw;
        for (int64_t kk = 0; kk < k; ++kk) sum += static_cast<uint32_t>(static_cast<int32_t>(row[kk]));
        b -= static_cast<uint32_t>(input_zp + 128) * sum;
      }
      std::memcpy(panel + 4 * j, &b, sizeof b);
    }
    // Groups of k outer, columns inner: the panel is written in order (it
    // can be far larger than L1) while the nr weight rows are read as nr
    // sequential streams.
    int8_t* dst = panel + 4 * nr;
    for (int64_t kk = 0; kk < kp; kk += group, dst += group * nr) {
      for (int64_t j = 0; j < cols; ++j) {
        const int8_t* src = w + (n0 + j) * ldw;
        for (int64_t e = 0; e < group; ++e) dst[group * j + e] = kk + e < k ? src[kk + e] : int8_t{0};
      }
      std::memset(dst + group * cols, 0, static_cast<size_t>(group * (nr - cols)));
    }
  }
}

void pack_dwconv_i8(const DwConvI8Kernel& k, const int8_t* filter, const int32_t* bias, int64_t channels,
                    int64_t taps, int16_t* out) {
  const int64_t cs = dwconv_i8_channel_stride(channels, k);
  std::fill(out, out + dwconv_i8_packed_elems(channels, taps, k), int16_t{0});
  for (int64_t c = 0; c < channels; ++c) put_i32(out + 2 * c, bias ? bias[c] : 0);
  int16_t* wp = out + 2 * cs;
  for (int64_t t = 0; t < taps; ++t)
    for (int64_t c = 0; c < channels; ++c) wp[(t / 2) * 2 * cs + 2 * c + (t & 1)] = filter[t * channels + c];
}

}  // namespace xlite::kernels
