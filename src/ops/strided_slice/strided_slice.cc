// SPDX-License-Identifier: Apache-2.0
// STRIDED_SLICE with LiteRT's semantics (tflite/kernels/strided_slice.cc and
// reference/strided_slice.h):
// * begin/end/strides are constant 1-D tensors of n entries ("specs").
// * new_axis_mask: spec i adds a size-1 dimension (begin 0, end 1).
// * ellipsis_mask: spec i stands for as many full-range dimensions as the
//   specs leave uncovered (at least one); a new-axis bit on the ellipsis
//   spec is ignored. Dimensions past the last spec are full range.
// * start: negative + size, clamped to [0, size] (stride > 0) or
//   [-1, size - 1] (stride < 0); begin_mask then forces 0 / size - 1.
// * end: likewise (offset: end is begin + end), end_mask forces size / -1.
// * shrink_axis_mask: take only `start`, and drop the dimension.
// * output size: ceil((end - start) / stride), 0 when the signs disagree.
// Where LiteRT would leave output elements unwritten (a shrunk index out of
// range; an offset window past the end) we report an error or size the
// output by the clamped window instead.
#include <algorithm>

#include "ops/common/layout.h"
#include "ops/kernel.h"
#include "ops/strided_slice/strided_slice_ref.h"

namespace xlite::ops::strided_slice {
namespace {

struct State : OpState {
  ref::SliceGeometry g;
  size_t elem = 0;
};

bool bit(uint32_t mask, int i) { return i >= 0 && i < 32 && (mask >> i) & 1u; }

int32_t clamp(int64_t v, int64_t lo, int64_t hi) { return static_cast<int32_t>(std::min(std::max(v, lo), hi)); }

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  std::vector<int64_t> begin, end, strides;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "begin", &begin));
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(2), "end", &end));
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(3), "strides", &strides));
  const int n = static_cast<int>(begin.size());
  if (static_cast<int>(end.size()) != n || static_cast<int>(strides.size()) != n)
    return Status::error("begin, end and strides must have the same length");
  if (n > 31) return Status::error("more than 31 slice specs");
  const Attrs& a = ctx.attrs();
  // Bits past the last spec mean nothing.
  const uint32_t spec_bits = (uint32_t{1} << n) - 1;
  const uint32_t begin_mask = static_cast<uint32_t>(a.get_int("begin_mask", 0)) & spec_bits;
  const uint32_t end_mask = static_cast<uint32_t>(a.get_int("end_mask", 0)) & spec_bits;
  const uint32_t ellipsis_mask = static_cast<uint32_t>(a.get_int("ellipsis_mask", 0)) & spec_bits;
  const uint32_t new_axis_mask = static_cast<uint32_t>(a.get_int("new_axis_mask", 0)) & spec_bits;
  const uint32_t shrink_mask = static_cast<uint32_t>(a.get_int("shrink_axis_mask", 0)) & spec_bits;
  const bool offset = a.get_bool("offset", false);
  if ((ellipsis_mask & (ellipsis_mask - 1)) != 0) return Status::error("more than one ellipsis");

  const int in_rank = in.rank();
  int num_new = 0;
  for (int i = 0; i < n; ++i)
    if (bit(new_axis_mask, i) && !bit(ellipsis_mask, i)) ++num_new;
  const int eff = in_rank + num_new;

  // Which effective dimensions the ellipsis covers and which are new axes.
  std::vector<bool> is_ellipsis(eff, false), is_new(eff, false);
  int ellipsis_start = eff, expanded = 0;
  for (int i = 0; i < eff;) {
    if (bit(ellipsis_mask, i)) {
      ellipsis_start = i;
      const int stop = std::max(i + 1, std::min(i + 1 + num_new + in_rank - n, eff));
      expanded = stop - i - 1;
      for (; i < stop; ++i) is_ellipsis[i] = true;
      continue;
    }
    if (bit(new_axis_mask, i - expanded)) is_new[i] = true;
    ++i;
  }

  ref::SliceGeometry& g = s->g;
  g.in_shape.assign(eff, 1);
  g.out_shape.assign(eff, 1);
  g.start.assign(eff, 0);
  g.stride.assign(eff, 1);
  out.shape.clear();
  int added_axes = 0, added_ellipsis = 0;
  for (int i = 0; i < eff; ++i) {
    int64_t b = 0, e = 0, st = 1;
    bool bm = false, em = false, shrink = false;
    int spec = -1;
    if (is_new[i] && !is_ellipsis[i]) {
      e = 1;
      ++added_axes;
    } else {
      if (is_ellipsis[i]) {
        added_ellipsis = std::max(0, i - ellipsis_start);
        bm = em = true;
      } else if (i >= n + expanded) {
        bm = em = true;
      } else {
        spec = i - added_ellipsis;
        b = begin[spec], e = end[spec], st = strides[spec];
        bm = bit(begin_mask, spec), em = bit(end_mask, spec), shrink = bit(shrink_mask, spec);
      }
      const int src_dim = i - added_axes;
      if (src_dim < 0 || src_dim >= in_rank) return Status::error("slice specs do not match input rank " + std::to_string(in_rank));
      g.in_shape[i] = in.shape[src_dim];
    }
    if (st == 0) return Status::error("stride must not be 0");
    if (st < INT32_MIN + 1 || st > INT32_MAX) return Status::error("stride out of range");
    const int64_t size = g.in_shape[i];
    int64_t start = b < 0 ? b + size : b;
    start = st > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
    if (bm) start = st > 0 ? 0 : size - 1;
    int64_t stop;
    if (shrink) {
      if (start < 0 || start >= size)
        return Status::error("shrunk index " + std::to_string(b) + " is outside dimension of size " + std::to_string(size));
      stop = start + 1;
    } else {
      stop = offset ? e + start : e;
      if (stop < 0) stop += size;
      stop = st > 0 ? clamp(stop, 0, size) : clamp(stop, -1, size - 1);
      if (em) stop = st > 0 ? size : -1;
    }
    const int64_t len = stop - start;
    int64_t dim;
    if (len == 0 || (len < 0) != (st < 0)) dim = 0;
    else if (st < 0) dim = (len + 1) / st + 1;
    else dim = (len - 1) / st + 1;
    g.start[i] = static_cast<int32_t>(start);
    g.stride[i] = static_cast<int32_t>(st);
    g.out_shape[i] = static_cast<int32_t>(dim);
    if (!shrink) out.shape.push_back(static_cast<int32_t>(dim));
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  ref::strided_copy(s.g, ctx.input(0)->data, ctx.output(0).data, s.elem);
  return ok_status();
}

}  // namespace xlite::ops::strided_slice
