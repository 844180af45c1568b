// SPDX-License-Identifier: Apache-2.0
// xlite.PointwiseDepthwise: a float32 1x1 stride-1 CONV_2D (the expansion of
// an inverted-residual block) and the DEPTHWISE_CONV_2D (depth multiplier
// 1) that reads it, as one op (passes/fuse_pointwise_depthwise.cc says
// when). Inputs: x [N,H,W,I], pointwise filter [C,1,1,I], pointwise bias
// [C] or absent, depthwise filter [1,KH,KW,C], depthwise bias [C] or
// absent; output [N,OH,OW,C]. Attributes: the pointwise op's
// fused_activation_function and xlite_epilogue, prefixed "pw_", and the
// depthwise op's own (padding, strides, dilations, fused activation,
// epilogue).
//
// The fast path streams the expanded tensor through a per-thread window of
// rows: for each block of depthwise output rows it runs the pointwise GEMM
// (and its activation/epilogue, on each tile while in L1) on just the input
// rows the block adds, next to the rows it shares with the block before,
// then the depthwise kernel on the window. The expanded tensor (6x the
// block's input, 112x112x96 floats = 4.8 MB in EfficientNetB0) is never
// written to memory nor read back. Each thread takes one contiguous range
// of output rows and recomputes the few input rows its range shares with
// the next thread's; where that would add more than 1/10 to the pointwise
// work (small maps, wide windows, many threads) the op instead computes
// the whole expanded tensor into scratch, then the depthwise output, both
// split across threads as the two ops would be. The arithmetic is the two
// ops' own kernels either way, so the result equals running them one after
// the other. The reference path does exactly that, through a whole-tensor
// buffer.
#include <algorithm>
#include <cstring>

#include "kernels/buffer.h"
#include "kernels/kernels.h"
#include "ops/common/checks.h"
#include "ops/common/epilogue.h"
#include "ops/common/quant.h"
#include "ops/common/window.h"
#include "ops/conv_2d/conv_2d_ref.h"
#include "ops/depthwise_conv_2d/depthwise_conv_2d_ref.h"
#include "ops/kernel.h"

