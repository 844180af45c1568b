// SPDX-License-Identifier: Apache-2.0
// Reference GATHER with batch dimensions: params viewed as
// [batch, outer, axis_size, inner], indices as [batch, count];
// output[b, o, i, k] = params[b, o, indices[b, i], k]. An index outside
// [0, axis_size) stops the copy and is returned, so the caller can report it
// instead of reading out of bounds.
#pragma once

#include <cstdint>
#include <optional>

#include "ops/common/layout.h"

namespace xlite::ref {

struct GatherGeometry {
  int64_t batch, outer, axis_size, count, inner;
};

template <typename Index>
std::optional<int64_t> gather(const GatherGeometry& g, const uint8_t* params, const Index* indices, uint8_t* output,
                              size_t elem) {
  int64_t out_index = 0;
  for (int64_t b = 0; b < g.batch; ++b)
    for (int64_t o = 0; o < g.outer; ++o)
      for (int64_t i = 0; i < g.count; ++i) {
        const int64_t at = static_cast<int64_t>(indices[b * g.count + i]);
        if (at < 0 || at >= g.axis_size) return at;
        const int64_t base = ((b * g.outer + o) * g.axis_size + at) * g.inner;
        for (int64_t k = 0; k < g.inner; ++k) layout::copy_element(output, out_index++, params, base + k, elem);
      }
  return std::nullopt;
}

}  // namespace xlite::ref
