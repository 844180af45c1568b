// SPDX-License-Identifier: Apache-2.0
// Table lookup variants against the plain lookup: random tables, every
// input code, every length around the 32-byte step (and a long run),
// misaligned starts, in place, outputs filled twice with different bytes so
// an unwritten byte cannot pass, and guard bytes on both sides.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kernels/kernel_test_util.h"

namespace xlite::kernels {
namespace {

constexpr size_t kGuard = 64;
constexpr uint8_t kGuardByte = 0xA5;

std::string check(const LutU8Kernel& k, const uint8_t* table, const std::vector<uint8_t>& in, size_t misalign,
                  bool in_place) {
  const size_t n = in.size();
  std::vector<uint8_t> want(n);
  for (size_t i = 0; i < n; ++i) want[i] = table[in[i]];
  for (uint8_t fill : {0x00, 0xFF}) {
    std::vector<uint8_t> mem(n + 2 * kGuard + misalign, kGuardByte);
    uint8_t* out = mem.data() + kGuard + misalign;
    if (n > 0 && in_place) std::memcpy(out, in.data(), n);  // in.data() may be null when n == 0
    if (n > 0 && !in_place) std::memset(out, fill, n);
    k.run(table, in_place ? out : in.data(), out, static_cast<int64_t>(n));
    for (size_t i = 0; i < kGuard; ++i)
      if (mem[i] != kGuardByte || mem[kGuard + misalign + n + i] != kGuardByte) return "guard bytes overwritten";
    for (size_t i = 0; i < n; ++i)
      if (out[i] != want[i])
        return "element " + std::to_string(i) + " (code " + std::to_string(in[i]) + "): got " +
               std::to_string(out[i]) + ", want " + std::to_string(want[i]);
    if (in_place) break;
  }
  return "";
}

TEST(LutU8, EveryVariantMatchesThePlainLookup) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(0, 255);
  for (const auto& v : testing::runnable<LutU8Kernel>()) {
    for (int trial = 0; trial < 20; ++trial) {
      uint8_t table[256];
      for (uint8_t& t : table) t = static_cast<uint8_t>(byte(rng));
      // Every code, in order and shuffled, so each sub-table and each
      // high-nibble path is hit in every lane position.
      std::vector<uint8_t> all(256 * 3);
      for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint8_t>(i);
      if (trial % 2) std::shuffle(all.begin(), all.end(), rng);
      ASSERT_EQ(check(*v.kernel, table, all, 0, false), "") << v.name << " trial " << trial;
      std::vector<int> lengths;
      for (int n = 0; n <= 100; ++n) lengths.push_back(n);
      lengths.push_back(4099);
      for (int n : lengths) {
        std::vector<uint8_t> in(static_cast<size_t>(n));
        for (uint8_t& x : in) x = static_cast<uint8_t>(byte(rng));
        const size_t misalign = static_cast<size_t>(n % 7);
        ASSERT_EQ(check(*v.kernel, table, in, misalign, false), "") << v.name << " n=" << n;
        ASSERT_EQ(check(*v.kernel, table, in, misalign, true), "") << v.name << " in place, n=" << n;
      }
    }
  }
}

}  // namespace
}  // namespace xlite::kernels
