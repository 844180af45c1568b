// SPDX-License-Identifier: Apache-2.0
// What the reductions (MEAN, SUM, REDUCE_MAX, ...) share: the axes from the
// constant int32 axis input (negative axes count from the end, repeats
// ignored), the output shape (kept as 1s with keep_dims, else removed), and
// a walk over every input element with its output element, in input order
// (the order TFLite's reference accumulates in).
#pragma once

#include <vector>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops {

struct ReduceState : OpState {
  std::vector<bool> reduced;  // per input dim
  int64_t reduced_count = 1;  // elements folded into each output
  int64_t outputs = 1;
  // Input shape, and per input dim the step in the output index (0 for a
  // reduced dim): for_each_reduced walks with them.
  std::vector<int32_t> in_shape;
  std::vector<int64_t> out_stride;
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
  s->in_shape = in.shape;
  s->out_stride.assign(rank, 0);
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d)
    if (!s->reduced[d]) {
      s->out_stride[d] = stride;
      stride *= in.shape[d];
    }
  return ok_status();
}

// When the reduced dims, size-1 dims aside, are one run of neighbouring
// dims, the input is [outer, mid, inner] with mid reduced (MEAN over H and
// W of NHWC: [N, H*W, C]): sets those and returns true.
inline bool reduced_block(const ReduceState& s, int64_t* outer, int64_t* mid, int64_t* inner) {
  *outer = *mid = *inner = 1;
  int phase = 0;  // 0: before the reduced run, 1: in it, 2: after it
  for (size_t d = 0; d < s.in_shape.size(); ++d) {
    if (s.in_shape[d] == 1) continue;
    if (s.reduced[d]) {
      if (phase == 2) return false;
      phase = 1;
      *mid *= s.in_shape[d];
    } else {
      if (phase == 1) phase = 2;
      (phase == 0 ? *outer : *inner) *= s.in_shape[d];
    }
  }
  return true;
}

// Calls f(input index, output index) for every input element, in input
// (row-major) order.
template <typename F>
void for_each_reduced(const ReduceState& s, F&& f) {
  const int rank = static_cast<int>(s.in_shape.size());
  if (rank == 0) {
    f(int64_t{0}, int64_t{0});
    return;
  }
  for (int32_t d : s.in_shape)
    if (d == 0) return;
  std::vector<int32_t> idx(rank, 0);
  const int32_t inner = s.in_shape[rank - 1];
  const int64_t inner_stride = s.out_stride[rank - 1];
  int64_t i = 0, o = 0;
  for (;;) {
    for (int32_t k = 0; k < inner; ++k) f(i++, o + k * inner_stride);
    int d = rank - 2;
    for (; d >= 0; --d) {
      o += s.out_stride[d];
      if (++idx[d] < s.in_shape[d]) break;
      o -= s.out_stride[d] * s.in_shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace xlite::ops
