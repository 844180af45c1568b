// SPDX-License-Identifier: Apache-2.0
// Reference constant and mirror padding over elements of any size: each
// output index maps back to an input index per dimension, or (constant
// padding) to the pad value.
#pragma once

#include <cstdint>
#include <vector>

#include "ops/common/layout.h"

namespace xlite::ref {

struct PadGeometry {
  std::vector<int32_t> in_shape, out_shape;
  std::vector<int32_t> before;  // padding before each dimension
};

inline void pad_constant(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_value, uint8_t* output,
                         size_t elem) {
  const std::vector<int64_t> in_strides = layout::strides_of(g.in_shape);
  const size_t rank = g.out_shape.size();
  layout::for_each_index(g.out_shape, [&](const int32_t* idx, int64_t flat) {
    int64_t src = 0;
    for (size_t d = 0; d < rank; ++d) {
      const int32_t i = idx[d] - g.before[d];
      if (i < 0 || i >= g.in_shape[d]) {
        layout::copy_element(output, flat, pad_value, 0, elem);
        return;
      }
      src += i * in_strides[d];
    }
    layout::copy_element(output, flat, input, src, elem);
  });
}

// REFLECT mirrors around the edge element (which is not repeated);
// SYMMETRIC mirrors around the edge itself (the edge element is repeated).
// The padding is at most the dimension (SYMMETRIC) or one less (REFLECT),
// so one reflection always lands inside.
inline void pad_mirror(const PadGeometry& g, bool symmetric, const uint8_t* input, uint8_t* output, size_t elem) {
  const std::vector<int64_t> in_strides = layout::strides_of(g.in_shape);
  const size_t rank = g.out_shape.size();
  const int32_t skip = symmetric ? 0 : 1;
  layout::for_each_index(g.out_shape, [&](const int32_t* idx, int64_t flat) {
    int64_t src = 0;
    for (size_t d = 0; d < rank; ++d) {
      const int32_t n = g.in_shape[d];
      int32_t i = idx[d] - g.before[d];
      if (i < 0) i = -i - 1 + skip;
      else if (i >= n) i = 2 * n - 1 - skip - i;
      src += i * in_strides[d];
    }
    layout::copy_element(output, flat, input, src, elem);
  });
}

}  // namespace xlite::ref
