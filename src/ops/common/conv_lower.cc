// SPDX-License-Identifier: Apache-2.0
#include "ops/common/conv_lower.h"

#include <cstring>
#include <vector>

#include "ops/common/bias.h"
#include "ops/common/conv_quant.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant_lower.h"
#include "ops/common/table_lower.h"
#include "ops/common/window.h"

namespace xlite::ops {

Status conv_padding(const Attrs& a, std::span<const int64_t> in_shape, std::span<const int64_t> filter_shape,
                    std::span<const int64_t> out_shape, std::pair<int64_t, int64_t> pads[2]) {
  int64_t explicit_amounts[4];
  const Result<bool> ex = window::explicit_pads(a, explicit_amounts);
  if (!ex.ok()) return ex.status();
  if (ex.value()) {
    pads[0] = {explicit_amounts[0], explicit_amounts[1]};
    pads[1] = {explicit_amounts[2], explicit_amounts[3]};
    return ok_status();
  }
  const int padding = static_cast<int>(a.get_int("padding", 0));
  const int64_t strides[] = {a.get_int("stride_h", 1), a.get_int("stride_w", 1)};
  const int64_t dilations[] = {a.get_int("dilation_h_factor", 1), a.get_int("dilation_w_factor", 1)};
  for (int d = 0; d < 2; ++d)
    pads[d] = shlo::window_padding(padding, in_shape[1 + d], filter_shape[1 + d], strides[d], dilations[d],
                                   out_shape[1 + d]);
  return ok_status();
}
namespace {

RtTensor rt(const Tensor& t) {
  RtTensor r;
  r.dtype = t.dtype;
  r.shape = t.shape;
  r.quant = &t.quant;
  r.ir = &t;
  r.constant = t.is_constant();
  return r;
}

// int8 activations and weights (int32 bias and accumulator), or int16
// activations with int8 weights: the kernel's checks, and its accumulator
// (int64, or int32 with an int32 bias: bias.h int16x8_bias_type).
Result<DType> check_operands(shlo::LowerContext& ctx) {
  const Tensor& in = ctx.input_tensor(0);
  const Tensor& w = ctx.input_tensor(1);
  const DType out = ctx.output_tensor(0).dtype;
  if (in.dtype == DType::kInt16 && w.dtype == DType::kInt8 && out == DType::kInt16) {
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
    if (!st.ok()) return st.status();
    bool int32_bias = false;
    RtTensor rb;
    if (ctx.has_input(2)) rb = rt(ctx.input_tensor(2));
    XLITE_RETURN_IF_ERROR(
        int16x8_bias_type(ctx.attrs().get_int("quantized_bias_type", 0), ctx.has_input(2) ? &rb : nullptr, &int32_bias));
    return int32_bias ? DType::kInt32 : DType::kInt64;
  }
  if (in.dtype != DType::kInt8 || w.dtype != DType::kInt8 || out != DType::kInt8)
    return Status::error("--quant=integer lowers int8 and int16 activations with int8 weights only (have " +
                         std::string(dtype_name(in.dtype)) + ")");
  for (int64_t zp : w.quant.zero_point)
    if (zp != 0) return Status::error("int8 weights need zero points of 0");
  if (ctx.has_input(2) && ctx.input_tensor(2).dtype != DType::kInt32)
    return Status::error("the bias must be int32");
  return DType::kInt32;
}

Result<shlo::Value> add_int_bias(shlo::LowerContext& ctx, const shlo::Value& acc) {
  if (!ctx.has_input(2)) return acc;
  Result<shlo::Value> bias = ctx.input(2);
  if (!bias.ok()) return bias.status();
  const int64_t last = acc.type.rank() - 1;
  shlo::Value bv = ctx.b.convert(ctx.b.reshape(bias.value(), {acc.type.shape.back()}), acc.type.dtype);
  return ctx.b.add(acc, ctx.b.broadcast_in_dim(bv, acc.type.shape, std::span<const int64_t>(&last, 1)));
}

// A constant int8 filter as a constant of the accumulator type (int32 or
// int64), widened here rather than by a convert in the module.
shlo::Value widened_filter(shlo::Builder& b, const Tensor& t, DType acc) {
  const size_t n = t.data.size();
  const size_t width = acc == DType::kInt64 ? 8 : 4;
  std::vector<uint8_t> bytes(n * width);
  for (size_t i = 0; i < n; ++i) {
    const int64_t v = static_cast<int8_t>(t.data[i]);
    if (width == 8) {
      std::memcpy(bytes.data() + 8 * i, &v, 8);
    } else {
      const int32_t v32 = static_cast<int32_t>(v);
      std::memcpy(bytes.data() + 4 * i, &v32, 4);
    }
  }
  return b.constant(shlo::TType{acc, shlo::dims64(t.shape)}, bytes);
}

// The input minus its zero point in the accumulator type.
shlo::Value offset_input(shlo::Builder& b, const shlo::Value& x, int32_t zero_point, DType acc) {
  shlo::Value v = b.convert(x, acc);
  if (zero_point == 0) return v;
  return b.sub(v, b.splat(acc, v.type.shape, zero_point));
}

// int16 ADD/SUB when every scale is a power of two (ref::add_int16_pot,
// ref::sub_int16_pot): each input rounded right by its shift, added or
// subtracted, clamped to the activation range (which lies inside int16, so
// ADD's saturation to int16 is the same clamp).
Status lower_add_sub_int16_pot(shlo::LowerContext& ctx, bool subtract, int shift1, int shift2) {
  Result<shlo::Value> a = ctx.input(0), b2 = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!b2.ok()) return b2.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  const RtTensor ro = rt(ctx.output_tensor(0));
  int32_t lo, hi, act_min, act_max;
  quant::dtype_range(DType::kInt16, &lo, &hi);
  quant::activation_range_quantized(static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0)),
                                    ro.scale(), ro.zero_point(), lo, hi, &act_min, &act_max);
  const shlo::Value x = rounding_divide_by_pot(b, b.convert(a.value(), DType::kInt32), -shift1);
  const shlo::Value y = rounding_divide_by_pot(b, b.convert(b2.value(), DType::kInt32), -shift2);
  const shlo::Value s = subtract ? b.sub(b.broadcast_to(x, out.shape), b.broadcast_to(y, out.shape))
                                 : b.add(b.broadcast_to(x, out.shape), b.broadcast_to(y, out.shape));
  ctx.set_output(0, b.convert(b.clamp(b.scalar(DType::kInt32, act_min), s, b.scalar(DType::kInt32, act_max)), out.dtype));
  return ok_status();
}

}  // namespace

