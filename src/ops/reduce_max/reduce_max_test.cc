// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

TEST(ReduceMax, Int8KeepsQuantization) {
  OpHarness h(OpKind::REDUCE_MAX);
  h.input<int8_t>(DType::kInt8, {2, 3}, {-5, 7, 1, -128, -100, -101}, 0.1f, 3)
      .constant<int32_t>(DType::kInt32, {1}, {1})
      .output(DType::kInt8, {2, 1}, 0.1f, 3)
      .attr("keep_dims", true);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{7, -100}));
}

TEST(ReduceMax, QuantizationMustMatch) {
  OpHarness h(OpKind::REDUCE_MAX);
  h.input<int8_t>(DType::kInt8, {2}, {1, 2}, 0.1f, 0)
      .constant<int32_t>(DType::kInt32, {1}, {0})
      .output(DType::kInt8, {}, 0.2f, 0);
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite
