// SPDX-License-Identifier: Apache-2.0
// What the reductions (MEAN, SUM, REDUCE_MAX, ...) share: the axes from the
// constant int32 axis input (negative axes count from the end, repeats
// ignored), the output shape (kept as 1s with keep_dims, else removed), and
// a walk that maps every input element to its output element in input
// order, the order TFLite's reference accumulates in.
#pragma once

#include <vector>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops {

struct ReduceState : OpState {
  std::vector<bool> reduced;  // per input dim
  int64_t reduced_count = 1;  // elements folded into each output
  int64_t outputs = 1;
  // Input-order map: output index of each input element.
  std::vector<int64_t> out_index;
  int32_t multiplier = 0;  // quantized MEAN/SUM rescaling
  int shift = 0;
  int32_t qmin = 0, qmax = 0;
};

inline Status prepare_reduce(KernelContext& ctx, ReduceState* s) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& axis = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  if (axis.dtype != DType::kInt32) return check::unsupported_dtype(axis, "axis");
  if (!axis.constant) return Status::error("an axis computed at run time is not supported yet");
  const int rank = in.rank();
  s->reduced.assign(rank, false);
  const int32_t* ax = axis.as<int32_t>();
  for (int64_t i = 0; i < axis.num_elements(); ++i) {
    int a = ax[i];
    if (a < -rank || a >= rank)
      return Status::error("axis " + std::to_string(a) + " is out of range for rank " + std::to_string(rank));
    s->reduced[a < 0 ? a + rank : a] = true;
  }
  const bool keep = ctx.attrs().get_bool("keep_dims");
  out.shape.clear();
  s->reduced_count = 1;
  for (int d = 0; d < rank; ++d) {
    if (s->reduced[d]) {
      s->reduced_count *= in.shape[d];
      if (keep) out.shape.push_back(1);
    } else {
      out.shape.push_back(in.shape[d]);
    }
  }
  out.dtype = in.dtype;
  s->outputs = out.num_elements();
  // Map each input element (row-major) to its output element.
  const int64_t n = in.num_elements();
  s->out_index.assign(n, 0);
  std::vector<int32_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t o = 0;
    for (int d = 0; d < rank; ++d)
      if (!s->reduced[d]) o = o * in.shape[d] + idx[d];
    s->out_index[i] = o;
    for (int d = rank - 1; d >= 0; --d) {
      if (++idx[d] < in.shape[d]) break;
      idx[d] = 0;
    }
  }
  return ok_status();
}

}  // namespace xlite::ops
