// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;
using I8 = std::vector<int8_t>;

TEST(PadV2, UsesConstantValue) {
  TensorHarness h(OpKind::PADV2);
  h.input(DType::kInt8, {1}, I8{5}, false, 0.1f, 2);
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{2, 1}, true);
  h.input(DType::kInt8, {}, I8{-7}, true, 0.1f, 2);
  h.output(DType::kInt8, 0.1f, 2);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<int8_t>(), (I8{-7, -7, 5, -7}));
}

TEST(PadV2, QuantizedValueMustMatchOutput) {
  TensorHarness h(OpKind::PADV2);
  h.input(DType::kInt8, {1}, I8{5}, false, 0.1f, 2);
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{1, 1}, true);
  h.input(DType::kInt8, {}, I8{0}, true, 0.2f, 2);
  h.output(DType::kInt8, 0.1f, 2);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
