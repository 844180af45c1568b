// SPDX-License-Identifier: Apache-2.0
// float32 elementwise binary ops (ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM) with
// the output clamp, over a rows x cols block of outputs. Each operand is
// either walked along the block or broadcast: element (r, k) of a is
// a[r * a_row + k * a_col] with a_col 0 or 1, which covers the same-shape
// case (one row), a scalar (both strides 0), a per-channel vector repeated
// on every row ([..., C] against [1, ..., 1, C]: a_row 0, a_col 1) and a
// per-row value ([N, H, W, 1]: a_row 1, a_col 0).
//
// Results are bit-identical with the reference kernels (ops/<op>/<op>_ref.h):
// one IEEE operation per element, then min(max(v, act_min), act_max) with
// the reference's NaN behaviour (NaN stays NaN); MAXIMUM is x > y ? x : y
// and MINIMUM x < y ? x : y, as there. `out` may be `a` or `b` (in place)
// when that operand is walked with the output's strides. Output rows may be
// strided (out_row): a block of channels of each pixel.
#pragma once

#include <cstdint>

namespace xlite::kernels {

enum class BinaryF32Op : int32_t { kAdd, kSub, kMul, kDiv, kMaximum, kMinimum };

struct BinaryF32Args {
  BinaryF32Op op = BinaryF32Op::kAdd;
  float act_min = 0, act_max = 0;  // -inf / +inf for no activation
  const float* a = nullptr;
  int64_t a_row = 0, a_col = 0;
  const float* b = nullptr;
  int64_t b_row = 0, b_col = 0;
  float* out = nullptr;  // out[r * out_row + k]
  int64_t rows = 0, cols = 0;
  int64_t out_row = 0;  // 0: cols (contiguous rows)
};

struct BinaryF32Kernel {
  void (*run)(const BinaryF32Args& args);
};

}  // namespace xlite::kernels
