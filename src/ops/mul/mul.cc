// SPDX-License-Identifier: Apache-2.0
// MUL: a * b with NumPy broadcasting and a fused activation.
// float32, int32, int64, unquantized int16; int8, uint8 and symmetric int16
// requantized as in TFLite mul.cc. Outside --reference-kernels, int8 runs a
// vectorised kernel (src/kernels/mul_i8.h, bit-exact with the reference)
// and uint8 (or an int8 MUL whose shifts the kernel cannot take) looks each
// output up in a table of all pairs of codes built with the reference's
// arithmetic (code_table.h).
#include "ops/mul/mul_ref.h"

#include <cstring>
#include <vector>

#include "kernels/kernels.h"
#include "ops/common/code_table.h"

#include "ops/common/checks.h"
#include "ops/common/binary_f32.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::mul {
namespace {

struct State : OpState {
  bcast::Map map;
  float fmin = 0, fmax = 0;
  elementwise::BinaryF32 fast;  // float32 outside --reference-kernels
  int64_t imin = 0, imax = 0;
  bool quantized = false;
  ref::MulParams q;
  std::vector<uint8_t> table;  // int8/uint8; empty runs the reference
  const kernels::MulI8Kernel* kernel = nullptr;  // int8
  kernels::MulI8Params kp;
  // With the kernel: which input (0 or 1) is a row vector of `period`
  // elements repeated along the other's rows, -1 if none; `tile` holds it
  // repeated, refilled at each eval.
  int tiled_input = -1;
  int64_t period = 0;
  std::vector<int8_t> tile;
};

// int8 MUL whose one operand is a vector repeated along the rows of the
// other (squeeze-excite's [1,H,W,C] * [1,1,1,C]): the vector is tiled at
// eval to about kTileBytes, so one kernel call covers many rows instead of
// one call (and one tail) per row of C.
constexpr int64_t kTileBytes = 4096;

// The kernel over m's part of the walk: through the tiled row vector when
// there is one, else over each run of the innermost dimension.
void run_kernel(const State& s, const bcast::Map& m, const int8_t* a, const int8_t* b, int8_t* out) {
  if (s.tiled_input < 0) {
    bcast::for_each_run(m, [&](int64_t i, int64_t ia, int64_t ib, int64_t n) {
      s.kernel->run(s.kp, a + ia, m.it_a[m.it_rank - 1], b + ib, m.it_b[m.it_rank - 1], out + i, n);
    });
    return;
  }
  const int64_t period = s.period, tile = static_cast<int64_t>(s.tile.size());
  const int64_t end = m.end < 0 ? m.size : std::min(m.end, m.size);
  for (int64_t i = std::max<int64_t>(m.begin, 0); i < end;) {
    const int64_t off = i % period;
    const int64_t n = std::min(end - i, tile - off);
    if (s.tiled_input == 1)
      s.kernel->run(s.kp, a + i, 1, s.tile.data() + off, 1, out + i, n);
    else
      s.kernel->run(s.kp, s.tile.data() + off, 1, b + i, 1, out + i, n);
    i += n;
  }
}

template <typename T>
void eval_plain(const State& s, const bcast::Map& m, const RtTensor& a, const RtTensor& b, RtTensor& out) {
  ref::mul<T>(m, a.as<T>(), b.as<T>(), static_cast<T>(s.imin), static_cast<T>(s.imax), out.as<T>());
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
    case DType::kFloat32:
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      s->fast.init(ctx, kernels::BinaryF32Op::kMul, s->fmin, s->fmax);
      return ok_status();
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
    const bcast::Map& m = s->map;
    const int r = m.it_rank;
    // The kernel steps each input by 0 or 1.
    const int64_t sa = m.it_a[r - 1], sb = m.it_b[r - 1];
    if ((sa != 0 && sa != 1) || (sb != 0 && sb != 1)) s->kernel = nullptr;
    const int64_t c = m.it_shape[r - 1];
    if (s->kernel && r == 2 && sa == 1 && sb == 1 && c > 0 && c < kTileBytes) {
      if (m.it_a[0] == c && m.it_b[0] == 0) s->tiled_input = 1;
      if (m.it_a[0] == 0 && m.it_b[0] == c) s->tiled_input = 0;
      if (s->tiled_input >= 0) {
        s->period = c;
        s->tile.resize(static_cast<size_t>(c * (kTileBytes / c)));
      }
    }
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

namespace {

// The outputs in m's part of the walk (elementwise::parallel_map).
void eval_part(const State& s, const bcast::Map& m, const RtTensor& a, const RtTensor& b, RtTensor& out) {
  switch (a.dtype) {
    case DType::kFloat32:
      ref::mul<float>(m, a.as<float>(), b.as<float>(), s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt32: eval_plain<int32_t>(s, m, a, b, out); break;
    case DType::kInt64: eval_plain<int64_t>(s, m, a, b, out); break;
    case DType::kInt16:
      if (s.quantized)
        ref::mul_quantized<int16_t>(m, a.as<int16_t>(), b.as<int16_t>(), s.q, out.as<int16_t>());
      else
        eval_plain<int16_t>(s, m, a, b, out);
      break;
    case DType::kInt8:
      if (s.kernel) {
        run_kernel(s, m, a.as<int8_t>(), b.as<int8_t>(), out.as<int8_t>());
        break;
      }
      if (!s.table.empty()) {
        code_table::apply_pair(m, s.table, a.as<int8_t>(), b.as<int8_t>(), out.as<int8_t>());
        break;
      }
      ref::mul_quantized<int8_t>(m, a.as<int8_t>(), b.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      if (!s.table.empty()) {
        code_table::apply_pair(m, s.table, a.as<uint8_t>(), b.as<uint8_t>(), out.as<uint8_t>());
        break;
      }
      ref::mul_quantized<uint8_t>(m, a.as<uint8_t>(), b.as<uint8_t>(), s.q, out.as<uint8_t>());
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
  State& s = *ctx.state<State>();
  if (s.tiled_input >= 0) {  // before the threads start: they only read it
    const int8_t* row = (s.tiled_input == 0 ? a : b).as<int8_t>();
    for (size_t i = 0; i < s.tile.size(); i += static_cast<size_t>(s.period))
      std::memcpy(s.tile.data() + i, row, static_cast<size_t>(s.period));
  }
  if (s.fast.kernel) {
    s.fast.run(ctx, s.map, a.as<float>(), b.as<float>(), out.as<float>());
    return ok_status();
  }
  elementwise::parallel_map(ctx, s.map, [&](const bcast::Map& m) { eval_part(s, m, a, b, out); });
  return ok_status();
}

}  // namespace xlite::ops::mul
