// SPDX-License-Identifier: Apache-2.0
// A float32 convolution's fused epilogue (passes/fuse_epilogue.cc): the
// elementwise ops the pass folded into it, applied to each block of outputs
// right after the block is computed. The arithmetic is the folded ops'
// own: SWISH is MUL(x, LOGISTIC(x)), HARD_SWISH and LOGISTIC are those
// ops, each with the kernel its op would run (the vectorised LOGISTIC, or
// the reference on the reference path), so fusing changes no result.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "base/status.h"
#include "ir/attrs.h"
#include "kernels/kernels.h"
#include "kernels/logistic_f32.h"
#include "ops/hard_swish/hard_swish_ref.h"
#include "ops/logistic/logistic_ref.h"

namespace xlite::ops {

enum class Epilogue { kNone, kSwish, kHardSwish, kLogistic };

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
  else return Status::error("unknown xlite_epilogue (expected \"SWISH\", \"HARD_SWISH\" or \"LOGISTIC\")");
  return ok_status();
}

// Applies the epilogue to rows x n floats at y (row stride ld), in place.
// logistic: the LOGISTIC variant, or nullptr for the reference function.
class EpilogueF32 {
 public:
  void init(Epilogue e, bool reference) {
    kind_ = e;
    logistic_ = reference ? nullptr : kernels::select<kernels::LogisticF32Kernel>().kernel;
  }
  Epilogue kind() const { return kind_; }
  bool active() const { return kind_ != Epilogue::kNone; }

  void apply(float* y, int64_t rows, int64_t n, int64_t ld) const {
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
    switch (kind_) {
      case Epilogue::kNone:
        return;
      case Epilogue::kLogistic:
        return logistic(y, y, n);
      case Epilogue::kHardSwish:
        for (int64_t i = 0; i < n; ++i) y[i] = ref::hard_swish_float(y[i]);
        return;
      case Epilogue::kSwish: {
        // MUL(x, LOGISTIC(x)), a chunk at a time through a stack buffer.
        constexpr int64_t kChunk = 256;
        float sig[kChunk];
        for (int64_t i = 0; i < n; i += kChunk) {
          const int64_t m = std::min(kChunk, n - i);
          logistic(y + i, sig, m);
          for (int64_t j = 0; j < m; ++j) y[i + j] = y[i + j] * sig[j];
        }
        return;
      }
    }
  }

  Epilogue kind_ = Epilogue::kNone;
  const kernels::LogisticF32Kernel* logistic_ = nullptr;
};

}  // namespace xlite::ops
