// SPDX-License-Identifier: Apache-2.0
#include "emit/stablehlo/lower.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace xlite::shlo {

std::vector<int64_t> dims64(const std::vector<int32_t>& shape) {
  return std::vector<int64_t>(shape.begin(), shape.end());
}

TType LowerContext::compute_type(const Tensor& t) const {
  TType ty{t.dtype, dims64(t.shape)};
  if (options_.quant == QuantMode::kFloat && t.quant.is_quantized()) ty.dtype = DType::kFloat32;
  return ty;
}

Result<Value> LowerContext::input(int k) {
  if (!has_input(k)) return Status::error("input " + std::to_string(k) + " is absent");
  const int32_t t = op_->inputs[k];
  if (values_[t]) return *values_[t];
  Result<Value> v = materialize_(t);
  if (!v.ok()) return v.status();
  values_[t] = v.value();
  return v;
}

void LowerContext::set_output(int k, Value v) { values_[op_->outputs[k]] = std::move(v); }

Result<std::vector<int64_t>> LowerContext::const_ints(int k) const {
  if (!has_input(k)) return Status::error("input " + std::to_string(k) + " is absent");
  const Tensor& t = input_tensor(k);
  const size_t w = t.dtype == DType::kInt64 ? 8 : t.dtype == DType::kInt32 ? 4 : 0;
  if (!t.is_constant() || w == 0)
    return Status::error("input " + std::to_string(k) + " ('" + t.name +
                         "') must be a constant int32/int64 tensor to export");
  std::vector<int64_t> out(t.data.size() / w);
  for (size_t i = 0; i < out.size(); ++i) {
    if (w == 8) {
      std::memcpy(&out[i], t.data.data() + i * 8, 8);
    } else {
      int32_t x;
      std::memcpy(&x, t.data.data() + i * 4, 4);
      out[i] = x;
    }
  }
  return out;
}

Result<std::vector<Value>> LowerContext::lower_subgraph(Builder& b, int index, std::span<const Value> args) const {
  if (!subgraph_) return Status::error("subgraphs cannot be lowered here");
  return subgraph_(b, index, args);
}

std::string region_text(const Builder& region) {
  return "{\n" + region.text() + std::string(region.indent() - 2, ' ') + "}";
}

Value to_predicate(Builder& b, const Value& x, bool bitwise) {
  Value v = x.type.rank() == 0 ? x : b.reshape(x, {});
  if (v.type.dtype == DType::kBool) return v;
  DType t = v.type.dtype;
  if (bitwise) {
    const DType same_width = t == DType::kFloat64 ? DType::kInt64
                             : t == DType::kFloat32 ? DType::kInt32
                             : (t == DType::kFloat16 || t == DType::kBFloat16) ? DType::kInt16
                                                                                : t;
    if (same_width != t) {
      v = b.op("stablehlo.bitcast_convert", std::span<const Value>(&v, 1), v.type.with_dtype(same_width));
      t = same_width;
    }
  }
  return b.compare(v, b.scalar(t, 0.0), Cmp::NE);
}

void region_return(Builder& b, std::span<const Value> values) {
  std::string names, types;
  for (size_t i = 0; i < values.size(); ++i) {
    names += (i ? ", " : "") + values[i].name;
    types += (i ? ", " : "") + type_str(values[i].type);
  }
  b.raw("\"stablehlo.return\"(" + names + ") : (" + types + ") -> ()");
}

Result<Value> apply_activation(Builder& b, const Value& x, int64_t act) {
  switch (act) {
    case 0: return x;
    case 1: return b.max(x, b.splat(x.type.dtype, x.type.shape, 0.0));
    case 2: return b.clamp(b.scalar(x.type.dtype, -1.0), x, b.scalar(x.type.dtype, 1.0));
    case 3: return b.clamp(b.scalar(x.type.dtype, 0.0), x, b.scalar(x.type.dtype, 6.0));
    case 4: return b.unary("stablehlo.tanh", x);
    default: return Status::error("fused activation " + std::to_string(act) + " has no lowering");
  }
}

Value broadcast_to(Builder& b, const Value& v, const TType& out) { return b.broadcast_to(v, out.shape); }

