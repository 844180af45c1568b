// SPDX-License-Identifier: Apache-2.0
// BATCH_MATMUL: lhs [..., M, K] (adj_x: [..., K, M]) times rhs [..., K, N]
// (adj_y: [..., N, K]); leading batch dims broadcast NumPy-style. float32;
// int8 and int16 (zero points 0) with per-tensor quantization: acc = sum
// (l - zp_l)(r - zp_r) in int32 (int8) or int64 (int16), rescaled by
// s_l * s_r / s_out with the matching MultiplyByQuantizedMultiplier
// (TFLite batch_matmul.cc EvalInt8Int8 / EvalInt16, reference_ops::
// BatchMatMul with FullyConnectedParams).
#include <algorithm>

#include "ops/common/checks.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::batch_matmul {
namespace {

struct State : OpState {
  int32_t m, n, k;
  bool adj_x, adj_y;
  // For each output batch, the lhs and rhs batch it reads.
  std::vector<int64_t> lhs_batch, rhs_batch;
  int32_t multiplier = 0;
  int shift = 0;
};

// Batch index of an operand for output batch `ob`, under broadcasting.
int64_t operand_batch(const std::vector<int32_t>& out_b, const std::vector<int32_t>& op_b, int64_t ob) {
  std::vector<int32_t> idx(out_b.size());
  for (int d = static_cast<int>(out_b.size()) - 1; d >= 0; --d) {
    idx[d] = static_cast<int32_t>(ob % out_b[d]);
    ob /= out_b[d];
  }
  int64_t r = 0;
  const size_t off = out_b.size() - op_b.size();
  for (size_t d = 0; d < op_b.size(); ++d) r = r * op_b[d] + (op_b[d] == 1 ? 0 : idx[off + d]);
  return r;
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& l = *ctx.input(0);
  const RtTensor& r = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  if (l.rank() < 2 || r.rank() < 2) return Status::error("operands must have rank >= 2");
  State* s = ctx.make_state<State>();
  s->adj_x = ctx.attrs().get_bool("adj_x");
  s->adj_y = ctx.attrs().get_bool("adj_y");
  s->m = s->adj_x ? l.dim(-1) : l.dim(-2);
  s->k = s->adj_x ? l.dim(-2) : l.dim(-1);
  const int32_t rk = s->adj_y ? r.dim(-1) : r.dim(-2);
  s->n = s->adj_y ? r.dim(-2) : r.dim(-1);
  if (rk != s->k)
    return Status::error("contracting sizes differ: lhs " + shape_to_string(l.shape) + ", rhs " +
                         shape_to_string(r.shape));
  std::vector<int32_t> lb(l.shape.begin(), l.shape.end() - 2), rb(r.shape.begin(), r.shape.end() - 2);
  const size_t nb = std::max(lb.size(), rb.size());
  std::vector<int32_t> ob(nb);
  for (size_t d = 0; d < nb; ++d) {
    const int32_t a = d + lb.size() >= nb ? lb[d + lb.size() - nb] : 1;
    const int32_t b = d + rb.size() >= nb ? rb[d + rb.size() - nb] : 1;
    if (a != b && a != 1 && b != 1)
      return Status::error("batch dimensions of " + shape_to_string(l.shape) + " and " + shape_to_string(r.shape) +
                           " do not broadcast");
    ob[d] = std::max(a, b);
  }
  int64_t batches = 1;
  for (int32_t d : ob) batches *= d;
  s->lhs_batch.resize(batches);
  s->rhs_batch.resize(batches);
  for (int64_t b = 0; b < batches; ++b) {
    s->lhs_batch[b] = operand_batch(ob, lb, b);
    s->rhs_batch[b] = operand_batch(ob, rb, b);
  }
  out.shape = ob;
  out.shape.push_back(s->m);
  out.shape.push_back(s->n);
  out.dtype = l.dtype;
  switch (l.dtype) {
    case DType::kFloat32:
      return check::dtype(r, DType::kFloat32, "rhs");
    case DType::kInt8:
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(check::dtype(r, l.dtype, "rhs"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(l, "lhs"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(r, "rhs"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
      if (l.dtype == DType::kInt16 && (l.zero_point() != 0 || r.zero_point() != 0 || out.zero_point() != 0))
        return Status::error("int16 operands need zero points of 0");
      // GetQuantizedConvolutionMultipler (kernel_util.cc): the two scales
      // multiply in float, the division by the output scale is in double.
      quant::quantize_multiplier(static_cast<double>(l.scale() * r.scale()) / static_cast<double>(out.scale()),
                                 &s->multiplier, &s->shift);
      return ok_status();
    default:
      return check::unsupported_dtype(l, "lhs");
  }
}

namespace {

template <typename T, typename Acc, typename Finish>
void matmul(const State& s, const RtTensor& l, const RtTensor& r, Acc l_off, Acc r_off, T* y, Finish finish) {
  const T* lp = l.as<T>();
  const T* rp = r.as<T>();
  const int64_t lsz = static_cast<int64_t>(s.m) * s.k, rsz = static_cast<int64_t>(s.k) * s.n;
  for (size_t b = 0; b < s.lhs_batch.size(); ++b) {
    const T* lb = lp + s.lhs_batch[b] * lsz;
    const T* rb = rp + s.rhs_batch[b] * rsz;
    for (int32_t i = 0; i < s.m; ++i)
      for (int32_t j = 0; j < s.n; ++j) {
        Acc total = 0;
        for (int32_t p = 0; p < s.k; ++p) {
          const Acc a = static_cast<Acc>(s.adj_x ? lb[p * s.m + i] : lb[i * s.k + p]) + l_off;
          const Acc c = static_cast<Acc>(s.adj_y ? rb[j * s.k + p] : rb[p * s.n + j]) + r_off;
          total += a * c;
        }
        y[(b * s.m + i) * s.n + j] = finish(total);
      }
  }
}

}  // namespace

Status eval(KernelContext& ctx) {
  const RtTensor& l = *ctx.input(0);
  const RtTensor& r = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  if (l.dtype == DType::kFloat32) {
    matmul<float, float>(s, l, r, 0.0f, 0.0f, out.as<float>(), [](float v) { return v; });
  } else if (l.dtype == DType::kInt8) {
    const int32_t zp = out.zero_point();
    matmul<int8_t, int32_t>(s, l, r, -l.zero_point(), -r.zero_point(), out.as<int8_t>(), [&](int32_t acc) {
      const int32_t v = quant::multiply_by_quantized_multiplier(acc, s.multiplier, s.shift) + zp;
      return static_cast<int8_t>(std::min(std::max(v, -128), 127));
    });
  } else {
    // int64 accumulator: the 16-bit-multiplier requantization.
    matmul<int16_t, int64_t>(s, l, r, 0, 0, out.as<int16_t>(), [&](int64_t acc) {
      const int32_t v = quant::multiply_by_quantized_multiplier(acc, s.multiplier, s.shift);
      return static_cast<int16_t>(std::min(std::max(v, -32768), 32767));
    });
  }
  return ok_status();
}

}  // namespace xlite::ops::batch_matmul
