// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "base/dtype.h"

namespace xlite {
namespace {

TEST(DType, NamesRoundTrip) {
  for (DType t : {DType::kFloat32, DType::kInt8, DType::kInt4, DType::kString, DType::kBool})
    EXPECT_EQ(dtype_from_name(dtype_name(t)), t);
  EXPECT_FALSE(dtype_from_name("float31").has_value());
}

TEST(DType, StorageBytes) {
  EXPECT_EQ(dtype_storage_bytes(DType::kFloat32, 10), 40);
  EXPECT_EQ(dtype_storage_bytes(DType::kInt4, 3), 2) << "sub-byte types pack and round up";
  EXPECT_EQ(dtype_storage_bytes(DType::kInt2, 5), 2);
  EXPECT_EQ(dtype_storage_bytes(DType::kFloat16, 0), 0);
  EXPECT_FALSE(dtype_storage_bytes(DType::kString, 1).has_value());
  EXPECT_FALSE(dtype_storage_bytes(DType::kFloat64, INT64_MAX / 4).has_value()) << "overflow";
}

}  // namespace
}  // namespace xlite
