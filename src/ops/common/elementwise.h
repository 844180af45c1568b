// SPDX-License-Identifier: Apache-2.0
// Shared prepare() pieces of the elementwise ops (ADD, SUB, MUL, DIV,
// SQUARED_DIFFERENCE, MAXIMUM, MINIMUM, the RELU family, PRELU): operand
// checks, broadcast output shapes, activation ranges for unquantized integer
// outputs, and the "add-style" requantization that ADD, SUB and
// SQUARED_DIFFERENCE share.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "ops/common/broadcast.h"
#include "ops/common/checks.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::elementwise {

// Both inputs present and of one dtype; the output takes that dtype and the
// broadcast shape. TFLite's binary ops all check input1->type == input2->type.
inline Status prepare_binary(KernelContext& ctx, bcast::Map* map, const char* b_name = "input 2") {
  const RtTensor* a = ctx.input(0);
  const RtTensor* b = ctx.input(1);
  if (!a || !b || ctx.num_outputs() < 1) return Status::error("needs two inputs and one output");
  if (a->dtype != b->dtype)
    return Status::error(std::string("input 1 is ") + std::string(dtype_name(a->dtype)) + " but " + b_name +
                         " is " + std::string(dtype_name(b->dtype)));
  XLITE_RETURN_IF_ERROR(bcast::make_map(*a, *b, map));
  RtTensor& out = ctx.output(0);
  out.dtype = a->dtype;
  out.shape = map->output_shape();
  return ok_status();
}

// Pieces of at least this many outputs, so only large ops split: handing a
// piece to a worker costs microseconds on a quiet machine, and on a busy
// one (a worker descheduled) a split op waits for it, so the gain must be
// large to be worth the risk.
constexpr int64_t kMinChunk = 131072;

// Runs f(part) for pieces of m's walk (bcast::part) split across the
// executor's threads; each piece covers whole outputs, so an op running in
// place over input 0 stays correct.
template <typename F>
void parallel_map(KernelContext& ctx, const bcast::Map& m, F&& f, int64_t min_chunk = kMinChunk) {
  ctx.parallel_for(
      m.size, [&](int64_t begin, int64_t end, int) { f(bcast::part(m, begin, end)); }, min_chunk);
}

// CalculateActivationRange<T> for unquantized integer outputs (kernel_util.h):
// RELU [0, max], RELU6 [0, 6], RELU_N1_TO_1 [-1, 1], otherwise the full type.
template <typename T>
void activation_range_int(int activation, T* lo, T* hi) {
  *lo = std::numeric_limits<T>::lowest();
  *hi = std::numeric_limits<T>::max();
  if (activation == 1) {
    *lo = 0;
  } else if (activation == 3) {
    *lo = 0;
    *hi = 6;
  } else if (activation == 2) {
    *lo = -1;
    *hi = 1;
  }
}

inline int fused_activation(const KernelContext& ctx) {
  return static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0));
}

// The quantized operands of a requantizing elementwise op: per-tensor scale
// and zero point, the zero point inside the dtype's range.
inline Status check_quantized(const RtTensor& t, const char* what) {
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(t, what));
  int32_t lo, hi;
  quant::dtype_range(t.dtype, &lo, &hi);
  if (t.zero_point() < lo || t.zero_point() > hi)
    return Status::error(std::string(what) + " zero point " + std::to_string(t.zero_point()) + " is outside " +
                         std::string(dtype_name(t.dtype)));
  return ok_status();
}

// ArithmeticParams of the add-style kernels: each input is moved to a common
// scale (2 * max input scale) after a left shift that keeps precision, then
// the result is rescaled to the output. Source: TFLite add.cc / sub.cc
// Prepare (left_shift 20 for 8-bit, 15 for int16) and squared_difference.cc
// (left_shift 7, output scale squared).
struct AddSubParams {
  int left_shift = 20;
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0;
  int32_t in1_multiplier = 0, in2_multiplier = 0, out_multiplier = 0;
  int in1_shift = 0, in2_shift = 0, out_shift = 0;
  int32_t act_min = 0, act_max = 0;
};

// squared: SQUARED_DIFFERENCE's output multiplier (twice_max^2 / (2^(2*ls) * so)).
inline void add_sub_params(const RtTensor& in1, const RtTensor& in2, const RtTensor& out, int left_shift,
                           bool squared, AddSubParams* p) {
  p->left_shift = left_shift;
  p->in1_offset = -in1.zero_point();
  p->in2_offset = -in2.zero_point();
  p->out_offset = out.zero_point();
  // The float max, doubled, is exact in double; the divisions are in double.
  const double twice_max = 2.0 * static_cast<double>(std::max(in1.scale(), in2.scale()));
  const double real1 = static_cast<double>(in1.scale()) / twice_max;
  const double real2 = static_cast<double>(in2.scale()) / twice_max;
  const int total_shift = squared ? 2 * left_shift : left_shift;
  const double real_out = (squared ? twice_max * twice_max : twice_max) /
                          (static_cast<double>(int64_t{1} << total_shift) * static_cast<double>(out.scale()));
  quant::quantize_multiplier(real1, &p->in1_multiplier, &p->in1_shift);
  quant::quantize_multiplier(real2, &p->in2_multiplier, &p->in2_shift);
  quant::quantize_multiplier(real_out, &p->out_multiplier, &p->out_shift);
}

// One input of an add-style kernel on the common scale: (q + offset) shifted
// left, then the multiplier (shift <= 0, so this is TFLite's
// MultiplyByQuantizedMultiplierSmallerThanOneExp).
inline int32_t add_sub_rescale(int32_t q, int32_t offset, int left_shift, int32_t multiplier, int shift) {
  const int32_t shifted = (q + offset) * (int32_t{1} << left_shift);
  return quant::multiply_by_quantized_multiplier(shifted, multiplier, shift);
}

inline bool is_quantized(const RtTensor& t) { return t.quant && t.quant->is_quantized(); }

}  // namespace xlite::elementwise
