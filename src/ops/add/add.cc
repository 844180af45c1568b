// SPDX-License-Identifier: Apache-2.0
// ADD: a + b with NumPy broadcasting and a fused activation.
// float32, int32, int64, unquantized int16; int8 and uint8 requantized as in
// TFLite add.cc; int16x8 (symmetric int16) with the general-scale path
// (left_shift 15) or, when pot_scale_int16 is set and every scale is a power
// of two, the power-of-two path. int8 and uint8 outside --reference-kernels
// look each output up in a table of all 256 x 256 input pairs, built at
// prepare with the reference's arithmetic (exact by construction;
// code_table.h).
#include "ops/add/add_ref.h"

#include <vector>

#include "ops/common/code_table.h"

#include "ops/common/checks.h"
#include "ops/common/binary_f32.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::add {
namespace {

struct State : OpState {
  bcast::Map map;
  float fmin = 0, fmax = 0;
  elementwise::BinaryF32 fast;  // float32 outside --reference-kernels
  int64_t imin = 0, imax = 0;
  bool quantized = false;
  bool pot = false;
  elementwise::AddSubParams q;
  // int8/uint8: table[uint8(a) * 256 + uint8(b)]; empty runs the reference.
  std::vector<uint8_t> table;
};

// The reference's add_quantized_one over every pair of codes, with each
// input's rescale (the same for every partner) computed once.
template <typename T>
void build_table(State* s) {
  const elementwise::AddSubParams& p = s->q;
  int32_t r1[256], r2[256];
  for (int32_t v = 0; v < 256; ++v) {
    const int32_t code = code_table::code_at<T>(v);
    r1[v] = elementwise::add_sub_rescale(code, p.in1_offset, p.left_shift, p.in1_multiplier, p.in1_shift);
    r2[v] = elementwise::add_sub_rescale(code, p.in2_offset, p.left_shift, p.in2_multiplier, p.in2_shift);
  }
  s->table.resize(256 * 256);
  for (int32_t x = 0; x < 256; ++x)
    for (int32_t y = 0; y < 256; ++y) {
      const int32_t raw = quant::multiply_by_quantized_multiplier(r1[x] + r2[y], p.out_multiplier, p.out_shift) +
                          p.out_offset;
      s->table[x * 256 + y] = static_cast<uint8_t>(static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw))));
    }
}

template <typename T>
void eval_plain(const State& s, const bcast::Map& m, const RtTensor& a, const RtTensor& b, RtTensor& out) {
  ref::add<T>(m, a.as<T>(), b.as<T>(), static_cast<T>(s.imin), static_cast<T>(s.imax), out.as<T>());
}

Status prepare_int16(KernelContext& ctx, State* s) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  const RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(a, "input 1"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(b, "input 2"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  // add.cc: int16 is symmetric on both paths.
  if (a.zero_point() != 0 || b.zero_point() != 0 || out.zero_point() != 0)
    return Status::error("int16 ADD needs zero points of 0");
  int la = 0, lb = 0, lo = 0;
  s->pot = ctx.attrs().get_bool("pot_scale_int16", true) && quant::checked_log2(a.scale(), &la) &&
           quant::checked_log2(b.scale(), &lb) && quant::checked_log2(out.scale(), &lo);
  if (s->pot) {
    s->q.in1_shift = la - lo;
    s->q.in2_shift = lb - lo;
    if ((s->q.in1_shift != 0 && s->q.in2_shift != 0) || s->q.in1_shift > 0 || s->q.in2_shift > 0)
      return Status::error("power-of-two int16 ADD can only shift one input right");
    // TFLite's power-of-two path has no broadcasting.
    if (a.shape != b.shape) return Status::error("power-of-two int16 ADD with broadcasting is not supported yet");
  } else {
    elementwise::add_sub_params(a, b, out, 15, false, &s->q);
  }
  return ok_status();
}

}  // namespace

