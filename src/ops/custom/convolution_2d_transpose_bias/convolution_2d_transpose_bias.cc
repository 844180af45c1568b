// SPDX-License-Identifier: Apache-2.0
// Convolution2DTransposeBias: MediaPipe's transposed convolution with a
// bias (its segmentation models use it; mediapipe/util/tflite/operations/
// transpose_conv_bias.cc). Inputs: input [N, H, W, I], weights [O, KH, KW,
// I], bias [O], all float32. Output [N, OH, OW, O] with
//   OH = stride_h * (H - 1) + KH - pad_h_total   (likewise OW)
// where pad_total is 0 for VALID and max(0, KH - (H - 1) % stride_h - 1) for
// SAME, of which pad_total / 2 is cut from the top (left).
// custom_options are not a FlexBuffer but the raw bytes of TFLite's
// TfLiteTransposeConvParams as MediaPipe's models store it: three
// little-endian int32s {padding (1 SAME, 2 VALID: TfLitePadding),
// stride_width, stride_height}; newer TFLite appends fields, which are
// ignored. The reference walk below runs under --reference-kernels; the
// default is the shared float32 fast path (transpose_conv_fast.h).
#include "ops/custom/convolution_2d_transpose_bias/convolution_2d_transpose_bias.h"

#include <cstring>
#include <limits>

namespace xlite::ops::custom::convolution_2d_transpose_bias {
namespace {

// Each input pixel adds its contribution to the output pixels its filter
// window covers (the scatter form of the transposed convolution), on top
// of the bias; the loop order is MediaPipe's reference kernel's.
void transpose_conv_bias(const RtTensor& in, const RtTensor& w, const RtTensor& bias, RtTensor& out,
                         const State& s) {
  const int n = in.dim(0), ih = in.dim(1), iw = in.dim(2), ic = in.dim(3);
  const int oc = w.dim(0), kh = w.dim(1), kw = w.dim(2);
  const int oh = out.dim(1), ow = out.dim(2);
  const float* x = in.as<float>();
  const float* f = w.as<float>();
  const float* b = bias.as<float>();
  float* y = out.as<float>();
  for (int bi = 0; bi < n; ++bi) {
    float* yb = y + static_cast<int64_t>(bi) * oh * ow * oc;
    for (int64_t p = 0; p < static_cast<int64_t>(oh) * ow; ++p)
      for (int o = 0; o < oc; ++o) yb[p * oc + o] = b[o];
    for (int iy = 0; iy < ih; ++iy)
      for (int ix = 0; ix < iw; ++ix)
        for (int c = 0; c < ic; ++c) {
          const float v = x[((static_cast<int64_t>(bi) * ih + iy) * iw + ix) * ic + c];
          for (int fy = 0; fy < kh; ++fy) {
            const int oy = iy * s.stride_h - s.pad_top + fy;
            if (oy < 0 || oy >= oh) continue;
            for (int fx = 0; fx < kw; ++fx) {
              const int ox = ix * s.stride_w - s.pad_left + fx;
              if (ox < 0 || ox >= ow) continue;
              float* yp = yb + (static_cast<int64_t>(oy) * ow + ox) * oc;
              for (int o = 0; o < oc; ++o) yp[o] += v * f[((static_cast<int64_t>(o) * kh + fy) * kw + fx) * ic + c];
            }
          }
        }
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  if (ctx.num_inputs() != 3 || ctx.num_outputs() != 1)
    return Status::error("takes 3 inputs (input, weights, bias) and 1 output");
  const RtTensor* in = ctx.input(0);
  const RtTensor* w = ctx.input(1);
  const RtTensor* bias = ctx.input(2);
  if (!in || !w || !bias) return Status::error("all 3 inputs are required");
  for (const RtTensor* t : {in, w, bias})
    if (t->dtype != DType::kFloat32) return Status::error("only float32 is supported, got " + std::string(dtype_name(t->dtype)));
  if (in->rank() != 4 || w->rank() != 4 || bias->rank() != 1)
    return Status::error("input and weights must have rank 4 and bias rank 1, got " + shape_to_string(in->shape) +
                         ", " + shape_to_string(w->shape) + ", " + shape_to_string(bias->shape));
  if (w->dim(3) != in->dim(3))
    return Status::error("weights " + shape_to_string(w->shape) + " [O, KH, KW, I] do not match input channels " +
                         std::to_string(in->dim(3)));
  if (bias->dim(0) != w->dim(0))
    return Status::error("bias " + shape_to_string(bias->shape) + " does not match " + std::to_string(w->dim(0)) +
                         " output channels");
  const auto& opt = ctx.op().custom_options;
  if (opt.size() < 12)
    return Status::error("custom_options hold " + std::to_string(opt.size()) +
                         " bytes; expected at least 12 (padding, stride_width, stride_height as int32)");
  int32_t fields[3];
  std::memcpy(fields, opt.data(), sizeof(fields));
  const int32_t padding = fields[0], stride_w = fields[1], stride_h = fields[2];
  if (padding != 1 && padding != 2)
    return Status::error("padding must be 1 (SAME) or 2 (VALID), got " + std::to_string(padding));
  if (stride_w <= 0 || stride_h <= 0 || stride_w > 4096 || stride_h > 4096)
    return Status::error("strides must be in 1..4096, got " + std::to_string(stride_w) + "x" + std::to_string(stride_h));
  const int64_t ih = in->dim(1), iw = in->dim(2), kh = w->dim(1), kw = w->dim(2);
  int64_t pad_h = 0, pad_w = 0;
  if (padding == 1) {
    pad_h = std::max<int64_t>(0, kh - (ih - 1) % stride_h - 1);
    pad_w = std::max<int64_t>(0, kw - (iw - 1) % stride_w - 1);
  }
  const int64_t oh = stride_h * (ih - 1) + kh - pad_h;
  const int64_t ow = stride_w * (iw - 1) + kw - pad_w;
  if (ih < 1 || iw < 1 || oh < 1 || ow < 1 || oh > (1 << 24) || ow > (1 << 24))
    return Status::error("output size " + std::to_string(oh) + "x" + std::to_string(ow) + " is out of range");
  auto* s = ctx.make_state<State>();
  s->stride_h = stride_h, s->stride_w = stride_w;
  s->pad_top = static_cast<int>(pad_h / 2), s->pad_left = static_cast<int>(pad_w / 2);
  s->out_h = static_cast<int>(oh), s->out_w = static_cast<int>(ow);
  RtTensor& out = ctx.output(0);
  out.dtype = DType::kFloat32;
  out.shape = {in->dim(0), static_cast<int32_t>(oh), static_cast<int32_t>(ow), w->dim(0)};
  if (!ctx.reference_only()) {
    s->fast = true;
    s->fast_path.prepare(ctx,
                         {in->dim(0), in->dim(1), in->dim(2), in->dim(3), s->out_h, s->out_w, w->dim(0), w->dim(1),
                          w->dim(2), stride_h, stride_w, s->pad_top, s->pad_left},
                         *w);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  State& s = *ctx.state<State>();
  if (s.fast) {
    s.fast_path.eval(ctx, *ctx.input(0), *ctx.input(1), ctx.input(2)->as<float>(),
                     -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity(),
                     ctx.output(0).as<float>());
    return ok_status();
  }
  transpose_conv_bias(*ctx.input(0), *ctx.input(1), *ctx.input(2), ctx.output(0), *ctx.state<State>());
  return ok_status();
}

}  // namespace xlite::ops::custom::convolution_2d_transpose_bias
