// SPDX-License-Identifier: Apache-2.0
// 64-byte aligned, zero-initialised storage (float, or int16/int32/bytes for
// the int8 kernels) for packed weights and scratch: allocated at prepare
// time, never in a kernel.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "base/big_alloc.h"

namespace xlite::kernels {

template <class T>
class AlignedArray {
 public:
  AlignedArray() = default;
  explicit AlignedArray(size_t n) { resize(n); }

  // Discards the contents; the new storage is zero.
  void resize(size_t n) {
    const size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    T* p = static_cast<T*>(alloc_big(bytes));
    if (p == nullptr) throw std::bad_alloc();
    std::memset(p, 0, bytes == 0 ? 64 : bytes);
    data_.reset(p);
    size_ = n;
  }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  size_t size_ = 0;
};

using AlignedFloats = AlignedArray<float>;

}  // namespace xlite::kernels
