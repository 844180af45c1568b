// SPDX-License-Identifier: Apache-2.0
// PAD and PADV2 (which forwards here): paddings is a constant [rank, 2]
// int32/int64 tensor of non-negative (before, after) counts. The pad value
// follows TFLite's pad.cc: PADV2's constant_values input (one element of the
// input's type; when quantized, with the output's scale and zero point),
// else the output zero point for quantized int8/uint8/int16, else zero.
#include "ops/pad/pad_ref.h"
#include "ops/pad/pad_fast.h"

#include <algorithm>
#include <cstring>

#include "ops/common/layout.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::pad {
namespace {

struct State : OpState {
  ref::PadGeometry g;
  size_t elem = 0;
  // Used when there is no constant_values input.
  std::vector<uint8_t> default_value;
  bool reference = false;  // --reference-kernels: element by element
  FastPad fast;            // otherwise, when fast.usable (pad_fast.h)
};

bool quantized(const RtTensor& t) {
  return (t.dtype == DType::kInt8 || t.dtype == DType::kUInt8 || t.dtype == DType::kInt16) && t.quant &&
         !t.quant->scale.empty();
}

}  // namespace

// Also used by MIRROR_PAD: the geometry from the paddings input.
Status pad_geometry(const RtTensor& in, const RtTensor* paddings, ref::PadGeometry* g) {
  std::vector<int64_t> p;
  XLITE_RETURN_IF_ERROR(layout::const_ints(paddings, "paddings", &p));
  if (paddings->rank() != 2 || paddings->dim(0) != in.rank() || paddings->dim(1) != 2)
    return Status::error("paddings must have shape [" + std::to_string(in.rank()) + ",2], has " +
                         shape_to_string(paddings->shape));
  g->in_shape = in.shape;
  g->out_shape.resize(in.rank());
  g->before.resize(in.rank());
  for (int d = 0; d < in.rank(); ++d) {
    if (p[2 * d] < 0 || p[2 * d + 1] < 0) return Status::error("paddings must not be negative");
    const int64_t n = in.shape[d] + p[2 * d] + p[2 * d + 1];
    XLITE_RETURN_IF_ERROR(layout::fits_int32(n, "padded dimension"));
    g->out_shape[d] = static_cast<int32_t>(n);
    g->before[d] = static_cast<int32_t>(p[2 * d]);
  }
  return ok_status();
}

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor* value = ctx.input(2);
  RtTensor& out = ctx.output(0);
  State* s = ctx.make_state<State>();
  s->reference = ctx.reference_only();
  XLITE_RETURN_IF_ERROR(layout::element_bytes(in, "input", &s->elem));
  XLITE_RETURN_IF_ERROR(pad_geometry(in, ctx.input(1), &s->g));
  XLITE_RETURN_IF_ERROR(layout::require_same_dtype(in, out, "input", "output"));
  out.shape = s->g.out_shape;
  if (!s->reference) s->fast = plan_fast_pad(s->g, s->elem);
  if (value) {
    XLITE_RETURN_IF_ERROR(layout::require_same_dtype(*value, in, "constant_values", "input"));
    if (value->num_elements() != 1) return Status::error("constant_values must hold one element");
    if (quantized(out) && !layout::same_quant(*value, out))
      return Status::error("constant_values and output must have the same scale and zero point");
    return ok_status();
  }
  s->default_value.assign(s->elem, 0);
  if (quantized(out)) {
    int32_t lo, hi;
    quant::dtype_range(out.dtype, &lo, &hi);
    const int32_t zp = out.zero_point();
    if (zp < lo || zp > hi) return Status::error("output zero point is outside the output type's range");
    if (out.dtype == DType::kInt16) {
      const int16_t v = static_cast<int16_t>(zp);
      std::memcpy(s->default_value.data(), &v, sizeof v);
    } else {
      s->default_value[0] = static_cast<uint8_t>(zp);  // int8 and uint8 share the bit pattern
    }
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor* value = ctx.input(2);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const uint8_t* pad_value = value ? value->data : s.default_value.data();
  if (s.reference) {
    ref::pad_constant(s.g, in.data, pad_value, out.data, s.elem);
  } else if (s.fast.usable) {
    // ~256 KB or more of output a piece; a row costs about 32 bytes' moving
    // more than its bytes.
    ctx.parallel_for(
        s.fast.rows,
        [&](int64_t begin, int64_t end, int) { fast_pad_rows(s.fast, in.data, pad_value, out.data, begin, end); },
        std::max<int64_t>(1, 262144 / (s.fast.row_bytes + 32)));
  } else if (!s.g.out_shape.empty()) {
    // Whole rows of the last dimension per thread, ~256 KB or more a piece
    // (a row costs about 64 bytes' copying more than its bytes).
    int64_t rows = 1;
    for (size_t d = 0; d + 1 < s.g.out_shape.size(); ++d) rows *= s.g.out_shape[d];
    const int64_t row_bytes = int64_t{s.g.out_shape.back()} * static_cast<int64_t>(s.elem) + 64;
    ctx.parallel_for(
        rows,
        [&](int64_t begin, int64_t end, int) {
          ref::pad_constant_rows(s.g, in.data, pad_value, out.data, s.elem, begin, end);
        },
        std::max<int64_t>(1, 262144 / row_bytes));
  } else {  // rank 0
    ref::pad_constant_rows(s.g, in.data, pad_value, out.data, s.elem);
  }
  return ok_status();
}

}  // namespace xlite::ops::pad
