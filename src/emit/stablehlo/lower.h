// SPDX-License-Identifier: Apache-2.0
// The contract between the StableHLO emitter and an op's lowering
// (src/ops/<op>/<op>_lower.cc, listed in src/ops/lowerings.def).
//
// A lowering reads its op's inputs as Values (constants are materialised
// on first use), emits StableHLO through the Builder and sets each output.
// Result types come from the IR: every tensor of an exported graph has a
// static shape, so a lowering never infers a shape the IR does not hold.
//
// Quantized tensors. With --quant=float every quantized tensor is carried
// as float32 holding its real value (the emitter dequantizes inputs and
// constants, and rounds each op's output to its quantized grid), so an op
// lowering sees float operands and writes a float result; compute_type()
// is that float type. Without a --quant mode a quantized tensor is an
// error before any lowering runs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "emit/stablehlo/builder.h"
#include "ir/graph.h"

namespace xlite::shlo {

// kInteger: quantized tensors keep their integer types and the ops that
// have an integer lowering reproduce TFLite's integer arithmetic.
enum class QuantMode { kNone, kFloat, kInteger };

struct ExportOptions {
  QuantMode quant = QuantMode::kNone;
  // Constants with more bytes than this become function arguments whose
  // values are written to a side file (0: every constant is inline).
  bool external_weights = false;
  int64_t external_min_bytes = 64;
};

// Values of a graph's tensors as they are emitted.
class LowerContext {
 public:
  LowerContext(Builder& b, const Model& model, const Graph& graph, const ExportOptions& options,
               std::vector<std::optional<Value>>& values,
               std::function<Result<Value>(int tensor)> materialize)
      : b(b), model_(model), graph_(graph), options_(options), values_(values),
        materialize_(std::move(materialize)) {}

  Builder& b;

  void set_op(const Op& op) { op_ = &op; }
  const Op& op() const { return *op_; }
  const Attrs& attrs() const { return op_->attrs; }
  const Model& model() const { return model_; }
  const Graph& graph() const { return graph_; }
  const ExportOptions& options() const { return options_; }

  int num_inputs() const { return static_cast<int>(op_->inputs.size()); }
  int num_outputs() const { return static_cast<int>(op_->outputs.size()); }
  bool has_input(int k) const { return k < num_inputs() && op_->inputs[k] >= 0; }
  const Tensor& input_tensor(int k) const { return graph_.tensors[op_->inputs[k]]; }
  const Tensor& output_tensor(int k) const { return graph_.tensors[op_->outputs[k]]; }

  // The value of input k (a constant is emitted here the first time).
  Result<Value> input(int k);
  // The type an output is computed in (see "Quantized tensors" above).
  TType output_type(int k) const { return compute_type(output_tensor(k)); }
  TType compute_type(const Tensor& t) const;
  void set_output(int k, Value v);

  // Reads a constant integer input (int32/int64) as int64s; an error names
  // the input when it is not a constant integer tensor.
  Result<std::vector<int64_t>> const_ints(int k) const;

  // Control flow (IF, WHILE): lowers subgraph `index` of the model inline
  // into `b` (a builder from b.region()) with `args` (in compute types) as
  // its inputs, and returns its outputs in compute types. An error when the
  // argument types differ from the subgraph's input tensors (StableHLO
  // needs the static shapes the IR holds) or the subgraph calls itself.
  using SubgraphLowering = std::function<Result<std::vector<Value>>(Builder&, int, std::span<const Value>)>;
  void set_subgraph_lowering(SubgraphLowering f) { subgraph_ = std::move(f); }
  Result<std::vector<Value>> lower_subgraph(Builder& b, int index, std::span<const Value> args) const;

