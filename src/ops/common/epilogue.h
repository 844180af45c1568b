// SPDX-License-Identifier: Apache-2.0
// A float32 convolution's fused epilogue (passes/fuse_epilogue.cc): the
// elementwise ops the pass folded into it, applied to each block of outputs
// right after the block is computed. The arithmetic is the folded ops'
// own: SWISH is MUL(x, LOGISTIC(x)), HARD_SWISH and LOGISTIC are those
// ops, each with the kernel its op would run (the vectorised LOGISTIC, or
// the reference on the reference path), so fusing changes no result. ADD
// is a residual ADD: the output plus an addend tensor of its shape (the
// op's extra input), clamped by the ADD's fused activation
// (`xlite_epilogue_activation`) as the ADD kernel clamps: min(max(x + a,
// lo), hi), through the ADD op's vectorised kernel outside the reference
// path; float addition is commutative, so the ADD's operand order does not
// matter.
//
// PRELU (attribute xlite_epilogue_prelu = 1) comes after any of those: a
// PRELU of the result with one alpha per output channel, an extra input of
// the op (CONV_2D's and DEPTHWISE_CONV_2D's fifth, xlite.DepthwisePointwise's
// seventh; check_prelu_alpha checks it), through the PRELU op's own kernel
// (kernels/prelu_f32.h, bit-identical with its reference), so MediaPipe's
// conv -> PRELU and conv -> ADD -> PRELU blocks are one pass over memory.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/attrs.h"
#include "kernels/binary_f32.h"
#include "kernels/hard_swish_f32.h"
#include "kernels/kernels.h"
#include "kernels/logistic_f32.h"
#include "kernels/prelu_f32.h"
#include "ops/common/quant.h"
#include "ops/hard_swish/hard_swish_ref.h"
#include "ops/logistic/logistic_ref.h"
#include "runtime/tensor.h"

