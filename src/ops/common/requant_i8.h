// SPDX-License-Identifier: Apache-2.0
// The int8 kernels' requantization callbacks (kernels::RequantI8): each
// applies, per output element, exactly the reference kernel's arithmetic
// to the int32 accumulator the kernel computed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kernels/conv_i8.h"
#include "kernels/kernels.h"
#include "ops/common/quant.h"

namespace xlite::ops {

// CONV_2D and DEPTHWISE_CONV_2D (ref::conv_2d_quantized): per channel,
// multiply_by_quantized_multiplier, + output offset, clamp. On a
// RequantI8Kernel variant when the shifts are in its range (always, for
// multipliers from quantize_multiplier with scales that are not extreme);
// else on the reference function itself.
class ConvRequantI8 {
 public:
  ConvRequantI8() = default;
  // The kernel's parameters point into this object.
  ConvRequantI8(const ConvRequantI8&) = delete;
  ConvRequantI8& operator=(const ConvRequantI8&) = delete;
  // Prepare time. The arrays are copied; they are padded for the kernel.
  void init(const std::vector<int32_t>& multiplier, const std::vector<int>& shift, int32_t output_offset,
            int32_t act_min, int32_t act_max, kernels::Isa cap = kernels::kBestIsa) {
    const size_t n = multiplier.size(), padded = (n + 7) / 8 * 8;
    multiplier_.assign(padded, 0);
    shift_.assign(padded, 0);
    left_.assign(padded, 0);
    right_.assign(padded, 0);
    bool in_range = true;
    for (size_t j = 0; j < n; ++j) {
      multiplier_[j] = multiplier[j];
      shift_[j] = shift[j];
      left_[j] = shift[j] > 0 ? shift[j] : 0;
      right_[j] = shift[j] > 0 ? 0 : -shift[j];
      in_range = in_range && left_[j] <= 31 && right_[j] <= 31 && multiplier[j] != INT32_MIN;
    }
    in_range = in_range && output_offset >= -255 && output_offset <= 255 && act_min >= -128 && act_max <= 127 &&
               act_min <= act_max;
    q_ = {multiplier_.data(), left_.data(), right_.data(), output_offset, act_min, act_max};
    kernel_ = in_range ? kernels::select<kernels::RequantI8Kernel>(cap).kernel : nullptr;
  }
  kernels::RequantI8 callback() const { return {&run, this}; }

 private:
  static void run(const void* ctx, const int32_t* acc, int64_t lda, int64_t rows, int64_t col0, int64_t n,
                  int8_t* out, int64_t ldo) {
    const ConvRequantI8& q = *static_cast<const ConvRequantI8*>(ctx);
    if (q.kernel_) {
      // The arrays are padded to a multiple of 8 past the last channel, and
      // col0 is a whole GEMM panel (a multiple of 8), so the kernel's
      // 8-wide reads from col0 stay inside them.
      kernels::RequantChannelsI8 qc = q.q_;
      qc.multiplier += col0, qc.left += col0, qc.right += col0;
      return q.kernel_->run(qc, acc, lda, rows, n, out, ldo);
    }
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t j = 0; j < n; ++j) {
        const int32_t v = quant::multiply_by_quantized_multiplier(acc[r * lda + j], q.multiplier_[col0 + j],
                                                                  q.shift_[col0 + j]) +
                          q.q_.output_offset;
        out[r * ldo + j] = static_cast<int8_t>(std::min(std::max(v, q.q_.act_min), q.q_.act_max));
      }
  }

  std::vector<int32_t> multiplier_, left_, right_;
  std::vector<int> shift_;
  kernels::RequantChannelsI8 q_;
  const kernels::RequantI8Kernel* kernel_ = nullptr;
};

// FULLY_CONNECTED (ref::fully_connected_quantized): round(acc * scale) in
// double, ties away (quant::scale_and_round), + output offset, clamp.
struct FcRequantI8 {
  const double* scale = nullptr;
  int32_t output_offset = 0, act_min = 0, act_max = 0;

  static void run(const void* ctx, const int32_t* acc, int64_t lda, int64_t rows, int64_t col0, int64_t n,
                  int8_t* out, int64_t ldo) {
    const FcRequantI8& q = *static_cast<const FcRequantI8*>(ctx);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t j = 0; j < n; ++j) {
        const int64_t v = int64_t{quant::scale_and_round(acc[r * lda + j], q.scale[col0 + j])} + q.output_offset;
        out[r * ldo + j] = static_cast<int8_t>(std::min<int64_t>(std::max<int64_t>(v, q.act_min), q.act_max));
      }
  }
  kernels::RequantI8 callback() const { return {&run, this}; }
};

}  // namespace xlite::ops
