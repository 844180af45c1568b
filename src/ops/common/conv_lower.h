// SPDX-License-Identifier: Apache-2.0
// --quant=integer lowerings of the conv-like ops: TFLite's integer
// arithmetic as StableHLO, bit for bit with the reference kernels.
//   CONV_2D, DEPTHWISE_CONV_2D: acc = conv(int32(x) - zp_in, int32(w)) +
//     bias, requantized per channel with MultiplyByQuantizedMultiplier
//     (shlo::requantize) from ChannelQuant (conv_quant.h).
//   FULLY_CONNECTED: acc = dot(x - zp_in, w - zp_w) + bias, requantized as
//     round(acc * scale[u]) in double, ties away (quant::scale_and_round).
// int8 activations only (per-tensor or per-channel int8 weights, int32 bias).
#pragma once

#include <span>
#include <utility>

#include "emit/stablehlo/lower.h"

namespace xlite::ops {

Status lower_conv_integer(shlo::LowerContext& ctx, bool depthwise);

// A convolution's spatial padding [before, after] per dim: SAME/VALID as
// TFLite computes it, or the explicit xlite_pad (ops/common/window.h).
Status conv_padding(const Attrs& a, std::span<const int64_t> in_shape, std::span<const int64_t> filter_shape,
                    std::span<const int64_t> out_shape, std::pair<int64_t, int64_t> pads[2]);

// The runtime's epilogue fusion (passes/fuse_epilogue.cc) is not exported:
// xlite export compiles without it, and a compiled plan that has it is
// refused rather than half-lowered.
inline Status refuse_runtime_epilogue(shlo::LowerContext& ctx) {
  if (ctx.attrs().has("xlite_epilogue"))
    return Status::error("xlite_epilogue (a runtime fusion) has no lowering; export the .tflite model instead");
  return ok_status();
}
Status lower_fully_connected_integer(shlo::LowerContext& ctx);
// ADD / SUB (int8): both inputs moved to 2 * max(input scale) after a left
// shift of 20, added or subtracted, rescaled to the output
// (elementwise::AddSubParams, TFLite reference_integer_ops::AddFunc).
Status lower_add_sub_integer(shlo::LowerContext& ctx, bool subtract);

}  // namespace xlite::ops
