// SPDX-License-Identifier: Apache-2.0
// Reference split (also SPLIT_V, UNPACK), the inverse of concat_bytes: the
// input is `outer` blocks, and output i takes chunk[i] consecutive elements
// of each block.
#pragma once

#include <cstdint>
#include <span>

#include "ops/common/layout.h"

namespace xlite::ref {

inline void split_bytes(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,
                        std::span<const int64_t> chunk, size_t elem) {
  int64_t in_index = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < outputs.size(); ++i)
      for (int64_t k = 0; k < chunk[i]; ++k) layout::copy_element(outputs[i], o * chunk[i] + k, input, in_index++, elem);
}

}  // namespace xlite::ref
