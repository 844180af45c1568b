// SPDX-License-Identifier: Apache-2.0
// int8 MUL, bit-exact with the reference (ref::mul_quantized_one):
//   out = clamp(MultiplyByQuantizedMultiplier((a + in1_offset) * (b + in2_offset),
//               multiplier, shift) + output_offset)
// over a run of n outputs whose inputs step by 0 (broadcast) or 1.
#pragma once

#include <cstdint>

namespace xlite::kernels {

// left/right: the shift split as in conv_i8.h (both in [0, 31]);
// multiplier != INT32_MIN; |offsets| <= 255; act range inside [-128, 127].
struct MulI8Params {
  int32_t in1_offset = 0, in2_offset = 0;
  int32_t multiplier = 0, left = 0, right = 0;
  int32_t output_offset = 0, act_min = -128, act_max = 127;
};

struct MulI8Kernel {
  // sa, sb: 0 or 1.
  void (*run)(const MulI8Params& p, const int8_t* a, int64_t sa, const int8_t* b, int64_t sb, int8_t* out,
              int64_t n);
};

}  // namespace xlite::kernels