Result<int64_t> normalize_axis(int64_t axis, int rank) {
  if (axis < -rank || axis >= std::max(rank, 1))
    return Status::error("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

Status lower_binary(LowerContext& ctx, std::string_view shlo_op) {
  Result<Value> a = ctx.input(0), b = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  const TType out = ctx.output_type(0);
  Value x = ctx.b.binary(shlo_op, broadcast_to(ctx.b, a.value(), out), broadcast_to(ctx.b, b.value(), out));
  Result<Value> y = apply_activation(ctx.b, x, ctx.attrs().get_int("fused_activation_function", 0));
  if (!y.ok()) return y.status();
  ctx.set_output(0, y.value());
  return ok_status();
}

Status lower_unary(LowerContext& ctx, std::string_view shlo_op) {
  Result<Value> a = ctx.input(0);
  if (!a.ok()) return a.status();
  ctx.set_output(0, ctx.b.unary(shlo_op, a.value()));
  return ok_status();
}

Status lower_compare(LowerContext& ctx, Cmp dir) {
  Result<Value> a = ctx.input(0), b = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  TType shape = ctx.output_type(0);
  shape.dtype = a->type.dtype;
  ctx.set_output(0, ctx.b.compare(broadcast_to(ctx.b, a.value(), shape), broadcast_to(ctx.b, b.value(), shape), dir));
  return ok_status();
}

Status lower_reshape(LowerContext& ctx) {
  Result<Value> a = ctx.input(0);
  if (!a.ok()) return a.status();
  ctx.set_output(0, ctx.b.reshape(a.value(), ctx.output_type(0).shape));
  return ok_status();
}

Status lower_clamp(LowerContext& ctx, double lo, double hi) {
  Result<Value> a = ctx.input(0);
  if (!a.ok()) return a.status();
  const DType t = a->type.dtype;
  ctx.set_output(0, ctx.b.clamp(ctx.b.scalar(t, lo), a.value(), ctx.b.scalar(t, hi)));
  return ok_status();
}

Status lower_reduce(LowerContext& ctx, std::string_view binary_op, double init, bool mean) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> axes = ctx.const_ints(1);
  if (!axes.ok()) return axes.status();
  const int rank = in->type.rank();
  std::vector<int64_t> dims;
  for (int64_t a : axes.value()) {
    Result<int64_t> d = normalize_axis(a, rank);
    if (!d.ok()) return d.status();
    if (std::find(dims.begin(), dims.end(), d.value()) == dims.end()) dims.push_back(d.value());
  }
  std::sort(dims.begin(), dims.end());
  const DType t = in->type.dtype;
  Value r = ctx.b.reduce(in.value(), ctx.b.scalar(t, init), dims, binary_op);
  if (mean) {
    int64_t count = 1;
    for (int64_t d : dims) count *= in->type.shape[d];
    r = ctx.b.div(r, ctx.b.splat(t, r.type.shape, static_cast<double>(count)));
  }
  ctx.set_output(0, ctx.b.reshape(r, ctx.output_type(0).shape));
  return ok_status();
}

Status lower_arg(LowerContext& ctx, bool is_max) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> ax = ctx.const_ints(1);
  if (!ax.ok()) return ax.status();
  if (ax->size() != 1) return Status::error("the axis must be one value");
  const TType& t = in->type;
  Result<int64_t> axis = normalize_axis((*ax)[0], t.rank());
  if (!axis.ok()) return axis.status();
  const TType out = ctx.output_type(0);
  Builder& b = ctx.b;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < t.rank(); ++d)
    if (d != axis.value()) keep.push_back(d);
  // The reduction starts from -inf/+inf, or an integer type's extremes.
  double lo = -std::numeric_limits<double>::infinity(), hi = -lo;
  switch (t.dtype) {
    case DType::kInt8: lo = -128, hi = 127; break;
    case DType::kUInt8: lo = 0, hi = 255; break;
    case DType::kInt16: lo = -32768, hi = 32767; break;
    case DType::kInt32: lo = -2147483648.0, hi = 2147483647.0; break;
    default: break;
  }
  const int64_t a = axis.value();
  Value extreme = b.reduce(in.value(), b.scalar(t.dtype, is_max ? lo : hi), std::span<const int64_t>(&a, 1),
                           is_max ? "stablehlo.maximum" : "stablehlo.minimum");
  Value hit = b.compare(in.value(), b.broadcast_in_dim(extreme, t.shape, keep), Cmp::EQ);
  Value idx = b.iota(t.with_dtype(out.dtype), a);
  Value big = b.splat(out.dtype, t.shape, static_cast<double>(t.shape[a]));
  Value first = b.reduce(b.select(hit, idx, big), b.scalar(out.dtype, static_cast<double>(t.shape[a])),
                         std::span<const int64_t>(&a, 1), "stablehlo.minimum");
  ctx.set_output(0, b.reshape(first, out.shape));
  return ok_status();
}

