// SPDX-License-Identifier: Apache-2.0
#include "runtime/memory_plan.h"

#include <gtest/gtest.h>

#include <random>

namespace xlite {
namespace {

// A chain a -> b -> c -> d: a and c never live together, nor b and d, so
// two slots suffice: {a, c} share one, {b, d} the other.
TEST(MemoryPlan, ChainReusesTwoSlots) {
  const std::vector<BufferLife> bufs = {{256, -1, 0}, {256, 0, 1}, {256, 1, 2}, {256, 2, 3}};
  const MemoryPlan p = plan_memory(bufs, 64);
  EXPECT_EQ(p.arena_bytes, 512u);
  EXPECT_EQ(p.naive_bytes, 1024u);
  EXPECT_EQ(p.offsets[0], p.offsets[2]);
  EXPECT_EQ(p.offsets[1], p.offsets[3]);
  EXPECT_NE(p.offsets[0], p.offsets[1]);
  EXPECT_FALSE(plan_has_conflict(bufs, p));
}

// A residual block: x (live 0..3) stays while y and z come and go; the
// small buffers fit in the hole the big one leaves after its last use.
TEST(MemoryPlan, LongLivedBufferAndHoles) {
  const std::vector<BufferLife> bufs = {
      {100, -1, 3},  // x: read again by the residual add at step 3
      {400, 0, 1},   // big intermediate
      {60, 1, 2},    // overlaps the big one at step 1
      {100, 2, 3},   // written after the big one died: reuses its bytes
  };
  const MemoryPlan p = plan_memory(bufs, 64);
  EXPECT_FALSE(plan_has_conflict(bufs, p));
  EXPECT_EQ(p.offsets[1], 0u);    // largest first, at 0
  EXPECT_EQ(p.offsets[0], 448u);  // after it (400 rounded up to 64)
  EXPECT_EQ(p.offsets[3], 0u);    // the big one is dead at step 2
  EXPECT_EQ(p.offsets[2], 576u);  // x at 448..548 rounds to 576
  EXPECT_EQ(p.arena_bytes, 640u);
  EXPECT_EQ(p.naive_bytes, 128u + 448u + 64u + 128u);
}

TEST(MemoryPlan, EmptyAndZeroSizedBuffers) {
  EXPECT_EQ(plan_memory({}, 64).arena_bytes, 0u);
  const std::vector<BufferLife> bufs = {{0, 0, 5}, {10, 0, 5}};
  const MemoryPlan p = plan_memory(bufs, 64);
  EXPECT_EQ(p.arena_bytes, 64u);
}

TEST(MemoryPlan, RandomPlansNeverOverlapLiveBuffers) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const int steps = 1 + static_cast<int>(rng() % 20);
    std::vector<BufferLife> bufs(1 + rng() % 40);
    size_t peak_live = 0;
    for (auto& b : bufs) {
      b.first = static_cast<int>(rng() % (steps + 1)) - 1;
      b.last = b.first + static_cast<int>(rng() % (steps - b.first));
      b.bytes = rng() % 3 == 0 ? rng() % 8 : rng() % 5000;
    }
    for (int s = -1; s < steps; ++s) {
      size_t live = 0;
      for (const auto& b : bufs)
        if (b.first <= s && s <= b.last) live += b.bytes;
      peak_live = std::max(peak_live, live);
    }
    const MemoryPlan p = plan_memory(bufs, 16);
    ASSERT_FALSE(plan_has_conflict(bufs, p)) << p.to_string(bufs);
    for (size_t i = 0; i < bufs.size(); ++i) EXPECT_EQ(p.offsets[i] % 16, 0u);
    // Buffers live together occupy distinct bytes.
    EXPECT_GE(p.arena_bytes, peak_live);
    EXPECT_LE(p.arena_bytes, p.naive_bytes);
  }
}

}  // namespace
}  // namespace xlite
