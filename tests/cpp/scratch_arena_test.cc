// SPDX-License-Identifier: Apache-2.0
#include "base/scratch_arena.h"

#include "base/big_alloc.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
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

// alloc_big's placements: 64-byte (or the asked) alignment, a page from
// 16 KiB, 2 MiB from 4 MiB (huge pages); every byte asked for is usable.
TEST(BigAlloc, AlignsBySizeAndGivesEveryByte) {
  struct Case {
    size_t bytes, align, want_align;
  };
  for (const Case& c : {Case{1, 64, 64}, Case{100, 128, 128}, Case{16384, 64, 4096}, Case{(4u << 20) - 1, 64, 4096},
                        Case{4u << 20, 64, 2u << 20}, Case{(9u << 20) + 123, 64, 2u << 20}}) {
    void* p = alloc_big(c.bytes, c.align);
    ASSERT_NE(p, nullptr) << c.bytes;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % c.want_align, 0u) << c.bytes;
    std::memset(p, 0x5a, c.bytes);
    EXPECT_EQ(static_cast<unsigned char*>(p)[c.bytes - 1], 0x5a);
    std::free(p);
  }
}

}  // namespace
}  // namespace xlite
