// SPDX-License-Identifier: Apache-2.0
// RESIZE_BILINEAR. float32 interpolates in float: source coordinate
// (i + 0.5) * scale - 0.5 with half_pixel_centers, else i * scale; the two
// neighbours are floor (>= 0) and ceil (<= size - 1). int8/int16 follow
// TFLite's integer reference: coordinates in 10-bit fixed point, weights
// multiplied out to 20 fractional bits and rounded half away from zero.
#include <algorithm>
#include <cmath>
#include <vector>

#include "ops/common/resize.h"

namespace xlite::ops::resize_bilinear {
namespace {

void float_coord(int32_t i, float scale, bool half_pixel, int32_t size, float* v, int32_t* lo, int32_t* hi) {
  *v = half_pixel ? (static_cast<float>(i) + 0.5f) * scale - 0.5f : static_cast<float>(i) * scale;
  *lo = std::max(static_cast<int32_t>(std::floor(*v)), 0);
  *hi = std::min(static_cast<int32_t>(std::ceil(*v)), size - 1);
}

void fixed_coord(int32_t i, int32_t scale_10, bool half_pixel, int32_t size, int32_t* v, int32_t* lo, int32_t* hi) {
  *v = half_pixel ? i * scale_10 + scale_10 / 2 - (1 << 9) : i * scale_10;
  *lo = std::max(*v / (1 << 10), 0);
  *hi = std::min((*v + (1 << 10) - 1) / (1 << 10), size - 1);
}

int32_t fixed_scale(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
  return ((1 << 10) * in + out / 2) / out;
}

template <typename T>
void resize_integer(const ResizeState& s, const T* in, T* out) {
  const int32_t sh = fixed_scale(s.in_h, s.out_h, s.align_corners);
  const int32_t sw = fixed_scale(s.in_w, s.out_w, s.align_corners);
  const int32_t C = s.channels;
  auto at = [&](int32_t b, int32_t y, int32_t x, int32_t c) -> int64_t {
    return in[((static_cast<int64_t>(b) * s.in_h + y) * s.in_w + x) * C + c];
  };
  for (int32_t b = 0; b < s.batches; ++b)
    for (int32_t y = 0; y < s.out_h; ++y) {
      int32_t iy, y0, y1;
      fixed_coord(y, sh, s.half_pixel_centers, s.in_h, &iy, &y0, &y1);
      const int64_t dy = iy - (1 << 10) * y0;
      for (int32_t x = 0; x < s.out_w; ++x) {
        int32_t ix, x0, x1;
        fixed_coord(x, sw, s.half_pixel_centers, s.in_w, &ix, &x0, &x1);
        const int64_t dx = ix - (1 << 10) * x0;
        for (int32_t c = 0; c < C; ++c) {
          const int64_t v = at(b, y0, x0, c) * ((1 << 10) - dy) * ((1 << 10) - dx) +
                            at(b, y1, x0, c) * dy * ((1 << 10) - dx) + at(b, y0, x1, c) * ((1 << 10) - dy) * dx +
                            at(b, y1, x1, c) * dy * dx;
          const int64_t round = v > 0 ? (1 << 19) : -(1 << 19);
          out[((static_cast<int64_t>(b) * s.out_h + y) * s.out_w + x) * C + c] = static_cast<T>((v + round) / (1 << 20));
        }
      }
    }
}

void resize_float(const ResizeState& s, const float* in, float* out) {
  const int32_t C = s.channels;
  auto at = [&](int32_t b, int32_t y, int32_t x, int32_t c) {
    return in[((static_cast<int64_t>(b) * s.in_h + y) * s.in_w + x) * C + c];
  };
  for (int32_t b = 0; b < s.batches; ++b)
    for (int32_t y = 0; y < s.out_h; ++y) {
      float iy;
      int32_t y0, y1;
      float_coord(y, s.scale_h, s.half_pixel_centers, s.in_h, &iy, &y0, &y1);
      for (int32_t x = 0; x < s.out_w; ++x) {
        float ix;
        int32_t x0, x1;
        float_coord(x, s.scale_w, s.half_pixel_centers, s.in_w, &ix, &x0, &x1);
        const float dy = iy - static_cast<float>(y0), dx = ix - static_cast<float>(x0);
        for (int32_t c = 0; c < C; ++c)
          out[((static_cast<int64_t>(b) * s.out_h + y) * s.out_w + x) * C + c] =
              at(b, y0, x0, c) * (1 - dy) * (1 - dx) + at(b, y1, x0, c) * dy * (1 - dx) +
              at(b, y0, x1, c) * (1 - dy) * dx + at(b, y1, x1, c) * dy * dx;
      }
    }
}

// float32 outside --reference-kernels: each output column's source
// columns and weight computed once at prepare, each row's once per row, and
// the channels of a pixel in a loop the compiler vectorises; rows split
// across threads. The per-element expression is the reference's, term for
// term and in its order, so the results are identical.
struct State : ResizeState {
  std::vector<int32_t> x0, x1;
  std::vector<float> dx;
};

void resize_float_rows(const State& s, const float* in, float* out, int64_t begin, int64_t end) {
  const int64_t C = s.channels;
  for (int64_t r = begin; r < end; ++r) {
    const int32_t b = static_cast<int32_t>(r / s.out_h), y = static_cast<int32_t>(r % s.out_h);
    float iy;
    int32_t y0, y1;
    float_coord(y, s.scale_h, s.half_pixel_centers, s.in_h, &iy, &y0, &y1);
    const float dy = iy - static_cast<float>(y0);
    const float* row0 = in + (static_cast<int64_t>(b) * s.in_h + y0) * s.in_w * C;
    const float* row1 = in + (static_cast<int64_t>(b) * s.in_h + y1) * s.in_w * C;
    float* o = out + r * s.out_w * C;
    for (int32_t x = 0; x < s.out_w; ++x, o += C) {
      const float dx = s.dx[x];
      const float* __restrict a = row0 + s.x0[x] * C;
      const float* __restrict b1 = row1 + s.x0[x] * C;
      const float* __restrict c = row0 + s.x1[x] * C;
      const float* __restrict d = row1 + s.x1[x] * C;
      float* __restrict y_out = o;
      for (int64_t k = 0; k < C; ++k)
        y_out[k] = a[k] * (1 - dy) * (1 - dx) + b1[k] * dy * (1 - dx) + c[k] * (1 - dy) * dx + d[k] * dy * dx;
    }
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(prepare_resize(ctx, s));
  switch (ctx.input(0)->dtype) {
    case DType::kFloat32:
      if (!ctx.reference_only()) {
        s->x0.resize(static_cast<size_t>(s->out_w));
        s->x1.resize(s->x0.size());
        s->dx.resize(s->x0.size());
        for (int32_t x = 0; x < s->out_w; ++x) {
          float ix;
          float_coord(x, s->scale_w, s->half_pixel_centers, s->in_w, &ix, &s->x0[x], &s->x1[x]);
          s->dx[x] = ix - static_cast<float>(s->x0[x]);
        }
      }
      return ok_status();
    case DType::kInt8:
    case DType::kInt16:
      return ok_status();
    default:
      return check::unsupported_dtype(*ctx.input(0), "input");
  }
}

Status eval(KernelContext& ctx) {
  const ResizeState& s = *ctx.state<ResizeState>();
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32: {
      const State& fs = *ctx.state<State>();
      if (fs.dx.empty()) {
        resize_float(s, in.as<float>(), out.as<float>());
        break;
      }
      const int64_t row = static_cast<int64_t>(s.out_w) * s.channels;
      ctx.parallel_for(
          static_cast<int64_t>(s.batches) * s.out_h,
          [&](int64_t begin, int64_t end, int) { resize_float_rows(fs, in.as<float>(), out.as<float>(), begin, end); },
          std::max<int64_t>(1, 16384 / std::max<int64_t>(row, 1)));
      break;
    }
    case DType::kInt8: resize_integer<int8_t>(s, in.as<int8_t>(), out.as<int8_t>()); break;
    case DType::kInt16: resize_integer<int16_t>(s, in.as<int16_t>(), out.as<int16_t>()); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::resize_bilinear
