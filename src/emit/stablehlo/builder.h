// SPDX-License-Identifier: Apache-2.0
// A small builder for StableHLO MLIR text: tensor types, fresh SSA names and
// one method per StableHLO op the lowerings use. Every op is printed in
// MLIR's generic form ("stablehlo.add"(...) {...} : (...) -> ...), which
// needs no per-op custom syntax and which both jaxlib's parser and IREE
// read. Names are unique across the whole function (regions included),
// since MLIR rejects redefining a name that is in scope.
//
// The builder checks nothing about the ops' semantics: the lowering that
// calls it computes result types from the IR, and the MLIR verifier of the
// consumer (XLA, IREE) is the check that the text is well formed.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/dtype.h"
#include "base/status.h"

namespace xlite::shlo {

struct TType {
  DType dtype = DType::kFloat32;
  std::vector<int64_t> shape;

  int rank() const { return static_cast<int>(shape.size()); }
  int64_t num_elements() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
  TType with_dtype(DType t) const { return {t, shape}; }
  TType with_shape(std::vector<int64_t> s) const { return {dtype, std::move(s)}; }
};

// "f32", "i8", "ui8", "i1" ...; an error for types StableHLO cannot hold.
Result<std::string> element_type(DType t);
// "tensor<1x2x3xf32>"; the element type must be supported (checked by
// check_type).
std::string type_str(const TType& t);
Status check_type(const TType& t);
// "array<i64: 1, 2>"
std::string i64_array(std::span<const int64_t> v);
// "dense<[[0, 1], [2, 3]]> : tensor<2x2xi64>" for a [n, 2] padding attribute.
std::string i64_pairs(std::span<const std::pair<int64_t, int64_t>> v);

struct Value {
  std::string name;  // "%v12" or "%arg0"
  TType type;
};

enum class Cmp { EQ, NE, LT, LE, GT, GE };

class Builder {
 public:
  explicit Builder(int indent = 4) : indent_(indent) {}

  // A builder for the body of a region (stablehlo.if/while) of an op this
  // builder emits: its own text, indented one level deeper, and the same
  // name counter, so names stay unique across the function.
  Builder region() const { return Builder(indent_ + 2, counter_); }
  int indent() const { return indent_; }

  std::string fresh();
  // The emitted body so far.
  const std::string& text() const { return text_; }
  // Inserts a comment line (e.g. the TFLite op an expansion came from).
  void comment(std::string_view s);

  // A generic op with one result. `attrs` is the text inside {...} (empty:
  // none); `regions` the text inside (...) after the operands, e.g. a
  // reduction body from scalar_body().
  Value op(std::string_view name, std::span<const Value> operands, const TType& result,
           std::string_view attrs = {}, std::string_view regions = {});
  // A generic op with several results.
  std::vector<Value> op_n(std::string_view name, std::span<const Value> operands,
                          std::span<const TType> results, std::string_view attrs = {},
                          std::string_view regions = {});
  // A region `{ ^bb0(%a: tensor<T>, %b: tensor<T>): %r = op(%a, %b); return %r }`
  // applying a binary elementwise op (e.g. "stablehlo.add") to scalars;
  // for reduce (n = 1 pair) and reduce_window.
  std::string scalar_body(std::string_view binary_op, DType t);

  // Constants. Data is the little-endian element bytes of `t` (row major);
  // large tensors print in MLIR's hex form dense<"0x...">.
  Value constant(const TType& t, std::span<const uint8_t> bytes);
  // A tensor of shape `shape` filled with `v` (converted to the element type).
  Value splat(DType t, std::span<const int64_t> shape, double v);
  Value scalar(DType t, double v) { return splat(t, {}, v); }

  // Elementwise (operands of equal type; the result has that type).
  Value binary(std::string_view name, const Value& a, const Value& b);
  Value add(const Value& a, const Value& b) { return binary("stablehlo.add", a, b); }
  Value sub(const Value& a, const Value& b) { return binary("stablehlo.subtract", a, b); }
  Value mul(const Value& a, const Value& b) { return binary("stablehlo.multiply", a, b); }
  Value div(const Value& a, const Value& b) { return binary("stablehlo.divide", a, b); }
  Value max(const Value& a, const Value& b) { return binary("stablehlo.maximum", a, b); }
  Value min(const Value& a, const Value& b) { return binary("stablehlo.minimum", a, b); }
  Value unary(std::string_view name, const Value& a);
  Value compare(const Value& a, const Value& b, Cmp dir);
  Value select(const Value& pred, const Value& t, const Value& f);
  // clamp(lo <= x <= hi) with scalar or full-shape bounds.
  Value clamp(const Value& lo, const Value& x, const Value& hi);
  Value convert(const Value& a, DType to);

  // Shapes.
  Value reshape(const Value& a, std::vector<int64_t> shape);
  Value broadcast_in_dim(const Value& a, std::vector<int64_t> shape, std::span<const int64_t> dims);
  // Numpy-style broadcast of `a` to `shape` (trailing dims aligned).
  Value broadcast_to(const Value& a, std::vector<int64_t> shape);
  Value transpose(const Value& a, std::span<const int64_t> perm);
  Value slice(const Value& a, std::span<const int64_t> start, std::span<const int64_t> limit,
              std::span<const int64_t> strides);
  Value concatenate(std::span<const Value> parts, int64_t dim);
  Value pad(const Value& a, const Value& pad_value, std::span<const int64_t> low,
            std::span<const int64_t> high, std::span<const int64_t> interior = {});
  Value reverse(const Value& a, std::span<const int64_t> dims);
  Value iota(const TType& t, int64_t dim);

  // Reductions over `dims` with a binary op ("stablehlo.add", "stablehlo.maximum" ...).
  Value reduce(const Value& a, const Value& init, std::span<const int64_t> dims, std::string_view binary_op);
  Value reduce_window(const Value& a, const Value& init, std::span<const int64_t> window,
                      std::span<const int64_t> strides, std::span<const std::pair<int64_t, int64_t>> padding,
                      std::string_view binary_op, const TType& result);

  // dot_general with batch and contracting dims of lhs/rhs.
  Value dot_general(const Value& lhs, const Value& rhs, std::span<const int64_t> lhs_batch,
                    std::span<const int64_t> rhs_batch, std::span<const int64_t> lhs_contract,
                    std::span<const int64_t> rhs_contract, const TType& result);

  // `line` appended verbatim (one indented line).
  void raw(std::string_view line);

 private:
  Builder(int indent, std::shared_ptr<int> counter) : indent_(indent), counter_(std::move(counter)) {}
  std::string types_of(std::span<const Value> operands) const;
  int indent_;
  std::shared_ptr<int> counter_ = std::make_shared<int>(0);
  std::string text_;
};

}  // namespace xlite::shlo
