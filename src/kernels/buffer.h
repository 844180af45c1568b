// SPDX-License-Identifier: Apache-2.0
// 64-byte aligned, zero-initialised float storage for packed weights and
// scratch: allocated at prepare time, never in a kernel.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace xlite::kernels {

class AlignedFloats {
 public:
  AlignedFloats() = default;
  explicit AlignedFloats(size_t n) { resize(n); }

  // Discards the contents; the new storage is zero.
  void resize(size_t n) {
    const size_t bytes = (n * sizeof(float) + 63) / 64 * 64;
    float* p = static_cast<float*>(std::aligned_alloc(64, bytes == 0 ? 64 : bytes));
    if (p == nullptr) throw std::bad_alloc();
    std::memset(p, 0, bytes == 0 ? 64 : bytes);
    data_.reset(p);
    size_ = n;
  }
  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };
  std::unique_ptr<float, Free> data_;
  size_t size_ = 0;
};

}  // namespace xlite::kernels
