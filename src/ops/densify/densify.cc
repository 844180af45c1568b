// SPDX-License-Identifier: Apache-2.0
// DENSIFY: expands a sparse constant (TFLite's TACO-style
// SparsityParameters, checked by ir::verify) into its dense shape. Levels
// are walked in traversal order: a DENSE level enumerates 0..dense_size-1,
// a SPARSE_CSR level the stored indices between its segment bounds; a leaf
// is the next stored value. Block dimensions add block_index to
// block_size x outer_index of the dimension they split. The input is
// constant, so the executor runs this once, in allocate().
#include <cstring>
#include <functional>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::densify {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (!in.constant || in.ir == nullptr || !in.ir->sparsity)
    return Status::error("input must be a sparse constant");
  if (dtype_bits(in.dtype) % 8 != 0) return check::unsupported_dtype(in, "input");
  out.shape = in.shape;
  out.dtype = in.dtype;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const Sparsity& sp = *in.ir->sparsity;
  const size_t elem = static_cast<size_t>(dtype_bits(in.dtype) / 8);
  const size_t n = in.shape.size();
  const size_t k = sp.traversal_order.size();
  // Block size of each block dimension (n + j), from its DENSE level.
  std::vector<int64_t> block(sp.block_map.size(), 1);
  for (size_t l = 0; l < k; ++l)
    if (static_cast<size_t>(sp.traversal_order[l]) >= n) block[sp.traversal_order[l] - n] = sp.dims[l].dense_size;
  std::memset(out.data, 0, out.bytes);
  std::vector<int64_t> idx(k, 0);
  int64_t next_value = 0;
  std::function<void(size_t, int64_t)> walk = [&](size_t level, int64_t pos) {
    if (level == k) {
      int64_t flat = 0;
      for (size_t d = 0; d < n; ++d) {
        int64_t c = idx[d];
        for (size_t j = 0; j < sp.block_map.size(); ++j)
          if (static_cast<size_t>(sp.block_map[j]) == d) c = c * block[j] + idx[n + j];
        flat = flat * in.shape[d] + c;
      }
      std::memcpy(out.data + flat * elem, in.data + next_value * elem, elem);
      ++next_value;
      return;
    }
    const SparseDim& dm = sp.dims[level];
    const int32_t d = sp.traversal_order[level];
    if (!dm.sparse) {
      for (int64_t i = 0; i < dm.dense_size; ++i) {
        idx[d] = i;
        walk(level + 1, pos * dm.dense_size + i);
      }
    } else {
      for (int64_t p = dm.segments[pos]; p < dm.segments[pos + 1]; ++p) {
        idx[d] = dm.indices[p];
        walk(level + 1, p);
      }
    }
  };
  walk(0, 0);
  return ok_status();
}

}  // namespace xlite::ops::densify
