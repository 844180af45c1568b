// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RESIZE_BILINEAR (NHWC). The source coordinates and
// weights depend only on the sizes, so they are computed here exactly as
// the float kernel does (float arithmetic, lo = max(floor, 0), hi =
// min(ceil, size - 1)) and become constants: gathers of rows y0/y1 and
// columns x0/x1, blended as
//   v00 (1-dy)(1-dx) + v10 dy (1-dx) + v01 (1-dy) dx + v11 dy dx.
#include <cmath>
#include <cstring>

#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::resize_bilinear {

using shlo::Value;

namespace {

struct Axis {
  std::vector<int32_t> lo, hi;
  std::vector<float> frac;
};

Axis coords(int32_t in, int32_t out, bool align_corners, bool half_pixel) {
  const float scale = (align_corners && out > 1) ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
                                                 : static_cast<float>(in) / static_cast<float>(out);
  Axis a;
  for (int32_t i = 0; i < out; ++i) {
    const float v = half_pixel ? (static_cast<float>(i) + 0.5f) * scale - 0.5f : static_cast<float>(i) * scale;
    const int32_t lo = std::max(static_cast<int32_t>(std::floor(v)), 0);
    a.lo.push_back(lo);
    a.hi.push_back(std::min(static_cast<int32_t>(std::ceil(v)), in - 1));
    a.frac.push_back(v - static_cast<float>(lo));
  }
  return a;
}

template <typename T>
Value vec(shlo::Builder& b, DType t, const std::vector<T>& v) {
  std::vector<uint8_t> bytes(v.size() * sizeof(T));
  std::memcpy(bytes.data(), v.data(), bytes.size());
  return b.constant({t, {static_cast<int64_t>(v.size())}}, bytes);
}

// The integer kernel's coordinates (resize_bilinear.cc fixed_scale,
// fixed_coord): 10 fractional bits; per output index the two source rows
// (or columns) and the distance from the first.
struct FixedAxis {
  std::vector<int32_t> lo, hi;
  std::vector<int64_t> frac;
};

FixedAxis fixed_coords(int32_t in, int32_t out, bool align_corners, bool half_pixel) {
  const int32_t scale = (align_corners && out > 1) ? ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1)
                                                   : ((1 << 10) * in + out / 2) / out;
  FixedAxis a;
  for (int32_t i = 0; i < out; ++i) {
    const int32_t v = half_pixel ? i * scale + scale / 2 - (1 << 9) : i * scale;
    const int32_t lo = std::max(v / (1 << 10), 0);
    a.lo.push_back(lo);
    a.hi.push_back(std::min((v + (1 << 10) - 1) / (1 << 10), in - 1));
    a.frac.push_back(v - (1 << 10) * lo);
  }
  return a;
}

