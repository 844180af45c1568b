// SPDX-License-Identifier: Apache-2.0
// Reference CONV_2D: NHWC input, OHWI filter (I = input channels per group),
// plain loops over logical indices. Padded taps are skipped, which for the
// quantized kernels equals padding with the input zero point.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ops/common/quant.h"
#include "ops/common/window.h"

namespace xlite::ref {

using quant::multiply_by_quantized_multiplier;

inline void conv_2d_float(const ConvGeometry& g, const float* input, const float* filter, const float* bias,
                          float act_min, float act_max, float* output) {
  const int32_t groups = g.in_c / g.filter_c;
  const int32_t out_per_group = g.out_c / groups;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t oc = 0; oc < g.out_c; ++oc) {
          const int32_t group = oc / out_per_group;
          const int32_t iy0 = oy * g.stride_h - g.pad_h;
          const int32_t ix0 = ox * g.stride_w - g.pad_w;
          float total = 0.0f;
          for (int32_t fy = 0; fy < g.filter_h; ++fy)
            for (int32_t fx = 0; fx < g.filter_w; ++fx) {
              const int32_t iy = iy0 + g.dilation_h * fy;
              const int32_t ix = ix0 + g.dilation_w * fx;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              for (int32_t ic = 0; ic < g.filter_c; ++ic) {
                const float x = input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + group * g.filter_c + ic];
                const float w = filter[((oc * g.filter_h + fy) * g.filter_w + fx) * g.filter_c + ic];
                total += x * w;
              }
            }
          const float biased = total + (bias ? bias[oc] : 0.0f);
          output[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] = std::min(std::max(biased, act_min), act_max);
        }
}

// int8 (per-channel weights, filter_offset 0) and legacy uint8 (per-tensor,
// filter_offset = -filter zero point): acc = sum (w + filter_offset) *
// (x + input_offset) + bias, requantized per output channel.
template <typename T, typename W>
void conv_2d_quantized(const ConvGeometry& g, const T* input, int32_t input_offset, const W* filter,
                       int32_t filter_offset, const int32_t* bias, const int32_t* multiplier, const int* shift,
                       int32_t output_offset, int32_t act_min, int32_t act_max, T* output,
                       int32_t (*requantize)(int32_t, int32_t, int)) {
  const int32_t groups = g.in_c / g.filter_c;
  const int32_t out_per_group = g.out_c / groups;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t oc = 0; oc < g.out_c; ++oc) {
          const int32_t group = oc / out_per_group;
          const int32_t iy0 = oy * g.stride_h - g.pad_h;
          const int32_t ix0 = ox * g.stride_w - g.pad_w;
          int32_t acc = 0;
          for (int32_t fy = 0; fy < g.filter_h; ++fy)
            for (int32_t fx = 0; fx < g.filter_w; ++fx) {
              const int32_t iy = iy0 + g.dilation_h * fy;
              const int32_t ix = ix0 + g.dilation_w * fx;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              for (int32_t ic = 0; ic < g.filter_c; ++ic) {
                const int32_t x = input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + group * g.filter_c + ic];
                const int32_t w = filter[((oc * g.filter_h + fy) * g.filter_w + fx) * g.filter_c + ic];
                acc += (w + filter_offset) * (x + input_offset);
              }
            }
          if (bias) acc += bias[oc];
          acc = requantize(acc, multiplier[oc], shift[oc]) + output_offset;
          output[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
              static_cast<T>(std::min(std::max(acc, act_min), act_max));
        }
}

// int16 activations, int8 weights (16x8), zero points 0. Acc is the bias
// type and the accumulator: int64 (the converter's) with the int64
// requantization (16-bit multiplier, one rounding), or int32 with the int32
// one (double rounding), as TFLite's reference_integer_ops::ConvPerChannel
// <AccumScalar> picks them by overload.
template <typename Acc>
void conv_2d_int16x8(const ConvGeometry& g, const int16_t* input, const int8_t* filter, const Acc* bias,
                     const int32_t* multiplier, const int* shift, int32_t act_min, int32_t act_max,
                     int16_t* output) {
  const int32_t groups = g.in_c / g.filter_c;
  const int32_t out_per_group = g.out_c / groups;
  for (int32_t b = 0; b < g.batches; ++b)
    for (int32_t oy = 0; oy < g.out_h; ++oy)
      for (int32_t ox = 0; ox < g.out_w; ++ox)
        for (int32_t oc = 0; oc < g.out_c; ++oc) {
          const int32_t group = oc / out_per_group;
          const int32_t iy0 = oy * g.stride_h - g.pad_h;
          const int32_t ix0 = ox * g.stride_w - g.pad_w;
          Acc acc = 0;
          for (int32_t fy = 0; fy < g.filter_h; ++fy)
            for (int32_t fx = 0; fx < g.filter_w; ++fx) {
              const int32_t iy = iy0 + g.dilation_h * fy;
              const int32_t ix = ix0 + g.dilation_w * fx;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              for (int32_t ic = 0; ic < g.filter_c; ++ic)
                acc += static_cast<Acc>(filter[((oc * g.filter_h + fy) * g.filter_w + fx) * g.filter_c + ic]) *
                       static_cast<Acc>(input[((b * g.in_h + iy) * g.in_w + ix) * g.in_c + group * g.filter_c + ic]);
            }
          if (bias) acc += bias[oc];
          const int32_t v = multiply_by_quantized_multiplier(acc, multiplier[oc], shift[oc]);
          output[((b * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
              static_cast<int16_t>(std::min(std::max(v, act_min), act_max));
        }
}

}  // namespace xlite::ref
