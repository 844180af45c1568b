// SPDX-License-Identifier: Apache-2.0
// prepare() helpers shared by the elementwise one-input ops (LOGISTIC, TANH,
// EXP, ...): the output has the input's shape and must have its type.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::unary {

// Pieces of at least this many elements (smaller ops stay on one thread;
// elementwise.h says why so large).
constexpr int64_t kMinChunk = 131072;

// Runs f(begin, end) over pieces of [0, n) split across the executor's
// threads (elementwise: each piece is independent, and in place is safe).
template <typename F>
void parallel(KernelContext& ctx, int64_t n, F&& f, int64_t min_chunk = kMinChunk) {
  ctx.parallel_for(
      n, [&](int64_t begin, int64_t end, int) { f(begin, end); }, min_chunk);
}

inline Status same_shape_and_dtype(const RtTensor& in, RtTensor& out) {
  out.shape = in.shape;
  if (out.dtype != in.dtype)
    return Status::error("output must have the input's type " + std::string(dtype_name(in.dtype)) + ", is " +
                         std::string(dtype_name(out.dtype)));
  return ok_status();
}

// Both operands quantized per tensor (the integer paths need one scale each).
inline Status per_tensor_io(const RtTensor& in, const RtTensor& out) {
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
  return check::per_tensor_quant(out, "output");
}

// The int16 table paths (EXP, GELU) are checked against LiteRT only with the
// symmetric int16 quantization converters produce; asymmetric int16 is
// refused rather than guessed.
inline Status int16_zero_points(const RtTensor& in, const RtTensor& out) {
  if (in.zero_point() == 0 && out.zero_point() == 0) return ok_status();
  return Status::error("int16 input and output need zero points of 0 (asymmetric int16 is not supported yet)");
}

}  // namespace xlite::unary
