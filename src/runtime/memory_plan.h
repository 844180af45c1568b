// SPDX-License-Identifier: Apache-2.0
// Static memory planning: give each activation an offset in one arena so
// that buffers alive at the same time never overlap, and buffers whose
// lifetimes are disjoint share bytes.
//
// Terms. A buffer is live from the step that writes it (`first`) to the
// last step that reads it (`last`), both inclusive; steps are op indices,
// -1 is "before the first op" (graph inputs) and a graph output lives to
// the last step. Two buffers conflict when their live ranges intersect.
//
// The algorithm is greedy by size: the largest buffers are placed first,
// each at the lowest aligned offset where it overlaps no conflicting buffer
// already placed. Tests: tests/cpp/memory_plan_test.cc (hand-computed plans,
// and a randomized check that no two conflicting buffers overlap).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace xlite {

struct BufferLife {
  size_t bytes = 0;
  int first = 0;  // step that writes it (-1: live on entry)
  int last = 0;   // last step that reads it
};

struct MemoryPlan {
  std::vector<size_t> offsets;  // one per buffer, aligned
  size_t arena_bytes = 0;       // the planned arena
  size_t naive_bytes = 0;       // every buffer in its own slice

  // One line per buffer: "  #i  [first,last]  offset +bytes".
  std::string to_string(std::span<const BufferLife> buffers) const;
};

MemoryPlan plan_memory(std::span<const BufferLife> buffers, size_t align = 64);

// True when two buffers that are live at the same step share a byte.
bool plan_has_conflict(std::span<const BufferLife> buffers, const MemoryPlan& plan);

}  // namespace xlite
