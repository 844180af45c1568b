// SPDX-License-Identifier: Apache-2.0
#include "ops/hard_swish/hard_swish_ref.h"

#include <gtest/gtest.h>

#include "kernel_harness.h"

namespace xlite::ref {
namespace {

TEST(HardSwish, Float) {
  EXPECT_EQ(hard_swish_float(-4.0f), -0.0f);
  EXPECT_EQ(hard_swish_float(-3.0f), -0.0f);
  EXPECT_FLOAT_EQ(hard_swish_float(1.0f), 4.0f / 6);
  EXPECT_EQ(hard_swish_float(3.0f), 3.0f);
  EXPECT_EQ(hard_swish_float(10.0f), 10.0f);
}

// Input scale 1/16, output scale 1/32, zero points 0. By hand (see prepare):
// output multiplier (1/2048) / (1/32) = 2^-6 -> 16384 (Q0.15), exponent -5;
// reluish multiplier (1/2048) / (3/32768) = 16/3 -> 21845, exponent 3.
HardSwishParams params() { return {0, 0, 16384, -5, 21845, 3}; }

TEST(HardSwish, Int8HandComputed) {
  const int8_t in[5] = {32, -48, 0, 127, -128};
  int8_t out[5];
  hard_swish_quantized(params(), 5, in, out);
  // x = 2: hires 4096; preshift out 2048; reluish 16384 -> 10923 -> 21846
  // -> 27307 in [0, 1]; 27307 * 2048 / 2^15 = 1706 (truncated); / 32 ->
  // 53 (2 * 5/6 = 1.667 = 53.3 / 32).
  EXPECT_EQ(out[0], 53);
  EXPECT_EQ(out[1], 0);    // x = -3: the reluish value bottoms out at 0
  EXPECT_EQ(out[2], 0);
  EXPECT_EQ(out[3], 127);  // 7.94 * 32 = 254 saturates
  EXPECT_EQ(out[4], 0);    // x = -8
}

TEST(HardSwish, ZeroPointsAndUint8) {
  HardSwishParams p = params();
  p.input_zero_point = 128;
  p.output_zero_point = 10;
  const uint8_t in[2] = {160, 128};
  uint8_t out[2];
  hard_swish_quantized(p, 2, in, out);
  EXPECT_EQ(out[0], 63);  // 53 + 10
  EXPECT_EQ(out[1], 10);
}

// int8/uint8 look up a 256-entry table built at prepare: every code
// through it against the reference kernel, for several scales.
template <typename T>
void check_hard_swish_table(DType dtype, float si, int zi, float so, int zo) {
  std::vector<T> in(256);
  for (int i = 0; i < 256; ++i) in[i] = static_cast<T>(i);
  std::vector<T> results[2];
  for (int reference = 0; reference < 2; ++reference) {
    xlite::testing::KernelHarness h(OpKind::HARD_SWISH);
    h.template input<T>(dtype, {256}, in, si, zi).output(dtype, so, zo);
    h.reference_only(reference == 1);
    ASSERT_TRUE(h.run().ok());
    results[reference] = h.out<T>();
  }
  EXPECT_EQ(results[0], results[1]);
}

TEST(HardSwish, QuantizedTableMatchesReferenceOnEveryCode) {
  check_hard_swish_table<int8_t>(DType::kInt8, 0.05f, -3, 0.03f, -100);
  check_hard_swish_table<int8_t>(DType::kInt8, 0.1f, 20, 0.1f, 5);
  check_hard_swish_table<uint8_t>(DType::kUInt8, 0.04f, 128, 0.02f, 10);
}

}  // namespace
}  // namespace xlite::ref
