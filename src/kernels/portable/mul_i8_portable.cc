// SPDX-License-Identifier: Apache-2.0
// int8 MUL (mul_i8.h), plain C++: the reference's arithmetic written out;
// conv_i8_test checks them equal.
#include "kernels/mul_i8.h"

namespace xlite::kernels {
namespace {

void mul_i8_portable_run(const MulI8Params& p, const int8_t* a, int64_t sa, const int8_t* b, int64_t sb, int8_t* out,
                         int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const int32_t prod = (a[i * sa] + p.in1_offset) * (b[i * sb] + p.in2_offset);
    const int32_t x = static_cast<int32_t>(static_cast<uint32_t>(prod) << p.left);
    const int64_t ab = static_cast<int64_t>(x) * p.multiplier;
    const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    const int32_t high = static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
    const int32_t mask = static_cast<int32_t>((int64_t{1} << p.right) - 1);
    const int32_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
    int32_t v = (high >> p.right) + ((high & mask) > threshold ? 1 : 0) + p.output_offset;
    v = v < p.act_min ? p.act_min : v > p.act_max ? p.act_max : v;
    out[i] = static_cast<int8_t>(v);
  }
}

}  // namespace

extern const MulI8Kernel mul_i8_portable = {&mul_i8_portable_run};

}  // namespace xlite::kernels
