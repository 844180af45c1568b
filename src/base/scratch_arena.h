// SPDX-License-Identifier: Apache-2.0
// Working memory shared by the ops of one executor.
//
// Ops run one at a time (an op that runs a subgraph, IF or WHILE, does so
// through the subgraph's own executor and uses no scratch itself), so one
// buffer sized for the largest request serves every op, instead of a
// buffer per op and thread that stays resident for the executor's life:
// per-op buffers were about 5 MB of every int8 architecture model's peak
// memory per thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "base/big_alloc.h"

namespace xlite {

class ScratchArena {
 public:
  static constexpr size_t kAlign = 64;

  ScratchArena() = default;
  ScratchArena(const ScratchArena&) = delete;
  ScratchArena& operator=(const ScratchArena&) = delete;
  ~ScratchArena() { release(); }

  // Prepare: an op will ask for up to `bytes` at eval.
  void reserve(size_t bytes) { reserved_ = std::max(reserved_, bytes); }
  // After the prepares: allocate what they reserved, so that running the
  // ops allocates nothing.
  void commit() {
    if (reserved_ > capacity_) grow(reserved_);
  }
  // Eval: at least `bytes`, 64-byte aligned, valid until the next get()
  // (it grows when an op asks for more than was reserved). Contents are
  // not kept between ops and start undefined.
  void* get(size_t bytes) {
    if (bytes > capacity_) grow(bytes);
    return data_;
  }
  size_t capacity() const { return capacity_; }

 private:
  void grow(size_t bytes) {
    release();
    bytes = (bytes + kAlign - 1) / kAlign * kAlign;
    data_ = alloc_big(bytes, kAlign);
    if (data_ == nullptr) throw std::bad_alloc();
    capacity_ = bytes;
  }
  void release() {
    std::free(data_);
    data_ = nullptr;
    capacity_ = 0;
  }

  void* data_ = nullptr;
  size_t capacity_ = 0, reserved_ = 0;
};

}  // namespace xlite