namespace {

// A per-channel int vector (or a splat) of `t`'s element type broadcast to `shape`.
Value channel_const(Builder& b, const std::vector<int64_t>& v, DType t, const std::vector<int64_t>& shape) {
  if (v.size() == 1) return b.splat(t, shape, static_cast<double>(v[0]));
  std::vector<uint8_t> bytes;
  for (int64_t x : v) {
    if (t == DType::kInt64) {
      bytes.insert(bytes.end(), reinterpret_cast<const uint8_t*>(&x), reinterpret_cast<const uint8_t*>(&x) + 8);
    } else {
      const int32_t y = static_cast<int32_t>(x);
      bytes.insert(bytes.end(), reinterpret_cast<const uint8_t*>(&y), reinterpret_cast<const uint8_t*>(&y) + 4);
    }
  }
  const int64_t last = static_cast<int64_t>(shape.size()) - 1;
  Value c = b.constant({t, {static_cast<int64_t>(v.size())}}, bytes);
  return b.broadcast_in_dim(c, shape, std::span<const int64_t>(&last, 1));
}

}  // namespace

Value to_i32_offset(Builder& b, const Value& x, int64_t zero_point) {
  Value v = b.convert(x, DType::kInt32);
  if (zero_point == 0) return v;
  return b.sub(v, b.splat(DType::kInt32, v.type.shape, static_cast<double>(zero_point)));
}

Value multiply_by_quantized_multiplier(Builder& b, const Value& acc, const std::vector<int32_t>& multiplier,
                                       const std::vector<int>& shift) {
  const auto& shape = acc.type.shape;
  std::vector<int64_t> left, right, mult;
  for (size_t c = 0; c < multiplier.size(); ++c) {
    left.push_back(shift[c] > 0 ? shift[c] : 0);
    right.push_back(shift[c] > 0 ? 0 : -shift[c]);
    mult.push_back(multiplier[c]);
  }
  // x << left wraps in int32, as the reference's multiply does.
  Value x = b.binary("stablehlo.shift_left", acc, channel_const(b, left, DType::kInt32, shape));
  // SaturatingRoundingDoublingHighMul (the multiplier is never INT32_MIN,
  // so the one saturating case cannot occur).
  Value ab = b.mul(b.convert(x, DType::kInt64), channel_const(b, mult, DType::kInt64, shape));
  Value nonneg = b.compare(ab, b.splat(DType::kInt64, shape, 0.0), Cmp::GE);
  Value nudge = b.select(nonneg, b.splat(DType::kInt64, shape, 1073741824.0), b.splat(DType::kInt64, shape, 1.0 - 1073741824.0));
  Value high = b.convert(b.div(b.add(ab, nudge), b.splat(DType::kInt64, shape, 2147483648.0)), DType::kInt32);
  // RoundingDivideByPOT: (x >> e) + (remainder > threshold).
  Value e = channel_const(b, right, DType::kInt32, shape);
  Value one = b.splat(DType::kInt32, shape, 1.0);
  Value mask = b.sub(b.binary("stablehlo.shift_left", one, e), one);
  Value rem = b.binary("stablehlo.and", high, mask);
  Value neg = b.compare(high, b.splat(DType::kInt32, shape, 0.0), Cmp::LT);
  Value threshold = b.add(b.binary("stablehlo.shift_right_arithmetic", mask, one),
                          b.select(neg, one, b.splat(DType::kInt32, shape, 0.0)));
  Value up = b.select(b.compare(rem, threshold, Cmp::GT), one, b.splat(DType::kInt32, shape, 0.0));
  return b.add(b.binary("stablehlo.shift_right_arithmetic", high, e), up);
}

Value requantize(Builder& b, const Value& acc, const std::vector<int32_t>& multiplier,
                 const std::vector<int>& shift, int32_t zero_point, int32_t qmin, int32_t qmax, DType out) {
  const auto& shape = acc.type.shape;
  Value q = multiply_by_quantized_multiplier(b, acc, multiplier, shift);
  q = b.add(q, b.splat(DType::kInt32, shape, zero_point));
  q = b.clamp(b.scalar(DType::kInt32, qmin), q, b.scalar(DType::kInt32, qmax));
  return b.convert(q, out);
}

