// SPDX-License-Identifier: Apache-2.0
// Allocation for the large, long-lived buffers an executor keeps (the
// activation arena, packed weights, scratch): from 16 KiB up, page aligned.
// Where such a buffer starts within a page is then the same whatever was
// allocated before it. With 64-byte aligned heap blocks it moved with
// unrelated allocations, and the kernels' times with it: one extra small
// allocation at start-up made EfficientNet-B0's large 1x1 and depthwise
// convolutions 5-8% slower (the packed weights against the activations'
// addresses, likely 4K aliasing), which a page-aligned placement removed.
// Free with std::free.
#pragma once

#include <cstddef>
#include <cstdlib>

namespace xlite {

// nullptr when out of memory. The contents are undefined.
inline void* alloc_big(size_t bytes, size_t min_align = 64) {
  size_t align = min_align;
  if (bytes >= 16384 && align < 4096) align = 4096;
  const size_t rounded = bytes == 0 ? align : (bytes + align - 1) / align * align;
  return std::aligned_alloc(align, rounded);
}

}  // namespace xlite
