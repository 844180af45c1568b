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
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace xlite {

// nullptr when out of memory. The contents are undefined.
//
// From 4 MiB up the buffer starts on a 2 MiB boundary and its whole 2 MiB
// extents are marked for transparent huge pages (Linux, where the system's
// setting is "madvise" or "always"): packed weights are streamed once per
// inference, ResNet50's 100 MB of them, and with 4 KiB pages every page
// costs a TLB miss. The tail past the last whole extent keeps small pages,
// so no memory is added.
inline void* alloc_big(size_t bytes, size_t min_align = 64) {
  constexpr size_t kHuge = size_t{2} << 20;
  size_t align = min_align;
  if (bytes >= 16384 && align < 4096) align = 4096;
  if (bytes >= 2 * kHuge && align < kHuge) {
    void* p = nullptr;
    if (posix_memalign(&p, kHuge, (bytes + 4095) / 4096 * 4096) != 0) return nullptr;
#if defined(__linux__)
    madvise(p, bytes / kHuge * kHuge, MADV_HUGEPAGE);  // a hint: its failure changes nothing
#endif
    return p;
  }
  const size_t rounded = bytes == 0 ? align : (bytes + align - 1) / align * align;
  return std::aligned_alloc(align, rounded);
}

}  // namespace xlite