std::pair<int64_t, int64_t> window_padding(int padding, int64_t in, int64_t filter, int64_t stride,
                                           int64_t dilation, int64_t out) {
  // TFLite's rule (kernel_util/padding.h): total = (out-1)*stride +
  // effective filter - in, half of it (rounded down) before. For VALID the
  // total is 0; rows past the last window are ignored by XLA as well.
  const int64_t effective = (filter - 1) * dilation + 1;
  const int64_t total = std::max<int64_t>(0, (out - 1) * stride + effective - in);
  if (padding != 0) return {0, 0};  // VALID
  return {total / 2, total - total / 2};
}

Value convolution(Builder& b, const Value& in, const Value& kernel, std::string_view kernel_layout,
                  std::span<const int64_t> strides, std::span<const std::pair<int64_t, int64_t>> padding,
                  std::span<const int64_t> lhs_dilation, std::span<const int64_t> rhs_dilation,
                  int64_t feature_groups, const TType& result) {
  const Value ops[] = {in, kernel};
  std::string attrs = "batch_group_count = 1 : i64, dimension_numbers = #stablehlo.conv<[b, 0, 1, f]x[" +
                      std::string(kernel_layout) + "]->[b, 0, 1, f]>, feature_group_count = " +
                      std::to_string(feature_groups) + " : i64, lhs_dilation = " + i64_array(lhs_dilation) +
                      ", padding = " + i64_pairs(padding) + ", rhs_dilation = " + i64_array(rhs_dilation) +
                      ", window_strides = " + i64_array(strides);
  return b.op("stablehlo.convolution", ops, result, attrs);
}

Value transpose_convolution(Builder& b, const Value& in, const Value& filter, std::span<const int64_t> strides,
                            std::span<const int64_t> pad_before, const TType& result) {
  std::pair<int64_t, int64_t> pads[2];
  for (int d = 0; d < 2; ++d) {
    const int64_t k = filter.type.shape[1 + d], o = result.shape[1 + d];
    const int64_t dilated = (in.type.shape[1 + d] - 1) * strides[d] + 1;
    const int64_t low = k - 1 - pad_before[d];
    pads[d] = {low, o - 1 + k - dilated - low};
  }
  const int64_t spatial[] = {1, 2}, ones[] = {1, 1};
  return convolution(b, in, b.reverse(filter, spatial), "o, 0, 1, i", ones, pads, strides, ones, 1, result);
}

Result<Value> add_bias(LowerContext& ctx, const Value& x, int k) {
  if (!ctx.has_input(k)) return x;
  Result<Value> bias = ctx.input(k);
  if (!bias.ok()) return bias.status();
  Value bv = ctx.b.convert(bias.value(), x.type.dtype);
  if (bv.type.num_elements() != x.type.shape.back())
    return Status::error("bias has " + std::to_string(bv.type.num_elements()) + " elements, not " +
                         std::to_string(x.type.shape.back()));
  bv = ctx.b.reshape(bv, {x.type.shape.back()});
  const int64_t last = x.type.rank() - 1;
  return ctx.b.add(x, ctx.b.broadcast_in_dim(bv, x.type.shape, std::span<const int64_t>(&last, 1)));
}

Value gather_axis(Builder& b, const Value& params, const Value& indices, int64_t axis) {
  const int pr = params.type.rank(), ir = indices.type.rank();
  std::vector<int64_t> out_shape, offset_dims, slice_sizes;
  for (int d = 0; d < axis; ++d) out_shape.push_back(params.type.shape[d]);
  for (int64_t d : indices.type.shape) out_shape.push_back(d);
  for (int d = axis + 1; d < pr; ++d) out_shape.push_back(params.type.shape[d]);
  for (int d = 0; d < pr; ++d) {
    slice_sizes.push_back(d == axis ? 1 : params.type.shape[d]);
    if (d < axis) offset_dims.push_back(d);
    if (d > axis) offset_dims.push_back(d - 1 + ir);
  }
  std::string od;
  for (size_t i = 0; i < offset_dims.size(); ++i) od += (i ? ", " : "") + std::to_string(offset_dims[i]);
  const std::string attrs = "dimension_numbers = #stablehlo.gather<offset_dims = [" + od +
                            "], collapsed_slice_dims = [" + std::to_string(axis) + "], start_index_map = [" +
                            std::to_string(axis) + "], index_vector_dim = " + std::to_string(ir) +
                            ">, indices_are_sorted = false, slice_sizes = " + i64_array(slice_sizes);
  const Value ops[] = {params, indices};
  return b.op("stablehlo.gather", ops, params.type.with_shape(out_shape), attrs);
}

}  // namespace xlite::shlo
