// SPDX-License-Identifier: Apache-2.0
// A read-only view of a whole file: mmap where possible, so constant tensor
// data is referenced in place rather than copied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace xlite {

class Bytes {
 public:
  virtual ~Bytes() = default;
  virtual std::span<const uint8_t> data() const = 0;
  size_t size() const { return data().size(); }
  // A hint that the pages wholly inside `range` (a part of data()) are not
  // needed for now: a file mapping gives them back to the page cache, and
  // reading them again later faults them in from the file (the bytes never
  // change). Weights a kernel has packed into its own layout are released
  // so, and the process does not hold both copies. No-op for owned bytes.
  virtual void release(std::span<const uint8_t> range) const { (void)range; }
};

// Opens and maps `path`; errors name the path and the OS reason.
Result<std::shared_ptr<const Bytes>> map_file(const std::string& path);
// Owns a copy of `bytes` (for models given as a buffer). The copy is 16-byte
// aligned, as flatbuffers' force_align on constant data expects.
std::shared_ptr<const Bytes> copy_bytes(std::span<const uint8_t> bytes);

}  // namespace xlite