// --quant=integer (int8, int16; input and output share their quantization):
// the four neighbouring codes weighted by products of 10-bit fractions in
// int64, rounded half away from zero at 20 bits (C's truncating division).
Status lower_integer(shlo::LowerContext& ctx, const Value& in, const shlo::TType& out, bool align, bool half) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);  // the kernel's checks
  if (!st.ok()) return st.status();
  const DType t = in.type.dtype;
  if (t != DType::kInt8 && t != DType::kInt16) return Status::error("--quant=integer lowers int8 and int16 RESIZE_BILINEAR only");
  const auto& is = in.type.shape;
  const FixedAxis ys = fixed_coords(static_cast<int32_t>(is[1]), static_cast<int32_t>(out.shape[1]), align, half);
  const FixedAxis xs = fixed_coords(static_cast<int32_t>(is[2]), static_cast<int32_t>(out.shape[2]), align, half);
  shlo::Builder& b = ctx.b;
  const Value wide = b.convert(in, DType::kInt64);
  const Value r0 = shlo::gather_axis(b, wide, vec(b, DType::kInt32, ys.lo), 1);
  const Value r1 = shlo::gather_axis(b, wide, vec(b, DType::kInt32, ys.hi), 1);
  const Value x0 = vec(b, DType::kInt32, xs.lo), x1 = vec(b, DType::kInt32, xs.hi);
  const Value v00 = shlo::gather_axis(b, r0, x0, 2), v01 = shlo::gather_axis(b, r0, x1, 2);
  const Value v10 = shlo::gather_axis(b, r1, x0, 2), v11 = shlo::gather_axis(b, r1, x1, 2);
  const int64_t dim_y = 1, dim_x = 2;
  const Value dy = b.broadcast_in_dim(vec(b, DType::kInt64, ys.frac), out.shape, std::span(&dim_y, 1));
  const Value dx = b.broadcast_in_dim(vec(b, DType::kInt64, xs.frac), out.shape, std::span(&dim_x, 1));
  const Value one = b.splat(DType::kInt64, out.shape, 1 << 10);
  const Value ndy = b.sub(one, dy), ndx = b.sub(one, dx);
  Value v = b.mul(b.mul(v00, ndy), ndx);
  v = b.add(v, b.mul(b.mul(v10, dy), ndx));
  v = b.add(v, b.mul(b.mul(v01, ndy), dx));
  v = b.add(v, b.mul(b.mul(v11, dy), dx));
  const Value pos = b.compare(v, b.splat(DType::kInt64, out.shape, 0), shlo::Cmp::GT);
  const Value round = b.select(pos, b.splat(DType::kInt64, out.shape, 1 << 19), b.splat(DType::kInt64, out.shape, -(1 << 19)));
  ctx.set_output(0, b.convert(b.div(b.add(v, round), b.splat(DType::kInt64, out.shape, 1 << 20)), out.dtype));
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || out.rank() != 4) return Status::error("input and output must be 4-D");
  const bool align = ctx.attrs().get_bool("align_corners"), half = ctx.attrs().get_bool("half_pixel_centers");
  if (integer_quant(ctx)) return lower_integer(ctx, in.value(), out, align, half);
  const auto& is = in->type.shape;
  const Axis ys = coords(static_cast<int32_t>(is[1]), static_cast<int32_t>(out.shape[1]), align, half);
  const Axis xs = coords(static_cast<int32_t>(is[2]), static_cast<int32_t>(out.shape[2]), align, half);
  shlo::Builder& b = ctx.b;
  const DType t = in->type.dtype;
  Value r0 = shlo::gather_axis(b, in.value(), vec(b, DType::kInt32, ys.lo), 1);
  Value r1 = shlo::gather_axis(b, in.value(), vec(b, DType::kInt32, ys.hi), 1);
  const Value x0 = vec(b, DType::kInt32, xs.lo), x1 = vec(b, DType::kInt32, xs.hi);
  Value v00 = shlo::gather_axis(b, r0, x0, 2), v01 = shlo::gather_axis(b, r0, x1, 2);
  Value v10 = shlo::gather_axis(b, r1, x0, 2), v11 = shlo::gather_axis(b, r1, x1, 2);
  const int64_t dim_y = 1, dim_x = 2;
  Value dy = b.broadcast_in_dim(b.convert(vec(b, DType::kFloat32, ys.frac), t), out.shape, std::span(&dim_y, 1));
  Value dx = b.broadcast_in_dim(b.convert(vec(b, DType::kFloat32, xs.frac), t), out.shape, std::span(&dim_x, 1));
  Value one = b.splat(t, out.shape, 1.0);
  Value ndy = b.sub(one, dy), ndx = b.sub(one, dx);
  Value sum = b.mul(b.mul(v00, ndy), ndx);
  sum = b.add(sum, b.mul(b.mul(v10, dy), ndx));
  sum = b.add(sum, b.mul(b.mul(v01, ndy), dx));
  sum = b.add(sum, b.mul(b.mul(v11, dy), dx));
  ctx.set_output(0, sum);
  return ok_status();
}

}  // namespace xlite::ops::resize_bilinear
