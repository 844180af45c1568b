// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;

TEST(ArgMin, TiesPickLowestIndex) {
  TensorHarness h(OpKind::ARG_MIN);
  h.input(DType::kUInt8, {1, 4}, std::vector<uint8_t>{9, 2, 7, 2});
  h.input(DType::kInt32, {}, std::vector<int32_t>{1}, true);
  h.output(DType::kInt64);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (std::vector<int32_t>{1}));
  EXPECT_EQ(h.values<int64_t>(), (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace xlite
