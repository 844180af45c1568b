// SPDX-License-Identifier: Apache-2.0
// Reference TRANSPOSE_CONV: every input pixel scatters input x filter into
// the output window it maps to (input [N,H,W,I], filter [O,KH,KW,I],
// output [N,OH,OW,O]); positions outside the output are dropped. Bias and
// the activation clamp follow once all contributions are summed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace xlite::ref {

struct TransposeConvGeometry {
  int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, filter_h, filter_w;
  int32_t stride_h, stride_w, pad_h, pad_w;
};

// Accumulates sum(input * filter) per output element into `acc` (size of
// the output), with `offset` added to every input value.
template <typename T, typename W, typename Acc>
void transpose_conv_accumulate(const TransposeConvGeometry& g, const T* input, Acc input_offset, const W* filter,
                               Acc* acc) {
  std::fill(acc, acc + static_cast<int64_t>(g.batches) * g.out_h * g.out_w * g.out_c, Acc(0));
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t iy = 0; iy < g.in_h; ++iy)
      for (int32_t ix = 0; ix < g.in_w; ++ix)
        for (int32_t ic = 0; ic < g.in_c; ++ic) {
          const Acc x = static_cast<Acc>(input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + ic]) + input_offset;
          const int32_t oy0 = iy * g.stride_h - g.pad_h;
          const int32_t ox0 = ix * g.stride_w - g.pad_w;
          for (int32_t fy = 0; fy < g.filter_h; ++fy)
            for (int32_t fx = 0; fx < g.filter_w; ++fx) {
              const int32_t oy = oy0 + fy, ox = ox0 + fx;
              if (oy < 0 || oy >= g.out_h || ox < 0 || ox >= g.out_w) continue;
              for (int32_t oc = 0; oc < g.out_c; ++oc)
                acc[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] +=
                    x * static_cast<Acc>(filter[((oc * g.filter_h + fy) * g.filter_w + fx) * g.in_c + ic]);
            }
        }
}

}  // namespace xlite::ref
