// SPDX-License-Identifier: Apache-2.0
// Reference constant and mirror padding over elements of any size: each
// output index maps back to an input index per dimension, or (constant
// padding) to the pad value.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
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

// pad_constant a row of the last dimension at a time (the kernel outside
// --reference-kernels): a row outside the input along an outer dimension
// is all padding, any other is padding, a copy of an input row, padding.
// Only output rows [row_begin, row_end) (row_end < 0: to the last), so
// threads can share the rows out.
inline void pad_constant_rows(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_value, uint8_t* output,
                              size_t elem, int64_t row_begin = 0, int64_t row_end = -1) {
  const size_t rank = g.out_shape.size();
  auto fill = [&](uint8_t* dst, int64_t count) {
    if (elem == 1) {
      std::memset(dst, pad_value[0], static_cast<size_t>(count));
      return;
    }
    for (int64_t i = 0; i < count; ++i) std::memcpy(dst + i * static_cast<int64_t>(elem), pad_value, elem);
  };
  if (rank == 0) {
    std::memcpy(output, input, elem);
    return;
  }
  for (size_t d = 0; d < rank; ++d)
    if (g.out_shape[d] == 0) return;
  const int64_t e = static_cast<int64_t>(elem);
  const int32_t out_w = g.out_shape[rank - 1], in_w = g.in_shape[rank - 1], before_w = g.before[rank - 1];
  const int64_t after_w = static_cast<int64_t>(out_w) - before_w - in_w;
  const std::vector<int64_t> in_strides = layout::strides_of(g.in_shape);
  int64_t rows = 1;
  for (size_t d = 0; d + 1 < rank; ++d) rows *= g.out_shape[d];
  if (row_end >= 0) rows = std::min(rows, row_end);
  std::vector<int32_t> idx(rank, 0);
  for (int64_t rest = row_begin, d = static_cast<int64_t>(rank) - 2; d >= 0; --d) {
    idx[d] = static_cast<int32_t>(rest % g.out_shape[d]);
    rest /= g.out_shape[d];
  }
  uint8_t* dst = output + row_begin * out_w * e;
  for (int64_t r = row_begin; r < rows; ++r, dst += out_w * e) {
    int64_t src = 0;
    bool inside = in_w > 0;
    for (size_t d = 0; d + 1 < rank; ++d) {
      const int32_t i = idx[d] - g.before[d];
      if (i < 0 || i >= g.in_shape[d]) inside = false;
      src += i * in_strides[d];
    }
    if (!inside) {
      fill(dst, out_w);
    } else {
      fill(dst, before_w);
      std::memcpy(dst + before_w * e, input + src * e, static_cast<size_t>(in_w * e));
      fill(dst + (before_w + in_w) * e, after_w);
    }
    for (size_t d = rank - 1; d-- > 0;) {  // the odometer over the outer dimensions
      if (++idx[d] < g.out_shape[d]) break;
      idx[d] = 0;
    }
  }
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