namespace xlite::ops::custom::pointwise_depthwise {
namespace {

// A window of about this many expanded floats (the block's input rows),
// and a buffer of twice that, so the rows a block shares with the next are
// moved to the front only when the buffer is full (not every block).
constexpr int64_t kWindowFloats = 32 * 1024;
// The fewest new pixels a block should give the GEMM (so its weight panels
// serve several row tiles).
constexpr int64_t kMinBlockPixels = 64;
// Streaming recomputes the rows shared at each thread boundary; above this
// fraction of the pointwise work, materialise the expanded tensor instead.
constexpr double kMaxHaloFraction = 0.1;

struct State : OpState {
  ref::ConvGeometry dw;  // the depthwise op; in_c the expanded channels
  int32_t in_c = 0;      // pointwise input channels
  float pw_min, pw_max, dw_min, dw_max;
  EpilogueF32 pw_epi, dw_epi;
  // Fast path (dw_kernel != nullptr).
  const kernels::DwConvF32Kernel* dw_kernel = nullptr;
  const kernels::GemmF32Kernel* gemm = nullptr;
  kernels::AlignedFloats pw_packed, dw_packed;
  bool stream = true;             // else: the whole expanded tensor in scratch
  int64_t block_rows = 0;         // depthwise output rows per block (streaming)
  int64_t buffer_rows = 0;        // expanded rows a thread's buffer holds (streaming)
  int64_t scratch_floats = 0;     // per thread when streaming, in all otherwise
  // Reference path: the whole expanded tensor.
  std::vector<float> mid;
};

// The attributes named "pw_<name>", as <name>.
Attrs pointwise_attrs(const Attrs& a) {
  Attrs out;
  for (const Attr& x : a.items())
    if (x.name.rfind("pw_", 0) == 0) out.set(x.name.substr(3), x.value);
  return out;
}

// The depthwise attributes: all but the "pw_" ones.
Attrs depthwise_attrs(const Attrs& a) {
  Attrs out;
  for (const Attr& x : a.items())
    if (x.name.rfind("pw_", 0) != 0) out.set(x.name, x.value);
  return out;
}

// Input rows [lo, hi) that depthwise output rows [oy0, oy1) read, within
// [0, in_h) (lo == hi when they read only padding).
void input_rows(const ref::ConvGeometry& g, int64_t oy0, int64_t oy1, int64_t* lo, int64_t* hi) {
  const int64_t first = oy0 * g.stride_h - g.pad_h;
  const int64_t last = (oy1 - 1) * g.stride_h - g.pad_h + static_cast<int64_t>(g.filter_h - 1) * g.dilation_h;
  *lo = std::clamp<int64_t>(first, 0, g.in_h);
  *hi = std::clamp<int64_t>(last + 1, *lo, g.in_h);
}

}  // namespace

Status prepare(KernelContext& ctx) {
  if (ctx.num_inputs() != 5 || ctx.num_outputs() != 1)
    return Status::error(
        "expects 5 inputs (x, pointwise filter, bias, depthwise filter, bias) and 1 output");
  const RtTensor* in = ctx.input(0);
  const RtTensor* pw_w = ctx.input(1);
  const RtTensor* pw_b = ctx.input(2);
  const RtTensor* dw_w = ctx.input(3);
  const RtTensor* dw_b = ctx.input(4);
  if (in == nullptr || pw_w == nullptr || dw_w == nullptr) return Status::error("x and both filters are required");
  for (const RtTensor* t : {in, pw_w, pw_b, dw_w, dw_b})
    if (t) XLITE_RETURN_IF_ERROR(check::dtype(*t, DType::kFloat32, "operand"));
  XLITE_RETURN_IF_ERROR(check::rank(*in, 4, "input"));
  XLITE_RETURN_IF_ERROR(check::rank(*pw_w, 4, "pointwise filter"));
  XLITE_RETURN_IF_ERROR(check::rank(*dw_w, 4, "depthwise filter"));
  for (const RtTensor* t : {pw_w, pw_b, dw_w, dw_b})
    if (t && !t->constant) return Status::error("filters and biases must be constant");
  State* s = ctx.make_state<State>();
  s->in_c = static_cast<int32_t>(in->dim(3));
  const int32_t c = static_cast<int32_t>(pw_w->dim(0));
  if (pw_w->dim(1) != 1 || pw_w->dim(2) != 1 || pw_w->dim(3) != s->in_c)
    return Status::error("pointwise filter must be [C, 1, 1, " + std::to_string(s->in_c) + "], is " +
                         shape_to_string(pw_w->shape));
  ref::ConvGeometry& g = s->dw;
  g.batches = in->dim(0), g.in_h = in->dim(1), g.in_w = in->dim(2), g.in_c = c;
  g.filter_h = dw_w->dim(1), g.filter_w = dw_w->dim(2), g.out_c = dw_w->dim(3), g.filter_c = 1;
  if (dw_w->dim(0) != 1 || g.out_c != c)
    return Status::error("depthwise filter must be [1, KH, KW, " + std::to_string(c) + "], is " +
                         shape_to_string(dw_w->shape));
  if (pw_b && pw_b->num_elements() != c) return Status::error("pointwise bias size differs from the filters");
  if (dw_b && dw_b->num_elements() != c) return Status::error("depthwise bias size differs from the channels");
  const Attrs pwa = pointwise_attrs(ctx.attrs());
  const Attrs dwa = depthwise_attrs(ctx.attrs());
  XLITE_RETURN_IF_ERROR(window::conv_window(dwa, &g));
  quant::activation_range_float(static_cast<int>(pwa.get_int("fused_activation_function", 0)), &s->pw_min,
                                &s->pw_max);
  quant::activation_range_float(static_cast<int>(dwa.get_int("fused_activation_function", 0)), &s->dw_min,
                                &s->dw_max);
  Epilogue e;
  XLITE_RETURN_IF_ERROR(epilogue_of(pwa, &e));
  if (e == Epilogue::kAdd || pwa.get_int("xlite_epilogue_prelu", 0) != 0)
    return Status::error("the pointwise part takes no ADD or PRELU epilogue");
  s->pw_epi.init(e, ctx.reference_only());
  XLITE_RETURN_IF_ERROR(epilogue_of(dwa, &e));
  if (e == Epilogue::kAdd || dwa.get_int("xlite_epilogue_prelu", 0) != 0)
    return Status::error("the depthwise part takes no ADD or PRELU epilogue");
  s->dw_epi.init(e, ctx.reference_only());
  RtTensor& out = ctx.output(0);
  out.dtype = DType::kFloat32;
  out.shape = {g.batches, g.out_h, g.out_w, c};

  const int64_t row = static_cast<int64_t>(g.in_w) * c;  // floats per expanded row
  const int64_t mid_floats = row * g.in_h * g.batches;
  if (ctx.reference_only()) {
    s->mid.resize(static_cast<size_t>(mid_floats));
    return ok_status();
  }
  s->dw_kernel = kernels::select<kernels::DwConvF32Kernel>().kernel;
  s->gemm = kernels::select<kernels::GemmF32Kernel>().kernel;
  s->pw_packed.resize(static_cast<size_t>(kernels::gemm_f32_packed_floats(c, s->in_c, s->gemm->nr)));
  kernels::pack_gemm_f32(pw_w->as<float>(), s->in_c, pw_b ? pw_b->as<float>() : nullptr, c, s->in_c, s->gemm->nr,
                         s->pw_packed.data());
  const int64_t taps = static_cast<int64_t>(g.filter_h) * g.filter_w;
  s->dw_packed.resize(static_cast<size_t>(kernels::dwconv_f32_packed_floats(c, taps)));
  kernels::pack_dwconv_f32(dw_w->as<float>(), dw_b ? dw_b->as<float>() : nullptr, c, taps, s->dw_packed.data());
  ctx.note_packed(static_cast<int64_t>((s->pw_packed.size() + s->dw_packed.size()) * sizeof(float)),
                  {pw_w, pw_b, dw_w, dw_b});

  // Streaming: the rows each thread boundary adds (a window's height less
  // the rows a stride moves) against the input rows.
  const int threads = ctx.num_threads();
  const int64_t window = static_cast<int64_t>(g.filter_h - 1) * g.dilation_h + 1;
  const int64_t halo = std::max<int64_t>(window - g.stride_h, 0);
  const int64_t out_rows = static_cast<int64_t>(g.batches) * g.out_h;
  const int64_t parts = std::min<int64_t>(threads, std::max<int64_t>(out_rows, 1));
  s->stream = static_cast<double>((parts - 1) * halo) <= kMaxHaloFraction * g.in_h * g.batches;
  if (!s->stream) {
    s->scratch_floats = (mid_floats + 15) / 16 * 16;
    ctx.reserve_scratch(s->scratch_floats * 4);
    return ok_status();
  }
  // Output rows per block: the window's rows within kWindowFloats, and
  // at least kMinBlockPixels new pixels for the GEMM.
  const int64_t width = std::max<int64_t>(g.in_w, 1);
  const int64_t fit = (kWindowFloats / std::max<int64_t>(row, 1) - window) / g.stride_h + 1;
  const int64_t wide = (kMinBlockPixels + width * g.stride_h - 1) / (width * g.stride_h);
  s->block_rows = std::clamp<int64_t>(std::max(fit, wide), 1, std::max<int64_t>(g.out_h, 1));
  const int64_t block_window = (s->block_rows - 1) * g.stride_h + window;
  s->buffer_rows = 2 * std::min<int64_t>(block_window, g.in_h);
  s->scratch_floats = (std::max<int64_t>(s->buffer_rows, 1) * row + 15) / 16 * 16;
  ctx.reserve_scratch(s->scratch_floats * 4 * threads);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State& s = *ctx.state<State>();
  const ref::ConvGeometry& g = s.dw;
  const int64_t c = g.out_c;
  const int64_t row = static_cast<int64_t>(g.in_w) * c;                  // floats per expanded row
  const int64_t in_row = static_cast<int64_t>(g.in_w) * s.in_c;          // floats per input row
  const int64_t out_row = static_cast<int64_t>(g.out_w) * c;             // floats per output row
  if (s.dw_kernel == nullptr) {
    const RtTensor* pw_b = ctx.input(2);
    const RtTensor* dw_b = ctx.input(4);
    ref::ConvGeometry pw{};
    pw.batches = g.batches, pw.in_h = g.in_h, pw.in_w = g.in_w, pw.in_c = s.in_c;
    pw.out_h = g.in_h, pw.out_w = g.in_w, pw.out_c = static_cast<int32_t>(c);
    pw.filter_h = pw.filter_w = 1, pw.filter_c = s.in_c;
    pw.stride_h = pw.stride_w = pw.dilation_h = pw.dilation_w = 1;
    ref::conv_2d_float(pw, in.as<float>(), ctx.input(1)->as<float>(), pw_b ? pw_b->as<float>() : nullptr, s.pw_min,
                       s.pw_max, s.mid.data());
    s.pw_epi.apply(s.mid.data(), 1, static_cast<int64_t>(s.mid.size()), 0);
    ref::depthwise_conv_2d_float(g, s.mid.data(), ctx.input(3)->as<float>(), dw_b ? dw_b->as<float>() : nullptr,
                                 s.dw_min, s.dw_max, out.as<float>());
    s.dw_epi.apply(out.as<float>(), 1, out.num_elements(), 0);
    return ok_status();
  }

  const float* const x = in.as<float>();
  float* const y = out.as<float>();
  kernels::GemmF32Args gemm;
  gemm.n = c, gemm.k = s.in_c, gemm.lda = s.in_c, gemm.ldc = c;
  gemm.packed = s.pw_packed.data();
  gemm.min = s.pw_min, gemm.max = s.pw_max;
  if (s.pw_epi.active()) gemm.post = {&EpilogueF32::hook, &s.pw_epi};
  // Expanded rows [r0, r1) of image b (input rows, all pixels) into dst.
  auto expand = [&](int64_t b, int64_t r0, int64_t r1, float* dst) {
    if (r1 <= r0) return;
    kernels::GemmF32Args a = gemm;
    a.m = (r1 - r0) * g.in_w;
    a.a = x + (b * g.in_h + r0) * in_row;
    a.c = dst;
    s.gemm->run(a, 0, a.m);
  };
  kernels::DwConvF32Args dw;
  dw.s = {1,          g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
          g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
  dw.packed = s.dw_packed.data();
  dw.min = s.dw_min, dw.max = s.dw_max;
  const int threads = ctx.num_threads();

  if (!s.stream) {
    // The two ops one after the other, through scratch.
    float* const mid = static_cast<float*>(ctx.scratch(s.scratch_floats * 4));
    const int64_t pixels = static_cast<int64_t>(g.batches) * g.in_h * g.in_w;
    kernels::GemmF32Args a = gemm;
    a.m = pixels, a.a = x, a.c = mid;
    ctx.parallel_for(pixels, [&](int64_t p0, int64_t p1, int) { s.gemm->run(a, p0, p1); }, 64);
    kernels::DwConvF32Args d = dw;
    d.s.batches = g.batches;
    d.input = mid;
    d.output = y;
    ctx.parallel_for(static_cast<int64_t>(g.batches) * g.out_h, [&](int64_t r0, int64_t r1, int) {
      s.dw_kernel->run(d, r0, r1);
      s.dw_epi.apply(y + r0 * out_row, 1, (r1 - r0) * out_row, 0);
    });
    return ok_status();
  }

  float* const scratch = static_cast<float*>(ctx.scratch(s.scratch_floats * 4 * threads));
  const int64_t out_rows = static_cast<int64_t>(g.batches) * g.out_h;
  // Output rows [begin, end) (across images) on one thread, block by block.
  auto run_rows = [&](int64_t begin, int64_t end, float* buf) {
    for (int64_t r = begin; r < end;) {
      const int64_t b = r / g.out_h;
      const int64_t oy_end = std::min(end, (b + 1) * g.out_h) - b * g.out_h;
      // The buffer holds expanded rows [have_lo, have_hi) of image b from
      // slot `at` on.
      int64_t have_lo = 0, have_hi = 0, at = 0;
      for (int64_t oy = r - b * g.out_h; oy < oy_end; oy += s.block_rows) {
        const int64_t oy1 = std::min(oy + s.block_rows, oy_end);
        int64_t lo, hi;
        input_rows(g, oy, oy1, &lo, &hi);
        if (lo >= have_hi || lo < have_lo) {
          have_lo = have_hi = lo;  // nothing to keep
          at = 0;
        } else {
          at += lo - have_lo;  // drop the rows before lo
          have_lo = lo;
        }
        if (at + (hi - have_lo) > s.buffer_rows) {
          // Full: the kept rows to the front.
          std::memmove(buf, buf + at * row, static_cast<size_t>((have_hi - have_lo) * row) * sizeof(float));
          at = 0;
        }
        expand(b, have_hi, hi, buf + (at + have_hi - have_lo) * row);
        have_hi = std::max(have_hi, hi);
        // The depthwise rows over the window: rows [lo, hi) as the whole
        // input, the padding shifted to match (taps outside are padding
        // or, by the choice of [lo, hi), rows no output here reads).
        kernels::DwConvF32Args d = dw;
        d.s.in_h = static_cast<int32_t>(hi - lo);
        d.s.pad_h = static_cast<int32_t>(g.pad_h + lo);
        d.input = buf + at * row;
        d.output = y + b * g.out_h * out_row;
        s.dw_kernel->run(d, oy, oy1);
        s.dw_epi.apply(d.output + oy * out_row, 1, (oy1 - oy) * out_row, 0);
      }
      r = b * g.out_h + oy_end;
    }
  };
  // One contiguous range of output rows per thread (each boundary
  // recomputes a few expanded rows; prepare checked how many).
  ctx.parallel_for(
      out_rows,
      [&](int64_t begin, int64_t end, int part) { run_rows(begin, end, scratch + part * s.scratch_floats); },
      std::max<int64_t>(1, out_rows / threads));
  return ok_status();
}

}  // namespace xlite::ops::custom::pointwise_depthwise
