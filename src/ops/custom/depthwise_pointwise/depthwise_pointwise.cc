// SPDX-License-Identifier: Apache-2.0
// xlite.DepthwisePointwise: a float32 DEPTHWISE_CONV_2D (depth multiplier
// 1) and the 1x1 CONV_2D that reads it, as one op (passes/
// fuse_depthwise_pointwise.cc says when). Inputs: x [N,H,W,C], depthwise
// filter [1,KH,KW,C], depthwise bias [C] or absent, pointwise filter
// [O,1,1,C], pointwise bias [O] or absent; output [N,OH,OW,O]. Attributes:
// the depthwise op's, prefixed "dw_", and the pointwise op's
// fused_activation_function, xlite_epilogue and xlite_epilogue_prelu (a
// sixth input: the ADD epilogue's addend or _, a seventh: the PRELU
// epilogue's alpha).
//
// The fast path computes a block of depthwise output rows into a
// per-thread buffer of about 64 KB (the depthwise kernel writes there via
// output_row0), applies the depthwise activation/epilogue, and runs the
// pointwise GEMM on the block straight away. The arithmetic is the two
// ops' own kernels, so the result equals running them one after the
// other. The reference path does exactly that, through a whole-tensor
// buffer.
#include "kernels/buffer.h"
#include "kernels/kernels.h"
#include "ops/common/checks.h"
#include "ops/common/epilogue.h"
#include "ops/common/quant.h"
#include "ops/common/window.h"
#include "ops/conv_2d/conv_2d_ref.h"
#include "ops/depthwise_conv_2d/depthwise_conv_2d_ref.h"
#include "ops/kernel.h"

