// SPDX-License-Identifier: Apache-2.0
// Per-channel fixed-point requantization (conv_i8.h), plain C++: the
// reference's arithmetic (quant::multiply_by_quantized_multiplier) written
// out; conv_i8_test checks them equal.
#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

inline int32_t requant_one(int32_t x, int32_t m, int left, int right) {
  const int32_t a = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  // m != INT32_MIN, so the high multiply never saturates.
  const int64_t ab = static_cast<int64_t>(a) * m;
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  const int32_t high = static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
  const int32_t mask = static_cast<int32_t>((int64_t{1} << right) - 1);
  const int32_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
  return (high >> right) + ((high & mask) > threshold ? 1 : 0);
}

void requant_i8_portable_run(const RequantChannelsI8& q, const int32_t* acc, int64_t lda, int64_t rows, int64_t n,
                             int8_t* out, int64_t ldo) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < n; ++j) {
      int32_t v = requant_one(acc[r * lda + j], q.multiplier[j], q.left[j], q.right[j]) + q.output_offset;
      v = v < q.act_min ? q.act_min : v > q.act_max ? q.act_max : v;
      out[r * ldo + j] = static_cast<int8_t>(v);
    }
}

}  // namespace

extern const RequantI8Kernel requant_i8_portable = {&requant_i8_portable_run};

}  // namespace xlite::kernels