Status lower_conv_integer(shlo::LowerContext& ctx, bool depthwise) {
  Result<DType> acc_t = check_operands(ctx);
  if (!acc_t.ok()) return acc_t.status();
  // IREE 3.13 (llvm-cpu) miscomputes a depthwise convolution whose two
  // operands are both sign-extended from i8 (the form an input zero point
  // of 0 gives: tests/python/test_stablehlo_iree.py); XLA computes it
  // exactly. A constant int8 filter is therefore emitted already widened,
  // so only the input is extended. The arithmetic is the same.
  const Tensor& tf = ctx.input_tensor(1);
  const bool widen_here = depthwise && tf.is_constant() && tf.dtype == DType::kInt8 && !tf.sparsity &&
                          static_cast<int64_t>(tf.data.size()) == num_elements(tf.shape).value_or(-1);
  Result<shlo::Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<shlo::Value> filter = widen_here ? Result<shlo::Value>(widened_filter(ctx.b, tf, *acc_t)) : ctx.input(1);
  if (!filter.ok()) return filter.status();
  const Tensor& ti = ctx.input_tensor(0);
  const Tensor& to = ctx.output_tensor(0);
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || filter->type.rank() != 4 || out.rank() != 4)
    return Status::error("input, filter and output must be 4-D");
  const int32_t channels = static_cast<int32_t>(out.shape[3]);
  const RtTensor ri = rt(ti), rw = rt(ctx.input_tensor(1)), ro = rt(to);
  RtTensor rb;
  if (ctx.has_input(2)) rb = rt(ctx.input_tensor(2));
  XLITE_RETURN_IF_ERROR(check_conv_operands(ri, rw, ctx.has_input(2) ? &rb : nullptr, ro, channels));
  const Attrs& a = ctx.attrs();
  ChannelQuant q;
  channel_quant(ri, rw, ro, channels, static_cast<int>(a.get_int("fused_activation_function", 0)),
                ScaleProduct::kDouble, &q);

  const int64_t strides[] = {a.get_int("stride_h", 1), a.get_int("stride_w", 1)};
  const int64_t dilations[] = {a.get_int("dilation_h_factor", 1), a.get_int("dilation_w_factor", 1)};
  const int64_t ones[] = {1, 1};
  std::pair<int64_t, int64_t> pads[2];
  XLITE_RETURN_IF_ERROR(conv_padding(a, in->type.shape, filter->type.shape, out.shape, pads));
  // The padding holds real zeros: after subtracting the zero point, 0.
  const shlo::Value x = offset_input(ctx.b, in.value(), ri.zero_point(), *acc_t);
  const shlo::Value w = widen_here ? filter.value() : ctx.b.convert(filter.value(), *acc_t);
  const int64_t in_c = in->type.shape[3];
  const int64_t groups = depthwise ? in_c : in_c / filter->type.shape[3];
  shlo::Value acc = shlo::convolution(ctx.b, x, w, depthwise ? "i, 0, 1, o" : "o, 0, 1, i", strides, pads, ones,
                                      dilations, groups, out.with_dtype(*acc_t));
  Result<shlo::Value> biased = add_int_bias(ctx, acc);
  if (!biased.ok()) return biased.status();
  if (*acc_t == DType::kInt64) {
    // 16x8 with an int64 accumulator: the 16-bit multiplier's single
    // rounding (zero points are 0).
    shlo::Builder& b = ctx.b;
    const shlo::Value v = multiply_by_quantized_multiplier_i64(b, biased.value(), q.multiplier, q.shift);
    ctx.set_output(0, b.convert(b.clamp(b.scalar(DType::kInt32, q.qmin), v, b.scalar(DType::kInt32, q.qmax)), out.dtype));
    return ok_status();
  }
  ctx.set_output(0, shlo::requantize(ctx.b, biased.value(), q.multiplier, q.shift, ro.zero_point(), q.qmin, q.qmax,
                                     out.dtype));
  return ok_status();
}

