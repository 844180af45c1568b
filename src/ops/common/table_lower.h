// SPDX-License-Identifier: Apache-2.0
// --quant=integer lowerings that take their numbers from xlite's own
// reference kernels at export time, so the module computes what the kernel
// computes (and the kernel is held bit-exact to LiteRT by the parity tests):
//
// * prepare_reference(): the kernel's prepare run on the IR's tensors, for
//   lowerings that write the arithmetic out and need the kernel's
//   multipliers, shifts and activation ranges, not a second derivation.
// * lower_unary_by_table(): an elementwise op whose output code depends
//   only on the input code (LOGISTIC, TANH, HARD_SWISH, GELU, RELU ...,
//   int8 -> int8 QUANTIZE) is one lookup in a table of the kernel's output
//   for every input code: 256 entries for int8/uint8, 65536 for int16.
// * lower_binary_by_table(): an elementwise binary op on two 8-bit inputs
//   (DIV, SQUARED_DIFFERENCE, PRELU) looks up the pair of codes in a table
//   of 65536 entries (the operands broadcast as numpy does).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "emit/stablehlo/lower.h"
#include "ops/kernel.h"

namespace xlite::ops {

// Under --quant=integer, with input k quantized.
bool integer_quant(const shlo::LowerContext& ctx, int k = 0);

// RtTensor for an IR tensor: dtype, shape, quantization, and the data of a
// constant.
RtTensor rt_tensor(const Tensor& t);

// The op's reference kernel prepared on the IR's tensors (constant inputs
// with their data). The caller casts the state to the op's state type.
// `prepare`: the kernel's prepare, for a CUSTOM op (builtin ops: found by
// kind).
Result<std::unique_ptr<OpState>> prepare_reference(shlo::LowerContext& ctx, PrepareFn prepare = nullptr);

// Codes of an integer type: 256 (int8, uint8) or 65536 (int16); an error
// for other types.
Result<int64_t> code_count(DType t);
int32_t lowest_code(DType t);

// table[x - lowest_code(x's type)] for every element x of `codes`; `table`
// is rank 1.
shlo::Value lookup(shlo::Builder& b, const shlo::Value& codes, const shlo::Value& table);

// Per-tensor (one value: a splat) or per-axis (one value per index along
// `axis`, broadcast) parameters as a full tensor of `shape`.
shlo::Value per_element(shlo::Builder& b, std::span<const double> values, DType t, const std::vector<int64_t>& shape,
                        int64_t axis);

Status lower_unary_by_table(shlo::LowerContext& ctx);
// `excluded_b`: a code of input 1 the kernel refuses (DIV's zero divisor);
// its entries are the output's zero point.
Status lower_binary_by_table(shlo::LowerContext& ctx, std::optional<int32_t> excluded_b = std::nullopt);

}  // namespace xlite::ops
