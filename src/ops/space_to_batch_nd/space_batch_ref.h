// SPDX-License-Identifier: Apache-2.0
// Reference SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND over [batch, spatial
// (M dims), rest]. The big batch splits row-major into (block offset over
// the M block dims, small batch): big = offset * small_batches + b. Spatial
// position p of the padded (or uncropped) space lies in block cell
// p / block at offset p % block.
#pragma once

#include <cstdint>
#include <vector>

#include "ops/common/layout.h"

namespace xlite::ref {

struct SpaceBatchGeometry {
  std::vector<int32_t> space_shape;  // the un-blocked side: [batch, spatial..., rest...]
  std::vector<int32_t> batch_shape;  // the blocked side
  std::vector<int32_t> block;        // M entries
  std::vector<int32_t> before;       // padding (space->batch) or crop (batch->space) per spatial dim
};

// Space index of a blocked-side index, or false when it falls in padding.
inline bool space_index_of(const SpaceBatchGeometry& g, const int32_t* bidx, std::vector<int32_t>& sidx) {
  const size_t m = g.block.size();
  const int32_t small_batches = g.space_shape[0];
  int64_t offset = bidx[0] / small_batches;
  sidx[0] = bidx[0] % small_batches;
  for (size_t j = m; j-- > 0;) {
    const int32_t o = static_cast<int32_t>(offset % g.block[j]);
    offset /= g.block[j];
    const int64_t p = static_cast<int64_t>(bidx[1 + j]) * g.block[j] + o - g.before[j];
    if (p < 0 || p >= g.space_shape[1 + j]) return false;
    sidx[1 + j] = static_cast<int32_t>(p);
  }
  for (size_t d = 1 + m; d < g.space_shape.size(); ++d) sidx[d] = bidx[d];
  return true;
}

inline void space_to_batch(const SpaceBatchGeometry& g, const uint8_t* input, const uint8_t* pad_value,
                           uint8_t* output, size_t elem) {
  const std::vector<int64_t> in_strides = layout::strides_of(g.space_shape);
  std::vector<int32_t> sidx(g.space_shape.size());
  layout::for_each_index(g.batch_shape, [&](const int32_t* idx, int64_t flat) {
    if (!space_index_of(g, idx, sidx)) {
      layout::copy_element(output, flat, pad_value, 0, elem);
      return;
    }
    int64_t src = 0;
    for (size_t d = 0; d < sidx.size(); ++d) src += sidx[d] * in_strides[d];
    layout::copy_element(output, flat, input, src, elem);
  });
}

// Every output (space-side) element is the image of exactly one input
// element; cropped input elements are skipped.
inline void batch_to_space(const SpaceBatchGeometry& g, const uint8_t* input, uint8_t* output, size_t elem) {
  const std::vector<int64_t> out_strides = layout::strides_of(g.space_shape);
  std::vector<int32_t> sidx(g.space_shape.size());
  layout::for_each_index(g.batch_shape, [&](const int32_t* idx, int64_t flat) {
    if (!space_index_of(g, idx, sidx)) return;
    int64_t dst = 0;
    for (size_t d = 0; d < sidx.size(); ++d) dst += sidx[d] * out_strides[d];
    layout::copy_element(output, dst, input, flat, elem);
  });
}

}  // namespace xlite::ref
