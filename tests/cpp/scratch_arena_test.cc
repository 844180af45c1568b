// SPDX-License-Identifier: Apache-2.0
#include "base/scratch_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

namespace xlite {
namespace {

bool aligned(const void* p) { return reinterpret_cast<uintptr_t>(p) % ScratchArena::kAlign == 0; }

TEST(ScratchArena, CommitAllocatesWhatPrepareReserved) {
  ScratchArena a;
  EXPECT_EQ(a.capacity(), 0u);
  a.reserve(100);
  a.reserve(5000);
  a.reserve(10);
  a.commit();
  EXPECT_GE(a.capacity(), 5000u);
  void* p = a.get(5000);
  ASSERT_TRUE(aligned(p));
  std::memset(p, 1, 5000);
  EXPECT_EQ(a.get(64), p);  // a smaller request reuses the buffer
}

TEST(ScratchArena, GrowsForALargerRequest) {
  ScratchArena a;
  a.reserve(64);
  a.commit();
  void* p = a.get(1 << 20);
  ASSERT_TRUE(aligned(p));
  EXPECT_GE(a.capacity(), size_t{1} << 20);
  std::memset(p, 0, size_t{1} << 20);
  EXPECT_EQ(a.get(0), p);
}

}  // namespace
}  // namespace xlite
