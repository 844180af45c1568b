// SPDX-License-Identifier: Apache-2.0
// A tensor as the runtime sees it: element type, current shape, and where
// its bytes live (the arena for activations, the model file for constants).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/dtype.h"
#include "ir/graph.h"

namespace xlite {

struct RtTensor {
  DType dtype = DType::kFloat32;
  std::vector<int32_t> shape;
  uint8_t* data = nullptr;
  size_t bytes = 0;
  bool constant = false;
  const Quantization* quant = nullptr;  // the IR's, never null after prepare
  const Tensor* ir = nullptr;

  int rank() const { return static_cast<int>(shape.size()); }
  int32_t dim(int i) const { return shape[i < 0 ? i + rank() : i]; }
  int64_t num_elements() const {
    int64_t n = 1;
    for (int32_t d : shape) n *= d;
    return n;
  }
  template <typename T>
  T* as() {
    return reinterpret_cast<T*>(data);
  }
  template <typename T>
  const T* as() const {
    return reinterpret_cast<const T*>(data);
  }
  float scale() const { return quant && !quant->scale.empty() ? quant->scale[0] : 0.0f; }
  int32_t zero_point() const {
    return quant && !quant->zero_point.empty() ? static_cast<int32_t>(quant->zero_point[0]) : 0;
  }
};

}  // namespace xlite