Status lower_fully_connected_integer(shlo::LowerContext& ctx) {
  Result<DType> acc_t = check_operands(ctx);
  if (!acc_t.ok()) return acc_t.status();
  Result<shlo::Value> in = ctx.input(0), weights = ctx.input(1);
  if (!in.ok()) return in.status();
  if (!weights.ok()) return weights.status();
  if (weights->type.rank() != 2) return Status::error("weights must be 2-D");
  const Tensor& ti = ctx.input_tensor(0);
  const Tensor& tw = ctx.input_tensor(1);
  const Tensor& to = ctx.output_tensor(0);
  const int64_t units = weights->type.shape[0], depth = weights->type.shape[1];
  const int64_t n = in->type.num_elements();
  if (depth <= 0 || n % depth != 0) return Status::error("input size is not a multiple of the depth");
  const RtTensor ri = rt(ti), rw = rt(tw), ro = rt(to);
  RtTensor rb;
  if (ctx.has_input(2)) rb = rt(ctx.input_tensor(2));
  XLITE_RETURN_IF_ERROR(check_conv_operands(ri, rw, ctx.has_input(2) ? &rb : nullptr, ro, static_cast<int32_t>(units)));
  ChannelQuant q;  // for the activation range
  channel_quant(ri, rw, ro, static_cast<int32_t>(units),
                static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0)), ScaleProduct::kDouble, &q);
  // scale[u] = input x weight / output, each widened to double (as the kernel).
  std::vector<uint8_t> scale_bytes(units * 8);
  for (int64_t u = 0; u < units; ++u) {
    const float ws = tw.quant.scale.size() == 1 ? tw.quant.scale[0] : tw.quant.scale[u];
    const double s = static_cast<double>(ri.scale()) * static_cast<double>(ws) / static_cast<double>(ro.scale());
    std::memcpy(scale_bytes.data() + 8 * u, &s, 8);
  }
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  const shlo::Value x = offset_input(b, b.reshape(in.value(), {n / depth, depth}), ri.zero_point(), *acc_t);
  const shlo::Value w = b.convert(weights.value(), *acc_t);
  const int64_t one[] = {1};
  shlo::Value acc = b.dot_general(x, w, {}, {}, one, one, {*acc_t, {n / depth, units}});
  Result<shlo::Value> biased = add_int_bias(ctx, acc);
  if (!biased.ok()) return biased.status();
  const auto& shape = biased->type.shape;
  const int64_t last = 1;
  shlo::Value scale = b.broadcast_in_dim(b.constant({DType::kFloat64, {units}}, scale_bytes), shape,
                                         std::span<const int64_t>(&last, 1));
  shlo::Value r = b.unary("stablehlo.round_nearest_afz", b.mul(b.convert(biased.value(), DType::kFloat64), scale));
  r = b.clamp(b.scalar(DType::kFloat64, -2147483648.0), r, b.scalar(DType::kFloat64, 2147483647.0));
  shlo::Value v = b.add(b.convert(r, DType::kInt64), b.splat(DType::kInt64, shape, ro.zero_point()));
  v = b.clamp(b.scalar(DType::kInt64, q.qmin), v, b.scalar(DType::kInt64, q.qmax));
  ctx.set_output(0, b.reshape(b.convert(v, out.dtype), out.shape));
  return ok_status();
}