namespace xlite::ops {

enum class Epilogue { kNone, kSwish, kHardSwish, kLogistic, kAdd };

// The `xlite_epilogue` attribute; an error for a value this build does not
// know (a hand-written text IR, or a plan from a later version).
inline Status epilogue_of(const Attrs& attrs, Epilogue* e) {
  *e = Epilogue::kNone;
  const AttrValue* v = attrs.find("xlite_epilogue");
  if (v == nullptr) return ok_status();
  const std::string* s = std::get_if<std::string>(v);
  if (s && *s == "SWISH") *e = Epilogue::kSwish;
  else if (s && *s == "HARD_SWISH") *e = Epilogue::kHardSwish;
  else if (s && *s == "LOGISTIC") *e = Epilogue::kLogistic;
  else if (s && *s == "ADD") *e = Epilogue::kAdd;
  else return Status::error("unknown xlite_epilogue (expected \"SWISH\", \"HARD_SWISH\", \"LOGISTIC\" or \"ADD\")");
  return ok_status();
}

// The ADD epilogue's addend (the op's extra input, nullptr when absent):
// present exactly when the epilogue is ADD, float32, of the output's shape,
// or of that shape with fewer channels (the innermost dimension): the
// channels the addend lacks are zeros (a channel-padding PAD folded in by
// passes/fuse_epilogue.cc). *addend_channels gets its channel count.
inline Status check_addend(Epilogue e, const RtTensor* addend, const std::vector<int32_t>& out_shape,
                           int64_t* addend_channels) {
  *addend_channels = 0;
  if (e != Epilogue::kAdd) {
    if (addend) return Status::error("an addend input needs xlite_epilogue \"ADD\"");
    return ok_status();
  }
  if (addend == nullptr) return Status::error("xlite_epilogue \"ADD\" needs an addend input");
  if (addend->dtype != DType::kFloat32) return Status::error("the ADD epilogue's addend must be float32");
  const std::vector<int32_t>& a = addend->shape;
  bool fits = !out_shape.empty() && a.size() == out_shape.size();
  for (size_t d = 0; fits && d + 1 < a.size(); ++d) fits = a[d] == out_shape[d];
  if (!fits || a.back() <= 0 || a.back() > out_shape.back())
    return Status::error("the ADD epilogue's addend must have the output's shape (or fewer channels)");
  *addend_channels = a.back();
  return ok_status();
}

// The PRELU epilogue's alpha (input `index` of the op, nullptr when
// absent): present exactly when xlite_epilogue_prelu is set, float32, one
// value per output channel (the innermost dimension). *channels gets that
// count, or 0 without a PRELU epilogue.
inline Status check_prelu_alpha(const Attrs& attrs, const RtTensor* alpha, const std::vector<int32_t>& out_shape,
                                int64_t* channels) {
  *channels = 0;
  const bool on = attrs.get_int("xlite_epilogue_prelu", 0) != 0;
  if (!on) {
    if (alpha) return Status::error("a PRELU alpha input needs xlite_epilogue_prelu");
    return ok_status();
  }
  if (alpha == nullptr) return Status::error("xlite_epilogue_prelu needs an alpha input");
  if (alpha->dtype != DType::kFloat32) return Status::error("the PRELU epilogue's alpha must be float32");
  const int64_t c = out_shape.empty() ? 0 : out_shape.back();
  if (c <= 0 || alpha->num_elements() != c || alpha->rank() == 0 || alpha->dim(-1) != c)
    return Status::error("the PRELU epilogue's alpha must hold one value per output channel (" + std::to_string(c) +
                         ")");
  *channels = c;
  return ok_status();
}

// Applies the epilogue to rows x n floats at y (row stride ld), in place.
// logistic: the LOGISTIC variant, or nullptr for the reference function.
class EpilogueF32 {
 public:
  // add_activation: the ADD epilogue's fused activation (attribute
  // xlite_epilogue_activation).
  // prelu_channels: the PRELU epilogue's channel count (check_prelu_alpha),
  // 0 for none.
  void init(Epilogue e, bool reference, int add_activation = 0, int64_t prelu_channels = 0) {
    kind_ = e;
    logistic_ = reference ? nullptr : kernels::select<kernels::LogisticF32Kernel>().kernel;
    quant::activation_range_float(add_activation, &add_min_, &add_max_);
    binary_ = reference ? nullptr : kernels::select<kernels::BinaryF32Kernel>().kernel;
    hard_swish_ = reference ? nullptr : kernels::select<kernels::HardSwishF32Kernel>().kernel;
    prelu_channels_ = prelu_channels;
    prelu_ = reference || prelu_channels == 0 ? nullptr : kernels::select<kernels::PreluF32Kernel>().kernel;
  }
  // Where this run's output, ADD addend and PRELU alpha are: an output
  // block at y adds the addend at the same offset, and its first element
  // is of channel (y - output) % channels. Set before the threads start.
  void bind(const float* output, const float* addend, const float* alpha = nullptr) {
    output_ = output;
    addend_ = addend;
    alpha_ = alpha;
  }
  // An addend with fewer channels than the output (check_addend): it adds
  // to the first addend_channels of each pixel's out_channels.
  void set_addend_channels(int64_t addend_channels, int64_t out_channels) {
    addend_channels_ = addend_channels;
    out_channels_ = out_channels;
  }
  Epilogue kind() const { return kind_; }
  bool active() const { return kind_ != Epilogue::kNone || prelu_channels_ > 0; }

  void apply(float* y, int64_t rows, int64_t n, int64_t ld) const {
    if (ld == n) return row(y, rows * n);  // contiguous rows: one call (narrow outputs)
    for (int64_t r = 0; r < rows; ++r) row(y + r * ld, n);
  }
  // The kernels' per-block hook (kernels::PostF32).
  static void hook(const void* self, float* y, int64_t rows, int64_t n, int64_t ld) {
    static_cast<const EpilogueF32*>(self)->apply(y, rows, n, ld);
  }

