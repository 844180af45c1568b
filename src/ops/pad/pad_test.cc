// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "ops/pad/pad_fast.h"
#include "ops/pad/pad_ref.h"
#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;
using I8 = std::vector<int8_t>;

TEST(Pad, FloatPadsWithZero) {
  TensorHarness h(OpKind::PAD);
  h.input(DType::kFloat32, {2, 2}, V{1, 2, 3, 4});
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{1, 0, 0, 1}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3, 3}));
  EXPECT_EQ(h.values<float>(), (V{0, 0, 0, 1, 2, 0, 3, 4, 0}));
}

TEST(Pad, Int8PadsWithOutputZeroPoint) {
  TensorHarness h(OpKind::PAD);
  h.input(DType::kInt8, {2}, I8{10, -20}, false, 0.5f, -3);
  h.input(DType::kInt64, {1, 2}, std::vector<int64_t>{1, 2}, true);
  h.output(DType::kInt8, 0.5f, -3);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<int8_t>(), (I8{-3, 10, -20, -3, -3}));
}

TEST(Pad, ZeroSizeInputIsAllPadding) {
  TensorHarness h(OpKind::PAD);
  h.input(DType::kFloat32, {0, 2}, V{});
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{1, 1, 0, 0}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2}));
  EXPECT_EQ(h.values<float>(), (V{0, 0, 0, 0}));
}

TEST(Pad, RejectsNegativePaddingAndRunTimePaddings) {
  TensorHarness neg(OpKind::PAD);
  neg.input(DType::kFloat32, {2}, V{1, 2});
  neg.input(DType::kInt32, {1, 2}, std::vector<int32_t>{-1, 0}, true);
  neg.output(DType::kFloat32);
  EXPECT_FALSE(neg.prepare().ok());

  TensorHarness dyn(OpKind::PAD);
  dyn.input(DType::kFloat32, {2}, V{1, 2});
  dyn.input(DType::kInt32, {1, 2}, std::vector<int32_t>{1, 0}, false);
  dyn.output(DType::kFloat32);
  EXPECT_NE(dyn.prepare().message().find("computed at run time is not supported yet"), std::string::npos);
}

// The row-at-a-time kernel against the reference's element mapping over
// random ranks 1-5, shapes (zero sizes too), paddings and element sizes.
TEST(Pad, RowKernelMatchesReference) {
  std::mt19937 rng(9);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 300; ++trial) {
    ref::PadGeometry g;
    const int rank = r(1, 5);
    int64_t in_n = 1, out_n = 1;
    for (int d = 0; d < rank; ++d) {
      const int in = r(0, 8) == 0 ? 0 : r(1, 5), before = r(0, 3), after = r(0, 3);
      g.in_shape.push_back(in);
      g.before.push_back(before);
      g.out_shape.push_back(in + before + after);
      in_n *= in;
      out_n *= in + before + after;
    }
    const size_t elem = static_cast<size_t>(std::vector<int>{1, 2, 4, 8}[r(0, 3)]);
    std::vector<uint8_t> in(static_cast<size_t>(in_n) * elem), value(elem);
    for (uint8_t& b : in) b = static_cast<uint8_t>(r(0, 255));
    for (uint8_t& b : value) b = static_cast<uint8_t>(r(0, 255));
    std::vector<uint8_t> want(static_cast<size_t>(out_n) * elem + 1, 0xEE), got = want;
    ref::pad_constant(g, in.data(), value.data(), want.data(), elem);
    ref::pad_constant_rows(g, in.data(), value.data(), got.data(), elem);
    ASSERT_EQ(got, want) << "trial " << trial;
  }
}

// The fast kernel (pad_fast.h) against the reference over random ranks 1-5,
// shapes (zero sizes too), paddings that are often zero (so trailing
// dimensions merge into long rows), element sizes 1-16 bytes, rows split
// in two at a random row as threads would; every output byte written, none
// outside the output (guard bytes on both sides).
TEST(Pad, FastKernelMatchesReference) {
  std::mt19937 rng(17);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  constexpr size_t kGuard = 64;
  for (int trial = 0; trial < 2000; ++trial) {
    ref::PadGeometry g;
    const int rank = r(1, 5);
    int64_t in_n = 1, out_n = 1;
    for (int d = 0; d < rank; ++d) {
      const int in = r(0, 12) == 0 ? 0 : r(1, d == rank - 1 ? 70 : 6);
      const int before = r(0, 2) == 0 ? r(0, 3) : 0, after = r(0, 2) == 0 ? r(0, 9) : 0;
      g.in_shape.push_back(in);
      g.before.push_back(before);
      g.out_shape.push_back(in + before + after);
      in_n *= in;
      out_n *= in + before + after;
    }
    const size_t elem = static_cast<size_t>(std::vector<int>{1, 2, 4, 8, 16}[r(0, 4)]);
    std::vector<uint8_t> in(static_cast<size_t>(in_n) * elem), value(elem);
    for (uint8_t& b : in) b = static_cast<uint8_t>(r(0, 255));
    for (uint8_t& b : value) b = static_cast<uint8_t>(r(0, 255));
    const size_t out_bytes = static_cast<size_t>(out_n) * elem;
    std::vector<uint8_t> want(out_bytes);
    ref::pad_constant(g, in.data(), value.data(), want.data(), elem);
    const ops::pad::FastPad f = ops::pad::plan_fast_pad(g, elem);
    ASSERT_TRUE(f.usable);
    // Poisoned with a byte the inputs rarely give in a row; guards apart.
    std::vector<uint8_t> got(out_bytes + 2 * kGuard, 0xA5);
    const int64_t split = f.rows > 0 ? r(0, static_cast<int>(f.rows)) : 0;
    ops::pad::fast_pad_rows(f, in.data(), value.data(), got.data() + kGuard, 0, split);
    ops::pad::fast_pad_rows(f, in.data(), value.data(), got.data() + kGuard, split, f.rows);
    for (size_t i = 0; i < kGuard; ++i) {
      ASSERT_EQ(got[i], 0xA5) << "trial " << trial << ": wrote before the output";
      ASSERT_EQ(got[kGuard + out_bytes + i], 0xA5) << "trial " << trial << ": wrote past the output";
    }
    ASSERT_TRUE(std::equal(want.begin(), want.end(), got.begin() + kGuard))
        << "trial " << trial << " elem " << elem << " rows " << f.rows << " split " << split;
    // Nothing left as poison where the reference wrote something else: the
    // comparison above covers it, unless the poison byte is the right
    // answer; a second run over a different poison rules that out.
    std::vector<uint8_t> again(out_bytes + 1, 0x5A);
    ops::pad::fast_pad_rows(f, in.data(), value.data(), again.data(), 0, f.rows);
    ASSERT_TRUE(std::equal(want.begin(), want.end(), again.begin())) << "trial " << trial;
    ASSERT_EQ(again[out_bytes], 0x5A) << "trial " << trial;
  }
}

}  // namespace
}  // namespace xlite
