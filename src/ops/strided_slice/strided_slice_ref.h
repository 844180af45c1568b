// SPDX-License-Identifier: Apache-2.0
// Reference strided window copy (STRIDED_SLICE and SLICE): output index k
// along dimension d reads input index start[d] + k * stride[d].
#pragma once

#include <cstdint>
#include <vector>

#include "ops/common/layout.h"

namespace xlite::ref {

struct SliceGeometry {
  std::vector<int32_t> in_shape;   // with new axes as size-1 dimensions
  std::vector<int32_t> out_shape;  // same rank as in_shape (shrunk dims are 1)
  std::vector<int32_t> start, stride;
};

inline void strided_copy(const SliceGeometry& g, const uint8_t* input, uint8_t* output, size_t elem) {
  const std::vector<int64_t> in_strides = layout::strides_of(g.in_shape);
  const size_t rank = g.in_shape.size();
  layout::for_each_index(g.out_shape, [&](const int32_t* idx, int64_t flat) {
    int64_t src = 0;
    for (size_t d = 0; d < rank; ++d)
      src += (static_cast<int64_t>(g.start[d]) + static_cast<int64_t>(idx[d]) * g.stride[d]) * in_strides[d];
    layout::copy_element(output, flat, input, src, elem);
  });
}

}  // namespace xlite::ref