 private:
  const Op* op_ = nullptr;
  const Model& model_;
  const Graph& graph_;
  const ExportOptions& options_;
  std::vector<std::optional<Value>>& values_;
  std::function<Result<Value>(int tensor)> materialize_;
  SubgraphLowering subgraph_;
};

using LowerFn = Status (*)(LowerContext&);

// Shared helpers for lowerings.
// The schema's fused activation (0 none, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6,
// 4 TANH) applied to a float value; an error for other codes.
Result<Value> apply_activation(Builder& b, const Value& x, int64_t act);
// Numpy broadcast of two operands to the output shape.
Value broadcast_to(Builder& b, const Value& v, const TType& out);
// Shape as int64s.
std::vector<int64_t> dims64(const std::vector<int32_t>& shape);
// An axis attribute or input in [-rank, rank) as [0, rank); an error names it.
Result<int64_t> normalize_axis(int64_t axis, int rank);

// A region's text `{ <body> }` for an op's regions list.
std::string region_text(const Builder& region);
// A scalar tensor<i1> that is true where the one-element `x` is nonzero
// (bool: itself). With `bitwise`, floats test their bits, so -0.0 is true
// as in a test of the tensor's bytes.
Value to_predicate(Builder& b, const Value& x, bool bitwise);
// "stablehlo.return"(values) ending a region.
void region_return(Builder& b, std::span<const Value> values);

// Whole lowerings shared by families of ops.
// out = a <op> b with numpy broadcasting, then the op's fused activation.
Status lower_binary(LowerContext& ctx, std::string_view shlo_op);
// out = <op>(in) elementwise.
Status lower_unary(LowerContext& ctx, std::string_view shlo_op);
// out (bool) = a <dir> b with broadcasting.
Status lower_compare(LowerContext& ctx, Cmp dir);
// out = input 0 reshaped to the output's shape (RESHAPE, SQUEEZE ...).
Status lower_reshape(LowerContext& ctx);
// out = clamp(lo, in, hi).
Status lower_clamp(LowerContext& ctx, double lo, double hi);
// Reduction over the axes in input 1 (negative allowed, repeats ignored)
// with a binary op from `init`; `mean` divides by the reduced count. The
// result is reshaped to the output (keep_dims or not).
Status lower_reduce(LowerContext& ctx, std::string_view binary_op, double init, bool mean);
// ARG_MAX / ARG_MIN along the constant axis in input 1: the first index
// whose value equals the extreme (ties go to the lower index, as TFLite).
Status lower_arg(LowerContext& ctx, bool is_max);
// TFLite's MultiplyByQuantizedMultiplier on an int32 tensor, per channel
// along the last dim (one entry: per tensor): x << max(shift, 0), then
// SaturatingRoundingDoublingHighMul by the multiplier (int64 product,
// nudged, divided by 2^31 toward zero), then RoundingDivideByPOT by
// max(-shift, 0) (half away from zero). Then + zero_point, clamped to
// [qmin, qmax] and converted to `out`. Sources: TFLite
// kernels/internal/common.h; xlite's src/ops/common/quant.h.
Value multiply_by_quantized_multiplier(Builder& b, const Value& acc, const std::vector<int32_t>& multiplier,
                                       const std::vector<int>& shift);
Value requantize(Builder& b, const Value& acc, const std::vector<int32_t>& multiplier,
                 const std::vector<int>& shift, int32_t zero_point, int32_t qmin, int32_t qmax, DType out);
// An integer tensor minus its zero point, as int32.
Value to_i32_offset(Builder& b, const Value& x, int64_t zero_point);
// Padding [before, after] of a window op along one spatial dim, as
// TFLite's SAME/VALID rule gives it for this input and output size.
std::pair<int64_t, int64_t> window_padding(int padding, int64_t in, int64_t filter, int64_t stride,
                                           int64_t dilation, int64_t out);
// "#stablehlo.conv<...>" convolution with NHWC input/output; `kernel` is
// the kernel layout, e.g. "o, 0, 1, i".
Value convolution(Builder& b, const Value& in, const Value& kernel, std::string_view kernel_layout,
                  std::span<const int64_t> strides, std::span<const std::pair<int64_t, int64_t>> padding,
                  std::span<const int64_t> lhs_dilation, std::span<const int64_t> rhs_dilation,
                  int64_t feature_groups, const TType& result);
// A transposed convolution (TRANSPOSE_CONV, Convolution2DTransposeBias):
// input pixel i times filter tap k ([O, KH, KW, I], in the input's dtype)
// adds to output pixel i * stride + k - pad_before, per spatial dim; written
// as the convolution of the stride-dilated input with the spatially
// reversed filter, padded low by K - 1 - pad_before and high to the
// result's size.
Value transpose_convolution(Builder& b, const Value& in, const Value& filter, std::span<const int64_t> strides,
                            std::span<const int64_t> pad_before, const TType& result);
// Bias [C] added along the last dim, when the op has input k.
Result<Value> add_bias(LowerContext& ctx, const Value& x, int k);
// stablehlo.gather of whole slices along `axis` at `indices` (any rank):
// result = params[:axis] + indices.shape + params[axis+1:].
Value gather_axis(Builder& b, const Value& params, const Value& indices, int64_t axis);

}  // namespace xlite::shlo
