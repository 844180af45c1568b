// SPDX-License-Identifier: Apache-2.0
// Reference DEPTHWISE_CONV_2D: NHWC input, filter [1, KH, KW, C*M]; output
// channel ic*M + m reads input channel ic. Padded taps are skipped.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ops/conv_2d/conv_2d_ref.h"

namespace xlite::ref {

// g.filter_c is unused; the depth multiplier is out_c / in_c.
inline void depthwise_conv_2d_float(const ConvGeometry& g, const float* input, const float* filter,
                                    const float* bias, float act_min, float act_max, float* output) {
  const int32_t mult = g.out_c / g.in_c;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t ic = 0; ic < g.in_c; ++ic)
          for (int32_t m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            const int32_t iy0 = oy * g.stride_h - g.pad_h;
            const int32_t ix0 = ox * g.stride_w - g.pad_w;
            float total = 0.0f;
            for (int32_t fy = 0; fy < g.filter_h; ++fy)
              for (int32_t fx = 0; fx < g.filter_w; ++fx) {
                const int32_t iy = iy0 + g.dilation_h * fy;
                const int32_t ix = ix0 + g.dilation_w * fx;
                if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
                total += input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + ic] *
                         filter[(fy * g.filter_w + fx) * g.out_c + oc];
              }
            const float v = total + (bias ? bias[oc] : 0.0f);
            output[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] = std::min(std::max(v, act_min), act_max);
          }
}

template <typename T, typename W>
void depthwise_conv_2d_quantized(const ConvGeometry& g, const T* input, int32_t input_offset, const W* filter,
                                 int32_t filter_offset, const int32_t* bias, const int32_t* multiplier,
                                 const int* shift, int32_t output_offset, int32_t act_min, int32_t act_max,
                                 T* output, int32_t (*requantize)(int32_t, int32_t, int)) {
  const int32_t mult = g.out_c / g.in_c;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t ic = 0; ic < g.in_c; ++ic)
          for (int32_t m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            const int32_t iy0 = oy * g.stride_h - g.pad_h;
            const int32_t ix0 = ox * g.stride_w - g.pad_w;
            int32_t acc = 0;
            for (int32_t fy = 0; fy < g.filter_h; ++fy)
              for (int32_t fx = 0; fx < g.filter_w; ++fx) {
                const int32_t iy = iy0 + g.dilation_h * fy;
                const int32_t ix = ix0 + g.dilation_w * fx;
                if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
                const int32_t x = input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + ic];
                const int32_t w = filter[(fy * g.filter_w + fx) * g.out_c + oc];
                acc += (w + filter_offset) * (x + input_offset);
              }
            if (bias) acc += bias[oc];
            acc = requantize(acc, multiplier[oc], shift[oc]) + output_offset;
            output[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
                static_cast<T>(std::min(std::max(acc, act_min), act_max));
          }
}

// 16x8: int16 input (zero point 0), int8 filter, int64 accumulator and bias.
inline void depthwise_conv_2d_int16x8(const ConvGeometry& g, const int16_t* input, const int8_t* filter,
                                      const int64_t* bias, const int32_t* multiplier, const int* shift,
                                      int32_t act_min, int32_t act_max, int16_t* output) {
  const int32_t mult = g.out_c / g.in_c;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t ic = 0; ic < g.in_c; ++ic)
          for (int32_t m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            const int32_t iy0 = oy * g.stride_h - g.pad_h;
            const int32_t ix0 = ox * g.stride_w - g.pad_w;
            int64_t acc = 0;
            for (int32_t fy = 0; fy < g.filter_h; ++fy)
              for (int32_t fx = 0; fx < g.filter_w; ++fx) {
                const int32_t iy = iy0 + g.dilation_h * fy;
                const int32_t ix = ix0 + g.dilation_w * fx;
                if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
                acc += static_cast<int64_t>(filter[(fy * g.filter_w + fx) * g.out_c + oc]) *
                       input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + ic];
              }
            if (bias) acc += bias[oc];
            const int32_t v = quant::multiply_by_quantized_multiplier(acc, multiplier[oc], shift[oc]);
            output[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
                static_cast<int16_t>(std::min(std::max(v, act_min), act_max));
          }
}

}  // namespace xlite::ref
