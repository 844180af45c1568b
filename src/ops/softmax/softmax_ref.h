// SPDX-License-Identifier: Apache-2.0
// Reference SOFTMAX over the last dimension: exp((x - max) * beta) / sum.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ops/common/fixed_point.h"
#include "ops/common/lut.h"
#include "ops/common/quant.h"

namespace xlite::ref {

inline void softmax_float(int64_t rows, int32_t depth, float beta, const float* input, float* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = input + r * depth;
    float* y = output + r * depth;
    float max = std::numeric_limits<float>::lowest();
    for (int32_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) {
      y[c] = std::exp((x[c] - max) * beta);
      sum += y[c];
    }
    for (int32_t c = 0; c < depth; ++c) y[c] /= sum;
  }
}

// TFLite reference_ops::Softmax for int8/uint8 input (softmax.h): the
// difference to the row max, scaled by beta * input_scale into Q5.26, goes
// through gemmlowp's exp; the exps sum in Q12.19, and each output is
// exp * (1 / sum) rounded to the output type's 8 (or 16) bits, offset so
// that 0 maps to the type's minimum (output scale 1/256 or 1/65536).
// Differences below diff_min contribute nothing and output the minimum.
template <typename In, typename Out>
void softmax_quantized(int64_t rows, int32_t depth, int32_t input_multiplier, int input_left_shift,
                       int32_t diff_min, const In* input, Out* output) {
  constexpr int kScaledDiffIntegerBits = 5;
  constexpr int kAccumulationIntegerBits = 12;
  constexpr int32_t kOutMin = std::numeric_limits<Out>::min();
  constexpr int32_t kOutMax = std::numeric_limits<Out>::max();
  auto exp_of_diff = [&](int32_t diff) {
    const int32_t scaled =
        fixed::multiply_by_quantized_multiplier_greater_than_one(diff, input_multiplier, input_left_shift);
    return fixed::exp_on_negative_values<kScaledDiffIntegerBits>(scaled);
  };
  for (int64_t r = 0; r < rows; ++r) {
    const In* x = input + r * depth;
    Out* y = output + r * depth;
    int32_t max_in_row = std::numeric_limits<In>::min();
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max<int32_t>(max_in_row, x[c]);

    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(x[c]) - max_in_row;
      if (diff >= diff_min)
        sum_of_exps = fixed::add(sum_of_exps, fixed::rescale<kAccumulationIntegerBits, 0>(exp_of_diff(diff)));
    }
    int num_bits_over_unit = 0;
    const int32_t shifted_scale = fixed::get_reciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - static_cast<int>(sizeof(Out) * 8);

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(x[c]) - max_in_row;
      if (diff >= diff_min) {
        // TFLite aborts past 31 (sums of 2^16 and more); every output then
        // rounds to zero anyway.
        const int32_t unsat =
            exponent > 31 ? 0 : quant::rounding_divide_by_pot(fixed::mul(shifted_scale, exp_of_diff(diff)), exponent);
        y[c] = static_cast<Out>(std::clamp(unsat + kOutMin, kOutMin, kOutMax));
      } else {
        y[c] = static_cast<Out>(kOutMin);
      }
    }
  }
}

// TFLite reference_ops::SoftmaxInt16 (softmax.h) and its tables
// (activations.cc SoftmaxPrepare). Both tables are built in double: exp on
// [-10, 0] and 1/(1+x) on [0, 1], each onto a symmetric [-1, 1] output.
struct SoftmaxInt16Tables {
  int16_t exp[lut::kInt16TableSize];
  int16_t one_over_one_plus_x[lut::kInt16TableSize];
};

inline void softmax_int16_tables(SoftmaxInt16Tables* t) {
  constexpr int32_t range = 65535;  // int16 max - min
  lut::populate_int16<double>(
      10.0 / range, 32767, 2.0 / range, 0, [](double v) { return std::exp(v); }, t->exp);
  lut::populate_int16<double>(
      1.0 / range, -32768, 2.0 / range, 0, [](double v) { return 1.0 / (1.0 + v); }, t->one_over_one_plus_x);
}

// Per row: each difference to the row max is rescaled so that [-65535, 0]
// spans exp's table range [-10, 0] (input_multiplier/shift from
// input_scale * beta / (10 / 65535)), recentred onto int16 and looked up
// (Q0.15). The sum (Q16.15) is normalised to its leading one; the 1/(1+x)
// table gives its reciprocal, and each exp times that reciprocal, shifted
// back with rounding, is the output on scale 1/32768, clamped to [0, 32767].
inline void softmax_int16(int64_t rows, int32_t depth, int32_t input_multiplier, int input_shift,
                          const SoftmaxInt16Tables& t, const int16_t* input, int16_t* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const int16_t* x = input + r * depth;
    int16_t* y = output + r * depth;
    int16_t max_in_row = std::numeric_limits<int16_t>::min();
    for (int32_t c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, x[c]);

    // The exps are kept in the output row until the reciprocal is known.
    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(x[c]) - max_in_row;
      const int32_t scaled = quant::multiply_by_quantized_multiplier(diff, input_multiplier, input_shift);
      const int32_t centred = std::clamp<int32_t>(scaled + 32767, -32768, 32767);
      y[c] = lut::lookup_int16(static_cast<int16_t>(centred), t.exp);
      sum_of_exps += y[c];
    }

    // sum >= exp(0) of the max itself, so 1 <= headroom_plus_one <= 17.
    const int headroom_plus_one = fixed::count_leading_zeros(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum =
        static_cast<int32_t>(((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    // 1/(1+x) wants x = sum - 1 on [0, 1], recentred from [0, 65535] to int16.
    const int32_t centred_sum = std::clamp<int32_t>(shifted_sum - ((1 << 15) + (1 << 16)), -32768, 32767);
    const int16_t reciprocal = lut::lookup_int16(static_cast<int16_t>(centred_sum), t.one_over_one_plus_x);

    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t result =
          static_cast<int32_t>((static_cast<int64_t>(y[c]) * static_cast<int64_t>(reciprocal) + round) >> right_shift);
      y[c] = static_cast<int16_t>(std::clamp<int32_t>(result, 0, 32767));
    }
  }
}

// The table kernel of LiteRT's optimized resolver: table[255 - d] =
// exp(-scale * beta * d) in float, so table[255 - max + x] = exp(beta *
// scale * (x - max)); probabilities are exp / sum, divided by the output
// scale, rounded, shifted by the zero point and clamped.
inline void softmax_exp_table(float input_scale, float beta, float table[256]) {
  const float scale = -input_scale * beta;
  for (int32_t d = 0; d <= 255; ++d) table[255 - d] = std::exp(scale * static_cast<float>(d));
}

template <typename T>
void softmax_table(int64_t rows, int32_t depth, const float table[256], float output_scale, int32_t zero_point,
                   const T* input, T* output) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* x = input + r * depth;
    T* y = output + r * depth;
    int32_t max = std::numeric_limits<T>::min();
    for (int32_t c = 0; c < depth; ++c) max = std::max(max, static_cast<int32_t>(x[c]));
    const float* row_table = table + 255 - max;
    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) sum += row_table[x[c]];
    const float inv = 1.0f / (sum * output_scale);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t q = static_cast<int32_t>(std::round(row_table[x[c]] * inv)) + zero_point;
      y[c] = static_cast<T>(std::min<int32_t>(std::max<int32_t>(q, std::numeric_limits<T>::min()),
                                              std::numeric_limits<T>::max()));
    }
  }
}

}  // namespace xlite::ref
