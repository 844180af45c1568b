// SPDX-License-Identifier: Apache-2.0
// Reference transpose: output dimension d is input dimension perm[d].
#pragma once

#include <cstdint>
#include <vector>

#include "ops/common/layout.h"

namespace xlite::ref {

inline void transpose(const std::vector<int32_t>& in_shape, const std::vector<int32_t>& perm, const uint8_t* input,
                      uint8_t* output, size_t elem) {
  const std::vector<int64_t> in_strides = layout::strides_of(in_shape);
  std::vector<int32_t> out_shape(perm.size());
  for (size_t d = 0; d < perm.size(); ++d) out_shape[d] = in_shape[perm[d]];
  layout::for_each_index(out_shape, [&](const int32_t* idx, int64_t flat) {
    int64_t src = 0;
    for (size_t d = 0; d < perm.size(); ++d) src += idx[d] * in_strides[perm[d]];
    layout::copy_element(output, flat, input, src, elem);
  });
}

}  // namespace xlite::ref
