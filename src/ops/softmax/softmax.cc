// SPDX-License-Identifier: Apache-2.0
// SOFTMAX (beta) over the last dimension. float32; int8 -> int8/int16 and
// uint8 -> uint8/int16 with TFLite's reference fixed-point kernel; int16 ->
// int16 with TFLite's table kernel (ref::softmax_int16). When
// beta x input scale is too small for that kernel's Q5.26 multiplier
// (LiteRT's reference aborts in Prepare there), int8/uint8 -> same-type
// outputs use the table kernel LiteRT's optimized resolver runs instead
// (ref::softmax_table).
#include <cmath>

#include "ops/common/checks.h"
#include "ops/common/fixed_point.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"
#include "ops/softmax/softmax_ref.h"

namespace xlite::ops::softmax {
namespace {

// The input scale times beta, as Q5.26 multiplier (kScaledDiffIntegerBits).
constexpr int kScaledDiffIntegerBits = 5;

struct State : OpState {
  bool table = false;  // use the float exp table (see above)
  float exp_table[256] = {};
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  int32_t diff_min = 0;
  ref::SoftmaxInt16Tables tables16;  // int16 only
};

Status check_output_quant(const RtTensor& out, int32_t zero_point, float scale) {
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
  // SoftmaxPrepare accepts the scale within 0.1% (TF_LITE_ENSURE_NEAR).
  if (out.zero_point() != zero_point || std::abs(out.scale() - scale) > 0.001f * scale)
    return Status::error("output must have scale " + std::to_string(scale) + " and zero point " +
                         std::to_string(zero_point) + ", has " + std::to_string(out.scale()) + " and " +
                         std::to_string(out.zero_point()));
  return ok_status();
}

// SoftmaxPrepare, int16: zero points 0, output scale 1/32768; the input
// difference rescaled by input_scale * beta (a float product) / (10 / 65535).
Status prepare_int16(KernelContext& ctx, const RtTensor& in, RtTensor& out) {
  out.dtype = DType::kInt16;
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
  if (in.zero_point() != 0) return Status::error("int16 input needs zero point 0");
  XLITE_RETURN_IF_ERROR(check_output_quant(out, 0, 1.0f / 32768));
  // The sum of the exps (each < 2^15) must fit in an int32.
  if (in.dim(-1) > 65536) return Status::error("an int16 softmax over more than 65536 values is not supported yet");
  State* s = ctx.make_state<State>();
  const float beta = static_cast<float>(ctx.attrs().get_float("beta", 1.0));
  quant::quantize_multiplier(static_cast<double>(in.scale() * beta) / (10.0 / 65535.0), &s->input_multiplier,
                             &s->input_left_shift);
  ref::softmax_int16_tables(&s->tables16);
  return ok_status();
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (in.rank() < 1) return Status::error("input must have rank >= 1");
  out.shape = in.shape;
  if (in.dtype == DType::kFloat32) {
    out.dtype = in.dtype;
    return ok_status();
  }
  if (in.dtype == DType::kInt16) return prepare_int16(ctx, in, out);
  if (in.dtype != DType::kInt8 && in.dtype != DType::kUInt8) return check::unsupported_dtype(in, "input");
  // The output tensor's declared type decides the output width.
  const DType want = out.ir && out.ir->dtype == DType::kInt16 ? DType::kInt16 : in.dtype;
  out.dtype = want;
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
  if (want == DType::kInt8) XLITE_RETURN_IF_ERROR(check_output_quant(out, -128, 1.0f / 256));
  if (want == DType::kUInt8) XLITE_RETURN_IF_ERROR(check_output_quant(out, 0, 1.0f / 256));
  State* s = ctx.make_state<State>();
  const double beta = static_cast<double>(static_cast<float>(ctx.attrs().get_float("beta", 1.0)));
  if (!fixed::preprocess_softmax_scaling(beta, static_cast<double>(in.scale()), kScaledDiffIntegerBits,
                                         &s->input_multiplier, &s->input_left_shift)) {
    if (want == DType::kInt16) return Status::error("beta * input scale is too small for the quantized softmax");
    s->table = true;
    ref::softmax_exp_table(in.scale(), static_cast<float>(beta), s->exp_table);
    return ok_status();
  }
  s->diff_min = -fixed::calculate_input_radius(kScaledDiffIntegerBits, s->input_left_shift);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int32_t depth = in.dim(-1);
  const int64_t rows = depth ? in.num_elements() / depth : 0;
  if (in.dtype == DType::kFloat32) {
    ref::softmax_float(rows, depth, static_cast<float>(ctx.attrs().get_float("beta", 1.0)), in.as<float>(),
                       out.as<float>());
    return ok_status();
  }
  const State& s = *ctx.state<State>();
  if (in.dtype == DType::kInt16) {
    ref::softmax_int16(rows, depth, s.input_multiplier, s.input_left_shift, s.tables16, in.as<int16_t>(),
                       out.as<int16_t>());
    return ok_status();
  }
  if (s.table) {
    if (in.dtype == DType::kInt8) {
      ref::softmax_table(rows, depth, s.exp_table, out.scale(), out.zero_point(), in.as<int8_t>(), out.as<int8_t>());
    } else {
      ref::softmax_table(rows, depth, s.exp_table, out.scale(), out.zero_point(), in.as<uint8_t>(), out.as<uint8_t>());
    }
    return ok_status();
  }
  const auto run = [&](auto* input, auto* output) {
    ref::softmax_quantized(rows, depth, s.input_multiplier, s.input_left_shift, s.diff_min, input, output);
  };
  if (in.dtype == DType::kInt8 && out.dtype == DType::kInt8) run(in.as<int8_t>(), out.as<int8_t>());
  else if (in.dtype == DType::kInt8) run(in.as<int8_t>(), out.as<int16_t>());
  else if (out.dtype == DType::kUInt8) run(in.as<uint8_t>(), out.as<uint8_t>());
  else run(in.as<uint8_t>(), out.as<int16_t>());
  return ok_status();
}

}  // namespace xlite::ops::softmax
