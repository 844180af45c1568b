// SPDX-License-Identifier: Apache-2.0
// Weight packing for the float32 kernels (layouts in gemm_f32.h and
// dwconv_f32.h). Runs at prepare time; plain C++.
#include <algorithm>

#include "kernels/dwconv_f32.h"
#include "kernels/gemm_f32.h"

namespace xlite::kernels {

void pack_gemm_f32(const float* w, int64_t ldw, const float* bias, int64_t n, int64_t k, int nr, float* out) {
  for (int64_t n0 = 0; n0 < n; n0 += nr) {
    const int64_t cols = std::min<int64_t>(nr, n - n0);
    float* panel = out + n0 * (k + 1);
    for (int64_t j = 0; j < nr; ++j) panel[j] = (j < cols && bias) ? bias[n0 + j] : 0.0f;
    // k outer, columns inner: the panel (up to megabytes) is written in
    // order while the cols weight rows are read as that many sequential
    // streams; column-outer order wrote one float per cache line per step.
    float* dst = panel + nr;
    const float* src = w + n0 * ldw;
    for (int64_t kk = 0; kk < k; ++kk, dst += nr) {
      for (int64_t j = 0; j < cols; ++j) dst[j] = src[j * ldw + kk];
      for (int64_t j = cols; j < nr; ++j) dst[j] = 0.0f;
    }
  }
}

void pack_dwconv_f32(const float* filter, const float* bias, int64_t channels, int64_t taps, float* out) {
  const int64_t cs = dwconv_f32_channel_stride(channels);
  std::fill(out, out + dwconv_f32_packed_floats(channels, taps), 0.0f);
  if (bias) std::copy(bias, bias + channels, out);
  for (int64_t t = 0; t < taps; ++t) std::copy(filter + t * channels, filter + (t + 1) * channels, out + (t + 1) * cs);
}

}  // namespace xlite::kernels
