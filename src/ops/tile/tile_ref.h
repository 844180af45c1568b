// SPDX-License-Identifier: Apache-2.0
// Reference TILE and BROADCAST_TO: output index i along a dimension of input
// size n reads input index i % n (TILE) or 0 when n == 1 (BROADCAST_TO,
// where n is either 1 or the output size, so i % n covers both).
#pragma once

#include <cstdint>
#include <vector>

#include "ops/common/layout.h"

namespace xlite::ref {

// in_shape has the output's rank (broadcast inputs are padded with 1s).
inline void repeat(const std::vector<int32_t>& in_shape, const std::vector<int32_t>& out_shape, const uint8_t* input,
                   uint8_t* output, size_t elem) {
  const std::vector<int64_t> in_strides = layout::strides_of(in_shape);
  layout::for_each_index(out_shape, [&](const int32_t* idx, int64_t flat) {
    int64_t src = 0;
    for (size_t d = 0; d < out_shape.size(); ++d) src += (idx[d] % in_shape[d]) * in_strides[d];
    layout::copy_element(output, flat, input, src, elem);
  });
}

}  // namespace xlite::ref