Status lower_add_sub_integer(shlo::LowerContext& ctx, bool subtract) {
  const Tensor& t1 = ctx.input_tensor(0);
  const Tensor& t2 = ctx.input_tensor(1);
  const Tensor& to = ctx.output_tensor(0);
  const bool i16 = t1.dtype == DType::kInt16;
  for (const Tensor* t : {&t1, &t2, &to}) {
    if (t->dtype != DType::kInt8 && t->dtype != DType::kInt16)
      return Status::error("--quant=integer lowers int8 and int16 activations only (have " +
                           std::string(dtype_name(t->dtype)) + ")");
    if (t->quant.scale.size() != 1) return Status::error("tensor '" + t->name + "' needs one scale");
  }
  if (i16) {
    // The kernel's own checks (symmetric int16, which path).
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
    if (!st.ok()) return st.status();
    int la = 0, lb = 0, lo = 0;
    const bool pot = ctx.attrs().get_bool("pot_scale_int16", true) && quant::checked_log2(t1.quant.scale[0], &la) &&
                     quant::checked_log2(t2.quant.scale[0], &lb) && quant::checked_log2(to.quant.scale[0], &lo);
    if (pot) return lower_add_sub_int16_pot(ctx, subtract, la - lo, lb - lo);
  }
  Result<shlo::Value> a = ctx.input(0), b2 = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!b2.ok()) return b2.status();
  const RtTensor r1 = rt(t1), r2 = rt(t2), ro = rt(to);
  elementwise::AddSubParams p;
  elementwise::add_sub_params(r1, r2, ro, i16 ? 15 : 20, false, &p);
  int32_t lo, hi;
  quant::dtype_range(to.dtype, &lo, &hi);
  quant::activation_range_quantized(static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0)),
                                    ro.scale(), ro.zero_point(), lo, hi, &p.act_min, &p.act_max);
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  auto rescale = [&](const shlo::Value& q, int32_t offset, int32_t m, int s) {
    shlo::Value x = b.broadcast_to(shlo::to_i32_offset(b, q, -offset), out.shape);
    x = b.binary("stablehlo.shift_left", x, b.splat(DType::kInt32, out.shape, p.left_shift));
    return shlo::multiply_by_quantized_multiplier(b, x, {m}, {s});
  };
  const shlo::Value x1 = rescale(a.value(), p.in1_offset, p.in1_multiplier, p.in1_shift);
  const shlo::Value x2 = rescale(b2.value(), p.in2_offset, p.in2_multiplier, p.in2_shift);
  const shlo::Value sum = subtract ? b.sub(x1, x2) : b.add(x1, x2);
  ctx.set_output(0, shlo::requantize(b, sum, {p.out_multiplier}, {p.out_shift}, p.out_offset, p.act_min, p.act_max,
                                     out.dtype));
  return ok_status();
}

}  // namespace xlite::ops
