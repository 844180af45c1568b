// SPDX-License-Identifier: Apache-2.0
#include "runtime/memory_plan.h"

#include <algorithm>
#include <numeric>

namespace xlite {
namespace {

size_t round_up(size_t n, size_t align) { return (n + align - 1) / align * align; }

bool lives_overlap(const BufferLife& a, const BufferLife& b) { return a.first <= b.last && b.first <= a.last; }

}  // namespace

MemoryPlan plan_memory(std::span<const BufferLife> buffers, size_t align) {
  MemoryPlan plan;
  plan.offsets.assign(buffers.size(), 0);
  std::vector<size_t> order(buffers.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Largest first; ties by earlier start so the plan is deterministic.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (buffers[a].bytes != buffers[b].bytes) return buffers[a].bytes > buffers[b].bytes;
    return buffers[a].first < buffers[b].first;
  });
  std::vector<size_t> placed;  // indices, in placement order
  std::vector<std::pair<size_t, size_t>> busy;  // [begin, end) of conflicting placed buffers
  for (size_t i : order) {
    const BufferLife& b = buffers[i];
    plan.naive_bytes += round_up(b.bytes, align);
    if (b.bytes == 0) continue;
    busy.clear();
    for (size_t p : placed)
      if (lives_overlap(b, buffers[p])) busy.emplace_back(plan.offsets[p], plan.offsets[p] + buffers[p].bytes);
    std::sort(busy.begin(), busy.end());
    // The first gap, scanning upwards, that holds the buffer.
    size_t offset = 0;
    for (const auto& [begin, end] : busy) {
      if (offset + b.bytes <= begin) break;
      offset = std::max(offset, round_up(end, align));
    }
    plan.offsets[i] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, round_up(offset + b.bytes, align));
    placed.push_back(i);
  }
  return plan;
}

bool plan_has_conflict(std::span<const BufferLife> buffers, const MemoryPlan& plan) {
  for (size_t i = 0; i < buffers.size(); ++i)
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      if (buffers[i].bytes == 0 || buffers[j].bytes == 0 || !lives_overlap(buffers[i], buffers[j])) continue;
      const size_t a0 = plan.offsets[i], a1 = a0 + buffers[i].bytes;
      const size_t b0 = plan.offsets[j], b1 = b0 + buffers[j].bytes;
      if (a0 < b1 && b0 < a1) return true;
    }
  return false;
}

std::string MemoryPlan::to_string(std::span<const BufferLife> buffers) const {
  std::string s;
  for (size_t i = 0; i < buffers.size(); ++i) {
    s += "  #" + std::to_string(i) + "  [" + std::to_string(buffers[i].first) + "," +
         std::to_string(buffers[i].last) + "]  " + std::to_string(offsets[i]) + " +" +
         std::to_string(buffers[i].bytes) + "\n";
  }
  s += "  arena " + std::to_string(arena_bytes) + " bytes (naive " + std::to_string(naive_bytes) + ")\n";
  return s;
}

}  // namespace xlite