Status prepare(KernelContext& ctx) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(elementwise::prepare_binary(ctx, &s->map));
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  const RtTensor& out = ctx.output(0);
  const int act = elementwise::fused_activation(ctx);
  switch (a.dtype) {
    case DType::kFloat32:
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      s->fast.init(ctx, kernels::BinaryF32Op::kAdd, s->fmin, s->fmax);
      return ok_status();
    case DType::kInt32: {
      int32_t lo, hi;
      elementwise::activation_range_int(act, &lo, &hi);
      s->imin = lo, s->imax = hi;
      return ok_status();
    }
    case DType::kInt64:
      elementwise::activation_range_int(act, &s->imin, &s->imax);
      return ok_status();
    case DType::kInt16:
      if (!elementwise::is_quantized(out)) {
        int16_t lo, hi;
        elementwise::activation_range_int(act, &lo, &hi);
        s->imin = lo, s->imax = hi;
        return ok_status();
      }
      s->quantized = true;
      XLITE_RETURN_IF_ERROR(prepare_int16(ctx, s));
      break;
    case DType::kInt8:
    case DType::kUInt8:
      s->quantized = true;
      XLITE_RETURN_IF_ERROR(elementwise::check_quantized(a, "input 1"));
      XLITE_RETURN_IF_ERROR(elementwise::check_quantized(b, "input 2"));
      XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
      elementwise::add_sub_params(a, b, out, 20, false, &s->q);
      break;
    default:
      return check::unsupported_dtype(a, "input");
  }
  int32_t lo, hi;
  quant::dtype_range(out.dtype, &lo, &hi);
  quant::activation_range_quantized(act, out.scale(), out.zero_point(), lo, hi, &s->q.act_min, &s->q.act_max);
  if (!ctx.reference_only() && out.num_elements() >= code_table::kPairTableMinElements) {
    if (a.dtype == DType::kInt8) build_table<int8_t>(s);
    if (a.dtype == DType::kUInt8) build_table<uint8_t>(s);
  }
  return ok_status();
}

namespace {

// The outputs in m's part of the walk (elementwise::parallel_map).
void eval_part(const State& s, const bcast::Map& m, const RtTensor& a, const RtTensor& b, RtTensor& out) {
  switch (a.dtype) {
    case DType::kFloat32:
      ref::add<float>(m, a.as<float>(), b.as<float>(), s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt32: eval_plain<int32_t>(s, m, a, b, out); break;
    case DType::kInt64: eval_plain<int64_t>(s, m, a, b, out); break;
    case DType::kInt16:
      if (!s.quantized)
        eval_plain<int16_t>(s, m, a, b, out);
      else if (s.pot)
        ref::add_int16_pot(m, a.as<int16_t>(), b.as<int16_t>(), s.q.in1_shift, s.q.in2_shift, s.q.act_min,
                           s.q.act_max, out.as<int16_t>());
      else
        ref::add_quantized<int16_t>(m, a.as<int16_t>(), b.as<int16_t>(), s.q, out.as<int16_t>());
      break;
    case DType::kInt8:
      if (!s.table.empty()) {
        code_table::apply_pair(m, s.table, a.as<int8_t>(), b.as<int8_t>(), out.as<int8_t>());
        break;
      }
      ref::add_quantized<int8_t>(m, a.as<int8_t>(), b.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      if (!s.table.empty()) {
        code_table::apply_pair(m, s.table, a.as<uint8_t>(), b.as<uint8_t>(), out.as<uint8_t>());
        break;
      }
      ref::add_quantized<uint8_t>(m, a.as<uint8_t>(), b.as<uint8_t>(), s.q, out.as<uint8_t>());
      break;
    default:
      break;  // prepare refused it
  }
}

}  // namespace

Status eval(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  if (s.fast.kernel) {
    s.fast.run(ctx, s.map, a.as<float>(), b.as<float>(), out.as<float>());
    return ok_status();
  }
  elementwise::parallel_map(ctx, s.map, [&](const bcast::Map& m) { eval_part(s, m, a, b, out); });
  return ok_status();
}

}  // namespace xlite::ops::add
