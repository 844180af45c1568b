// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering pieces shared by sibling ops.
//   lower_split: SPLIT and SPLIT_V, the outputs as consecutive slices of
//     the data input along the (constant) axis input.
//   pool_window: the [1, fh, fw, 1] window, strides and padding of
//     AVERAGE_POOL_2D and MAX_POOL_2D.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "emit/stablehlo/lower.h"

namespace xlite::ops {

inline Status lower_split(shlo::LowerContext& ctx, int data_input, int axis_input) {
  Result<shlo::Value> in = ctx.input(data_input);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> ax = ctx.const_ints(axis_input);
  if (!ax.ok()) return ax.status();
  if (ax->size() != 1) return Status::error("the axis must be one value");
  const int rank = in->type.rank();
  Result<int64_t> axis = shlo::normalize_axis((*ax)[0], rank);
  if (!axis.ok()) return axis.status();
  int64_t offset = 0;
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    const shlo::TType out = ctx.output_type(k);
    std::vector<int64_t> start(rank, 0), limit = in->type.shape, strides(rank, 1);
    start[axis.value()] = offset;
    limit[axis.value()] = offset + out.shape[axis.value()];
    offset = limit[axis.value()];
    ctx.set_output(k, ctx.b.slice(in.value(), start, limit, strides));
  }
  return ok_status();
}

struct PoolWindow {
  int64_t window[4];
  int64_t strides[4];
  std::pair<int64_t, int64_t> pads[4];
};

// in and out are the pool's 4-D (NHWC) input and output types.
inline PoolWindow pool_window(const Attrs& a, const shlo::TType& in, const shlo::TType& out) {
  const int padding = static_cast<int>(a.get_int("padding", 0));
  const int64_t fh = a.get_int("filter_height", 1), fw = a.get_int("filter_width", 1);
  const int64_t sh = a.get_int("stride_h", 1), sw = a.get_int("stride_w", 1);
  return {{1, fh, fw, 1},
          {1, sh, sw, 1},
          {{0, 0},
           shlo::window_padding(padding, in.shape[1], fh, sh, 1, out.shape[1]),
           shlo::window_padding(padding, in.shape[2], fw, sw, 1, out.shape[2]),
           {0, 0}}};
}

}  // namespace xlite::ops
