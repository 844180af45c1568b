// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>

#include "ops/concatenation/concatenation_ref.h"
#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Concatenation, NegativeAxis) {
  TensorHarness h(OpKind::CONCATENATION);
  h.attrs().set("axis", int64_t{-1});
  h.input(DType::kFloat32, {2, 2}, V{1, 2, 3, 4});
  h.input(DType::kFloat32, {2, 1}, V{5, 6});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 3}));
  EXPECT_EQ(h.values<float>(), (V{1, 2, 5, 3, 4, 6}));
}

TEST(Concatenation, FloatFusedRelu6AndZeroSizeInput) {
  TensorHarness h(OpKind::CONCATENATION);
  h.attrs().set("axis", int64_t{0});
  h.attrs().set("fused_activation_function", int64_t{3});
  h.input(DType::kFloat32, {2}, V{-1, 7});
  h.input(DType::kFloat32, {0}, V{});
  h.input(DType::kFloat32, {1}, V{2.5f});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<float>(), (V{0, 6, 2.5f}));
}

TEST(Concatenation, Int8NeedsEqualQuantization) {
  TensorHarness h(OpKind::CONCATENATION);
  h.input(DType::kInt8, {1}, std::vector<int8_t>{1}, false, 0.5f, 0);
  h.input(DType::kInt8, {1}, std::vector<int8_t>{1}, false, 0.25f, 0);
  h.output(DType::kInt8, 0.5f, 0);
  EXPECT_FALSE(h.prepare().ok());
}

TEST(Concatenation, Uint8RescalesLikeTflite) {
  TensorHarness h(OpKind::CONCATENATION);
  h.input(DType::kUInt8, {2}, std::vector<uint8_t>{3, 200}, false, 0.5f, 1);
  h.input(DType::kUInt8, {1}, std::vector<uint8_t>{9}, false, 1.0f, 4);
  h.output(DType::kUInt8, 1.0f, 4);
  ASSERT_TRUE(h.run().ok());
  // (3 - 1) * 0.5 = 1 -> 1 + 4; (200 - 1) * 0.5 = 99.5 rounds away -> 100 + 4.
  EXPECT_EQ(h.values<uint8_t>(), (std::vector<uint8_t>{5, 104, 9}));
}

TEST(Concatenation, MismatchedOtherDim) {
  TensorHarness h(OpKind::CONCATENATION);
  h.input(DType::kFloat32, {1, 2}, V{1, 2});
  h.input(DType::kFloat32, {1, 3}, V{1, 2, 3});
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

// The chunk-at-a-time kernel against the reference's element copies over
// random block counts, input counts, chunk sizes (0 too) and element sizes.
TEST(Concatenation, ChunkKernelMatchesReference) {
  std::mt19937 rng(5);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 200; ++trial) {
    const int64_t outer = r(0, 6);
    const size_t elem = static_cast<size_t>(std::vector<int>{1, 2, 4, 8}[r(0, 3)]);
    const int n = r(1, 5);
    std::vector<std::vector<uint8_t>> data(n);
    std::vector<const uint8_t*> inputs;
    std::vector<int64_t> chunk;
    int64_t total = 0;
    for (int i = 0; i < n; ++i) {
      chunk.push_back(r(0, 3) == 0 ? 0 : r(1, 40));
      data[i].resize(static_cast<size_t>(outer * chunk[i]) * elem + 1);
      for (uint8_t& b : data[i]) b = static_cast<uint8_t>(r(0, 255));
      inputs.push_back(data[i].data());
      total += outer * chunk[i];
    }
    std::vector<uint8_t> want(static_cast<size_t>(total) * elem + 1, 0xEE), got = want;
    ref::concat_bytes(outer, inputs, chunk, want.data(), elem);
    ref::concat_chunks(outer, inputs, chunk, got.data(), elem);
    ASSERT_EQ(got, want) << "trial " << trial;
  }
}

}  // namespace
}  // namespace xlite