 private:
  void logistic(const float* x, float* out, int64_t n) const {
    if (logistic_) return logistic_->run(x, out, n);
    for (int64_t i = 0; i < n; ++i) out[i] = ref::logistic_float(x[i]);
  }
  void row(float* y, int64_t n) const {
    main(y, n);
    if (prelu_channels_ == 0) return;
    const int64_t c0 = (y - output_) % prelu_channels_;
    if (prelu_) return prelu_->run(y, y, n, alpha_, prelu_channels_, c0);
    for (int64_t i = 0; i < n; ++i) {
      const float v = y[i];
      y[i] = v >= 0.0f ? v : v * alpha_[(c0 + i) % prelu_channels_];  // ref::prelu_float's element
    }
  }
  void main(float* y, int64_t n) const {
    switch (kind_) {
      case Epilogue::kNone:
        return;
      case Epilogue::kLogistic:
        return logistic(y, y, n);
      case Epilogue::kHardSwish:
        if (hard_swish_) return hard_swish_->run(y, y, n);
        for (int64_t i = 0; i < n; ++i) y[i] = ref::hard_swish_float(y[i]);
        return;
      case Epilogue::kAdd: {
        if (addend_channels_ < out_channels_) return add_narrow(y, n);
        const float* a = addend_ + (y - output_);
        if (binary_) {
          // The ADD op's own vectorised kernel (kernels/binary_f32.h).
          kernels::BinaryF32Args args;
          args.op = kernels::BinaryF32Op::kAdd;
          args.act_min = add_min_, args.act_max = add_max_;
          args.a = y, args.a_col = 1;
          args.b = a, args.b_col = 1;
          args.out = y, args.rows = 1, args.cols = n;
          return binary_->run(args);
        }
        for (int64_t i = 0; i < n; ++i) y[i] = std::min(std::max(y[i] + a[i], add_min_), add_max_);
        return;
      }
      case Epilogue::kSwish:
        // MUL(x, LOGISTIC(x)).
        if (logistic_) return logistic_->swish(y, y, n);
        for (int64_t i = 0; i < n; ++i) y[i] = y[i] * ref::logistic_float(y[i]);
        return;
    }
  }

  // The ADD with a narrower addend: output element (p, c) adds addend
  // element (p, c) for c < addend_channels_, and 0.0f (as the folded PAD's
  // zeros did) for the rest; then the ADD's clamp.
  void add_narrow(float* y, int64_t n) const {
    const int64_t c_out = out_channels_, c_add = addend_channels_;
    const int64_t base = y - output_;  // y's offset in the output
    auto scalar = [&](int64_t at, int64_t end) {  // within one pixel
      const int64_t p = at / c_out, c0 = at % c_out, c1 = c0 + (end - at);
      float* row = y + (at - c0 - base);  // pixel p's first channel
      const float* a = addend_ + p * c_add;
      const int64_t ca = std::min(c1, std::max(c0, c_add));
      for (int64_t c = c0; c < ca; ++c) row[c] = std::min(std::max(row[c] + a[c], add_min_), add_max_);
      for (int64_t c = ca; c < c1; ++c) row[c] = std::min(std::max(row[c] + 0.0f, add_min_), add_max_);
    };
    int64_t at = base;
    const int64_t end = base + n;
    // A partial first pixel, whole pixels (two strided kernel calls: the
    // addend's channels, then + 0.0f on the rest), a partial last pixel.
    if (at % c_out != 0) {
      const int64_t stop = std::min(end, (at / c_out + 1) * c_out);
      scalar(at, stop);
      at = stop;
    }
    const int64_t pixels = (end - at) / c_out;
    if (pixels > 0) {
      float* first = y + (at - base);
      if (binary_) {
        static const float kZero = 0.0f;
        kernels::BinaryF32Args args;
        args.op = kernels::BinaryF32Op::kAdd;
        args.act_min = add_min_, args.act_max = add_max_;
        args.a = first, args.a_row = c_out, args.a_col = 1;
        args.b = addend_ + (at / c_out) * c_add, args.b_row = c_add, args.b_col = 1;
        args.out = first, args.out_row = c_out;
        args.rows = pixels, args.cols = c_add;
        binary_->run(args);
        args.a = first + c_add;
        args.b = &kZero, args.b_row = 0, args.b_col = 0;
        args.out = first + c_add;
        args.cols = c_out - c_add;
        binary_->run(args);
      } else {
        for (int64_t q = 0; q < pixels; ++q) scalar(at + q * c_out, at + (q + 1) * c_out);
      }
      at += pixels * c_out;
    }
    if (at < end) scalar(at, end);
  }

  Epilogue kind_ = Epilogue::kNone;
  int64_t addend_channels_ = 0, out_channels_ = 0;
  const kernels::LogisticF32Kernel* logistic_ = nullptr;
  float add_min_ = 0, add_max_ = 0;
  const kernels::BinaryF32Kernel* binary_ = nullptr;
  const kernels::HardSwishF32Kernel* hard_swish_ = nullptr;
  int64_t prelu_channels_ = 0;
  const kernels::PreluF32Kernel* prelu_ = nullptr;
  const float* output_ = nullptr;
  const float* addend_ = nullptr;
  const float* alpha_ = nullptr;
};

}  // namespace xlite::ops
