// SPDX-License-Identifier: Apache-2.0
// What the resize ops share: the [new_height, new_width] size input
// (constant int32) and the input-to-output scale, which with align_corners
// maps the corner pixels onto each other: (in - 1) / (out - 1).
#pragma once

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops {

struct ResizeState : OpState {
  int32_t batches, in_h, in_w, channels, out_h, out_w;
  bool align_corners, half_pixel_centers;
  float scale_h, scale_w;
};

inline float resize_scale(int32_t in, int32_t out, bool align_corners) {
  return (align_corners && out > 1) ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
                                    : static_cast<float>(in) / static_cast<float>(out);
}

inline Status prepare_resize(KernelContext& ctx, ResizeState* s) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& size = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(check::rank(in, 4, "input"));
  if (size.dtype != DType::kInt32 || size.num_elements() != 2) return Status::error("size must be 2 int32 values");
  if (!size.constant) return Status::error("a size computed at run time is not supported yet");
  s->batches = in.dim(0), s->in_h = in.dim(1), s->in_w = in.dim(2), s->channels = in.dim(3);
  s->out_h = size.as<int32_t>()[0];
  s->out_w = size.as<int32_t>()[1];
  if (s->out_h <= 0 || s->out_w <= 0) return Status::error("size must be positive");
  s->align_corners = ctx.attrs().get_bool("align_corners");
  s->half_pixel_centers = ctx.attrs().get_bool("half_pixel_centers");
  if (s->align_corners && s->half_pixel_centers)
    return Status::error("align_corners and half_pixel_centers cannot both be set");
  s->scale_h = resize_scale(s->in_h, s->out_h, s->align_corners);
  s->scale_w = resize_scale(s->in_w, s->out_w, s->align_corners);
  out.shape = {s->batches, s->out_h, s->out_w, s->channels};
  out.dtype = in.dtype;
  if (in.quant && out.quant && !in.quant->scale.empty() &&
      (in.scale() != out.scale() || in.zero_point() != out.zero_point()))
    return Status::error("input and output quantization must be equal");
  return ok_status();
}

}  // namespace xlite::ops