namespace xlite::ops::custom::depthwise_pointwise {
namespace {

// Depthwise output floats per block, and the fewest pixels a block should
// give the GEMM (so its weight panels serve several row tiles).
constexpr int64_t kBlockFloats = 16 * 1024;
constexpr int64_t kMinBlockPixels = 64;

struct State : OpState {
  ref::ConvGeometry dw;  // the depthwise op
  int32_t out_c = 0;     // pointwise output channels
  float dw_min, dw_max, pw_min, pw_max;
  EpilogueF32 dw_epi, pw_epi;
  // Fast path (dw_kernel != nullptr).
  const kernels::DwConvF32Kernel* dw_kernel = nullptr;
  const kernels::GemmF32Kernel* gemm = nullptr;
  kernels::AlignedFloats dw_packed, pw_packed;
  int64_t block_rows = 0, scratch_floats = 0;  // scratch_floats per thread, in the shared scratch
  // Reference path: the whole depthwise output.
  std::vector<float> mid;
};

// The attributes named "dw_<name>", as <name>.
Attrs depthwise_attrs(const Attrs& a) {
  Attrs out;
  for (const Attr& x : a.items())
    if (x.name.rfind("dw_", 0) == 0) out.set(x.name.substr(3), x.value);
  return out;
}

}  // namespace

Status prepare(KernelContext& ctx) {
  if (ctx.num_inputs() < 5 || ctx.num_inputs() > 7 || ctx.num_outputs() != 1)
    return Status::error(
        "expects 5 inputs (x, depthwise filter, bias, pointwise filter, bias; a sixth: the ADD epilogue's addend; "
        "a seventh: the PRELU epilogue's alpha) and 1 output");
  const RtTensor* in = ctx.input(0);
  const RtTensor* dw_w = ctx.input(1);
  const RtTensor* dw_b = ctx.input(2);
  const RtTensor* pw_w = ctx.input(3);
  const RtTensor* pw_b = ctx.input(4);
  if (in == nullptr || dw_w == nullptr || pw_w == nullptr) return Status::error("x and both filters are required");
  for (const RtTensor* t : {in, dw_w, dw_b, pw_w, pw_b})
    if (t) XLITE_RETURN_IF_ERROR(check::dtype(*t, DType::kFloat32, "operand"));
  XLITE_RETURN_IF_ERROR(check::rank(*in, 4, "input"));
  XLITE_RETURN_IF_ERROR(check::rank(*dw_w, 4, "depthwise filter"));
  XLITE_RETURN_IF_ERROR(check::rank(*pw_w, 4, "pointwise filter"));
  for (const RtTensor* t : {dw_w, dw_b, pw_w, pw_b})
    if (t && !t->constant) return Status::error("filters and biases must be constant");
  State* s = ctx.make_state<State>();
  ref::ConvGeometry& g = s->dw;
  g.batches = in->dim(0), g.in_h = in->dim(1), g.in_w = in->dim(2), g.in_c = in->dim(3);
  g.filter_h = dw_w->dim(1), g.filter_w = dw_w->dim(2), g.out_c = dw_w->dim(3), g.filter_c = 1;
  if (dw_w->dim(0) != 1 || g.out_c != g.in_c)
    return Status::error("depthwise filter must be [1, KH, KW, " + std::to_string(g.in_c) + "], is " +
                         shape_to_string(dw_w->shape));
  const Attrs dwa = depthwise_attrs(ctx.attrs());
  XLITE_RETURN_IF_ERROR(window::conv_window(dwa, &g));
  s->out_c = pw_w->dim(0);
  if (pw_w->dim(1) != 1 || pw_w->dim(2) != 1 || pw_w->dim(3) != g.out_c)
    return Status::error("pointwise filter must be [O, 1, 1, " + std::to_string(g.out_c) + "], is " +
                         shape_to_string(pw_w->shape));
  if (dw_b && dw_b->num_elements() != g.out_c) return Status::error("depthwise bias size differs from the channels");
  if (pw_b && pw_b->num_elements() != s->out_c) return Status::error("pointwise bias size differs from the filters");
  quant::activation_range_float(static_cast<int>(dwa.get_int("fused_activation_function", 0)), &s->dw_min,
                                &s->dw_max);
  quant::activation_range_float(static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0)), &s->pw_min,
                                &s->pw_max);
  Epilogue e;
  XLITE_RETURN_IF_ERROR(epilogue_of(dwa, &e));
  if (e == Epilogue::kAdd) return Status::error("the depthwise part cannot take the ADD epilogue");
  if (dwa.get_int("xlite_epilogue_prelu", 0) != 0) return Status::error("the depthwise part cannot take a PRELU epilogue");
  s->dw_epi.init(e, ctx.reference_only());
  XLITE_RETURN_IF_ERROR(epilogue_of(ctx.attrs(), &e));
  RtTensor& out = ctx.output(0);
  out.dtype = DType::kFloat32;
  out.shape = {g.batches, g.out_h, g.out_w, s->out_c};
  int64_t addend_channels = 0;
  XLITE_RETURN_IF_ERROR(check_addend(e, ctx.input(5), out.shape, &addend_channels));
  int64_t prelu_channels = 0;
  XLITE_RETURN_IF_ERROR(check_prelu_alpha(ctx.attrs(), ctx.input(6), out.shape, &prelu_channels));
  s->pw_epi.init(e, ctx.reference_only(), static_cast<int>(ctx.attrs().get_int("xlite_epilogue_activation", 0)),
                 prelu_channels);
  s->pw_epi.set_addend_channels(addend_channels, s->out_c);

  const int64_t row = static_cast<int64_t>(g.out_w) * g.out_c;  // floats per depthwise output row
  if (ctx.reference_only()) {
    s->mid.resize(static_cast<size_t>(row * g.out_h * g.batches));
    return ok_status();
  }
  s->dw_kernel = kernels::select<kernels::DwConvF32Kernel>().kernel;
  s->gemm = kernels::select<kernels::GemmF32Kernel>().kernel;
  const int64_t taps = static_cast<int64_t>(g.filter_h) * g.filter_w;
  s->dw_packed.resize(static_cast<size_t>(kernels::dwconv_f32_packed_floats(g.out_c, taps)));
  kernels::pack_dwconv_f32(dw_w->as<float>(), dw_b ? dw_b->as<float>() : nullptr, g.out_c, taps,
                           s->dw_packed.data());
  s->pw_packed.resize(static_cast<size_t>(kernels::gemm_f32_packed_floats(s->out_c, g.out_c, s->gemm->nr)));
  kernels::pack_gemm_f32(pw_w->as<float>(), g.out_c, pw_b ? pw_b->as<float>() : nullptr, s->out_c, g.out_c,
                         s->gemm->nr, s->pw_packed.data());
  ctx.note_packed(static_cast<int64_t>((s->dw_packed.size() + s->pw_packed.size()) * sizeof(float)),
                  {dw_w, dw_b, pw_w, pw_b});
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h;
  const int64_t width = std::max<int64_t>(g.out_w, 1);
  s->block_rows = std::max<int64_t>({1, kBlockFloats / std::max<int64_t>(row, 1), (kMinBlockPixels + width - 1) / width});
  s->block_rows = std::min(s->block_rows, std::max<int64_t>(rows, 1));
  s->scratch_floats = (s->block_rows * row + 15) / 16 * 16;
  ctx.reserve_scratch(s->scratch_floats * 4 * ctx.num_threads());
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  State& s = *ctx.state<State>();
  const ref::ConvGeometry& g = s.dw;
  const int64_t pixels_per_row = g.out_w, row = pixels_per_row * g.out_c;
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h;
  s.pw_epi.bind(out.as<float>(), ctx.input(5) ? ctx.input(5)->as<float>() : nullptr,
               ctx.input(6) ? ctx.input(6)->as<float>() : nullptr);
  if (s.dw_kernel == nullptr) {
    const RtTensor* dw_b = ctx.input(2);
    const RtTensor* pw_b = ctx.input(4);
    ref::depthwise_conv_2d_float(g, in.as<float>(), ctx.input(1)->as<float>(), dw_b ? dw_b->as<float>() : nullptr,
                                 s.dw_min, s.dw_max, s.mid.data());
    s.dw_epi.apply(s.mid.data(), 1, static_cast<int64_t>(s.mid.size()), 0);
    ref::ConvGeometry pw{};
    pw.batches = g.batches, pw.in_h = g.out_h, pw.in_w = g.out_w, pw.in_c = g.out_c;
    pw.out_h = g.out_h, pw.out_w = g.out_w, pw.out_c = s.out_c;
    pw.filter_h = pw.filter_w = 1, pw.filter_c = g.out_c;
    pw.stride_h = pw.stride_w = pw.dilation_h = pw.dilation_w = 1;
    ref::conv_2d_float(pw, s.mid.data(), ctx.input(3)->as<float>(), pw_b ? pw_b->as<float>() : nullptr, s.pw_min,
                       s.pw_max, out.as<float>());
    s.pw_epi.apply(out.as<float>(), rows * pixels_per_row, s.out_c, s.out_c);
    return ok_status();
  }

  kernels::DwConvF32Args dw;
  dw.s = {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
          g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
  dw.input = in.as<float>();
  dw.packed = s.dw_packed.data();
  dw.min = s.dw_min, dw.max = s.dw_max;
  kernels::GemmF32Args gemm;
  gemm.n = s.out_c, gemm.k = g.out_c, gemm.lda = g.out_c, gemm.ldc = s.out_c;
  gemm.packed = s.pw_packed.data();
  gemm.min = s.pw_min, gemm.max = s.pw_max;
  float* const y = out.as<float>();
  const int nr = s.gemm->nr;
  // Rows [r0, r1) of the depthwise output into `buf`, then output channels
  // [c0, c1) of those pixels.
  auto block = [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1, float* buf) {
    kernels::DwConvF32Args d = dw;
    d.output = buf;
    d.output_row0 = r0;
    s.dw_kernel->run(d, r0, r1);
    s.dw_epi.apply(buf, 1, (r1 - r0) * row, 0);
    kernels::GemmF32Args a = gemm;
    a.m = (r1 - r0) * pixels_per_row;
    a.a = buf;
    a.n = c1 - c0;
    a.packed = gemm.packed + kernels::gemm_f32_packed_floats(c0, g.out_c, nr);
    a.c = y + r0 * pixels_per_row * s.out_c + c0;
    // The pointwise epilogue runs on each GEMM tile as it is finished,
    // while it is in L1.
    if (s.pw_epi.active()) a.post = {&EpilogueF32::hook, &s.pw_epi};
    s.gemm->run(a, 0, a.m);
  };
  const int threads = ctx.num_threads();
  float* const scratch = static_cast<float*>(ctx.scratch(s.scratch_floats * 4 * threads));
  const int64_t panels = (s.out_c + nr - 1) / nr;
  if (threads > 1 && rows < threads && panels >= threads) {
    // Fewer rows than threads: every thread computes the (small) depthwise
    // block and its own share of the output channels. (With a row or more
    // each, splitting the rows is faster even in smaller blocks: a channel
    // split repeats the depthwise part, which costs more per MAC than the
    // GEMM — on a 5x5 depthwise of 1152 channels, as much.)
    ctx.parallel_for(panels, [&](int64_t p0, int64_t p1, int part) {
      float* buf = scratch + part * s.scratch_floats;
      for (int64_t r0 = 0; r0 < rows; r0 += s.block_rows)
        block(r0, std::min(r0 + s.block_rows, rows), p0 * nr, std::min<int64_t>(p1 * nr, s.out_c), buf);
    });
    return ok_status();
  }
  ctx.parallel_for(
      rows,
      [&](int64_t begin, int64_t end, int part) {
        float* buf = scratch + part * s.scratch_floats;
        for (int64_t r0 = begin; r0 < end; r0 += s.block_rows)
          block(r0, std::min(r0 + s.block_rows, end), 0, s.out_c, buf);
      },
      std::max<int64_t>(1, std::min(s.block_rows, rows / threads)));
  return ok_status();
}

}  // namespace xlite::ops::custom::depthwise_pointwise
