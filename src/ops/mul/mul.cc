// SPDX-License-Identifier: Apache-2.0
// MUL: a * b with NumPy broadcasting and a fused activation.
// float32, int32, int64, unquantized int16; int8, uint8 and symmetric int16
// requantized as in TFLite mul.cc. Outside --reference-kernels, int8 runs a
// vectorised kernel (src/kernels/mul_i8.h, bit-exact with the reference)
// and uint8 (or an int8 MUL whose shifts the kernel cannot take) looks each
// output up in a table of all pairs of codes built with the reference's
// arithmetic (code_table.h).
#include "ops/mul/mul_ref.h"

#include "kernels/kernels.h"
#include "ops/common/code_table.h"

#include "ops/common/checks.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::mul {
namespace {

struct State : OpState {
  bcast::Map map;
  float fmin = 0, fmax = 0;
  int64_t imin = 0, imax = 0;
  bool quantized = false;
  ref::MulParams q;
  std::vector<uint8_t> table;  // int8/uint8; empty runs the reference
  const kernels::MulI8Kernel* kernel = nullptr;  // int8
  kernels::MulI8Params kp;
};

// The kernel over each run of the broadcast walk's innermost dimension
// (inputs stepping by 0 or 1 there; else false and nothing is done).
bool run_kernel(const State& s, const int8_t* a, const int8_t* b, int8_t* out) {
  const bcast::Map& m = s.map;
  if (m.size <= 0) return true;
  const int r = m.it_rank;
  const int64_t sa = m.it_a[r - 1], sb = m.it_b[r - 1];
  if ((sa != 0 && sa != 1) || (sb != 0 && sb != 1)) return false;
  const int32_t inner = m.it_shape[r - 1];
  std::array<int32_t, bcast::kMaxRank> coord{};
  int64_t ia = 0, ib = 0;
  for (int64_t i = 0; i < m.size; i += inner) {
    s.kernel->run(s.kp, a + ia, sa, b + ib, sb, out + i, inner);
    for (int d = r - 2; d >= 0; --d) {
      if (++coord[d] < m.it_shape[d]) {
        ia += m.it_a[d];
        ib += m.it_b[d];
        break;
      }
      coord[d] = 0;
      ia -= m.it_a[d] * (m.it_shape[d] - 1);
      ib -= m.it_b[d] * (m.it_shape[d] - 1);
    }
  }
  return true;
}

template <typename T>
void eval_plain(const State& s, const RtTensor& a, const RtTensor& b, RtTensor& out) {
  ref::mul<T>(s.map, a.as<T>(), b.as<T>(), static_cast<T>(s.imin), static_cast<T>(s.imax), out.as<T>());
}

template <typename T>
void set_int_range(int act, State* s) {
  T lo, hi;
  elementwise::activation_range_int(act, &lo, &hi);
  s->imin = lo, s->imax = hi;
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
    case DType::kFloat32: quant::activation_range_float(act, &s->fmin, &s->fmax); return ok_status();
    case DType::kInt32: set_int_range<int32_t>(act, s); return ok_status();
    case DType::kInt64: set_int_range<int64_t>(act, s); return ok_status();
    case DType::kInt16:
      if (!elementwise::is_quantized(out)) {
        set_int_range<int16_t>(act, s);
        return ok_status();
      }
      // mul.cc: int16 products of offset inputs could overflow int32, so
      // int16 MUL is symmetric only.
      if (a.zero_point() != 0 || b.zero_point() != 0 || out.zero_point() != 0)
        return Status::error("int16 MUL needs zero points of 0");
      break;
    case DType::kInt8:
    case DType::kUInt8: break;
    default: return check::unsupported_dtype(a, "input");
  }
  s->quantized = true;
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(a, "input 1"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(b, "input 2"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  s->q.in1_offset = -a.zero_point();
  s->q.in2_offset = -b.zero_point();
  s->q.out_offset = out.zero_point();
  // mul.cc computes s1 * s2 / so in float before widening to double; the
  // rounding of that float product decides some multipliers.
  const float real = a.scale() * b.scale() / out.scale();
  quant::quantize_multiplier(static_cast<double>(real), &s->q.multiplier, &s->q.shift);
  int32_t lo, hi;
  quant::dtype_range(out.dtype, &lo, &hi);
  quant::activation_range_quantized(act, out.scale(), out.zero_point(), lo, hi, &s->q.act_min, &s->q.act_max);
  const ref::MulParams& q = s->q;
  if (!ctx.reference_only() && a.dtype == DType::kInt8 && q.multiplier != INT32_MIN && q.shift <= 31 &&
      q.shift >= -31 && q.in1_offset >= -255 && q.in1_offset <= 255 && q.in2_offset >= -255 && q.in2_offset <= 255 &&
      q.out_offset >= -255 && q.out_offset <= 255) {
    s->kernel = kernels::select<kernels::MulI8Kernel>().kernel;
    s->kp = {q.in1_offset, q.in2_offset, q.multiplier, std::max(q.shift, 0), std::max(-q.shift, 0),
             q.out_offset, q.act_min, q.act_max};
  }
  if (!ctx.reference_only() && !s->kernel && out.num_elements() >= code_table::kPairTableMinElements) {
    if (a.dtype == DType::kInt8)
      code_table::build_pair<int8_t>([&q](int8_t x, int8_t y) { return ref::mul_quantized_one(x, y, q); }, &s->table);
    if (a.dtype == DType::kUInt8)
      code_table::build_pair<uint8_t>([&q](uint8_t x, uint8_t y) { return ref::mul_quantized_one(x, y, q); },
                                      &s->table);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (a.dtype) {
    case DType::kFloat32:
      ref::mul<float>(s.map, a.as<float>(), b.as<float>(), s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt32: eval_plain<int32_t>(s, a, b, out); break;
    case DType::kInt64: eval_plain<int64_t>(s, a, b, out); break;
    case DType::kInt16:
      if (s.quantized)
        ref::mul_quantized<int16_t>(s.map, a.as<int16_t>(), b.as<int16_t>(), s.q, out.as<int16_t>());
      else
        eval_plain<int16_t>(s, a, b, out);
      break;
    case DType::kInt8:
      if (s.kernel && run_kernel(s, a.as<int8_t>(), b.as<int8_t>(), out.as<int8_t>())) break;
      if (!s.table.empty()) {
        code_table::apply_pair(s.map, s.table, a.as<int8_t>(), b.as<int8_t>(), out.as<int8_t>());
        break;
      }
      ref::mul_quantized<int8_t>(s.map, a.as<int8_t>(), b.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      if (!s.table.empty()) {
        code_table::apply_pair(s.map, s.table, a.as<uint8_t>(), b.as<uint8_t>(), out.as<uint8_t>());
        break;
      }
      ref::mul_quantized<uint8_t>(s.map, a.as<uint8_t>(), b.as<uint8_t>(), s.q, out.as<uint8_t>());
      break;
    default:
      return check::unsupported_dtype(a, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::mul
