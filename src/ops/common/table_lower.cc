// SPDX-License-Identifier: Apache-2.0
#include "ops/common/table_lower.h"

#include <cstring>

namespace xlite::ops {
namespace {

// Runs the op's reference kernel with inputs 0 .. codes.size()-1 replaced
// by `codes` (n elements each, with the IR tensor's dtype and quantization)
// and the other inputs as in the IR (constants); returns output 0's bytes.
Result<std::vector<uint8_t>> eval_on(shlo::LowerContext& ctx, std::span<std::vector<uint8_t>> codes, int64_t n) {
  const Op& op = ctx.op();
  const Graph& g = ctx.graph();
  const OpKernel* kernel = find_kernel(op.kind);
  if (kernel == nullptr) return Status::error("no reference kernel to tabulate");
  std::vector<RtTensor> tensors(g.tensors.size());
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    if (!ctx.has_input(k)) continue;
    const Tensor& t = ctx.input_tensor(k);
    RtTensor& r = tensors[op.inputs[k]];
    if (k < static_cast<int>(codes.size())) {
      if (t.quant.scale.size() != 1)
        return Status::error("input " + std::to_string(k) + " ('" + t.name + "') needs one scale for --quant=integer");
      r = rt_tensor(t);
      r.constant = false;
      r.shape = {static_cast<int32_t>(n)};
      r.data = codes[k].data();
      r.bytes = codes[k].size();
      continue;
    }
    if (!t.is_constant()) return Status::error("input " + std::to_string(k) + " must be a constant to export");
    r = rt_tensor(t);
  }
  for (int32_t o : op.outputs) {
    if (o < 0) continue;
    tensors[o] = rt_tensor(g.tensors[o]);
    tensors[o].shape = {static_cast<int32_t>(n)};
  }
  std::unique_ptr<OpState> state;
  KernelContext kc(op, tensors, state, nullptr, nullptr, true);
  XLITE_RETURN_IF_ERROR(kernel->prepare(kc).with_context("tabulating the kernel: "));
  RtTensor& out = tensors[op.outputs[0]];
  const std::optional<int64_t> bytes = dtype_storage_bytes(out.dtype, out.num_elements());
  if (!bytes || out.num_elements() != n) return Status::error("the tabulated kernel's output is not elementwise");
  std::vector<uint8_t> result(*bytes);
  out.data = result.data();
  out.bytes = result.size();
  XLITE_RETURN_IF_ERROR(kernel->eval(kc).with_context("tabulating the kernel: "));
  return result;
}

// All codes of t in increasing order, as t's little-endian bytes; `repeat`
// repeats each code, `tile` repeats the whole sequence.
std::vector<uint8_t> all_codes(DType t, int64_t count, int64_t repeat, int64_t tile) {
  const int64_t w = t == DType::kInt16 ? 2 : 1;
  std::vector<uint8_t> out;
  out.reserve(count * repeat * tile * w);
  const int32_t lo = lowest_code(t);
  for (int64_t i = 0; i < tile; ++i)
    for (int64_t c = 0; c < count; ++c)
      for (int64_t r = 0; r < repeat; ++r) {
        const int32_t v = lo + static_cast<int32_t>(c);
        const uint8_t* p = reinterpret_cast<const uint8_t*>(&v);  // little-endian low bytes
        out.insert(out.end(), p, p + w);
      }
  return out;
}

Status check_per_tensor(const Tensor& t) {
  if (t.quant.scale.size() != 1 || t.quant.zero_point.size() > 1)
    return Status::error("tensor '" + t.name + "' needs per-tensor quantization for --quant=integer");
  return ok_status();
}

}  // namespace

bool integer_quant(const shlo::LowerContext& ctx, int k) {
  return ctx.options().quant == shlo::QuantMode::kInteger && ctx.has_input(k) &&
         ctx.input_tensor(k).quant.is_quantized();
}

RtTensor rt_tensor(const Tensor& t) {
  RtTensor r;
  r.dtype = t.dtype;
  r.shape = t.shape;
  r.quant = &t.quant;
  r.ir = &t;
  r.constant = t.is_constant();
  if (r.constant) {
    r.data = const_cast<uint8_t*>(t.data.data());  // kernels only read inputs
    r.bytes = t.data.size();
  }
  return r;
}

Result<std::unique_ptr<OpState>> prepare_reference(shlo::LowerContext& ctx, PrepareFn prepare) {
  const Op& op = ctx.op();
  const Graph& g = ctx.graph();
  if (prepare == nullptr) {
    const OpKernel* kernel = find_kernel(op.kind);
    if (kernel == nullptr) return Status::error("no reference kernel to prepare");
    prepare = kernel->prepare;
  }
  std::vector<RtTensor> tensors(g.tensors.size());
  for (int32_t t : op.inputs)
    if (t >= 0) tensors[t] = rt_tensor(g.tensors[t]);
  for (int32_t t : op.outputs)
    if (t >= 0) tensors[t] = rt_tensor(g.tensors[t]);
  std::unique_ptr<OpState> state;
  KernelContext kc(op, tensors, state, nullptr, nullptr, true);
  XLITE_RETURN_IF_ERROR(prepare(kc));
  return state;
}

Result<int64_t> code_count(DType t) {
  switch (t) {
    case DType::kInt8:
    case DType::kUInt8: return int64_t{256};
    case DType::kInt16: return int64_t{65536};
    default: return Status::error("--quant=integer has no table lowering for " + std::string(dtype_name(t)));
  }
}

int32_t lowest_code(DType t) {
  switch (t) {
    case DType::kInt8: return -128;
    case DType::kInt16: return -32768;
    default: return 0;
  }
}

shlo::Value lookup(shlo::Builder& b, const shlo::Value& codes, const shlo::Value& table) {
  const shlo::Value idx = shlo::to_i32_offset(b, codes, lowest_code(codes.type.dtype));
  return shlo::gather_axis(b, table, idx, 0);
}

shlo::Value per_element(shlo::Builder& b, std::span<const double> values, DType t, const std::vector<int64_t>& shape,
                        int64_t axis) {
  if (values.size() == 1) return b.splat(t, shape, values[0]);
  const int64_t n = static_cast<int64_t>(values.size());
  const size_t w = static_cast<size_t>(dtype_storage_bytes(t, 1).value_or(4));
  std::vector<uint8_t> bytes(n * w);
  for (int64_t i = 0; i < n; ++i) {
    if (t == DType::kFloat32) {
      const float v = static_cast<float>(values[i]);
      std::memcpy(bytes.data() + 4 * i, &v, 4);
    } else if (t == DType::kFloat64) {
      std::memcpy(bytes.data() + 8 * i, &values[i], 8);
    } else if (t == DType::kInt64) {
      const int64_t v = static_cast<int64_t>(values[i]);
      std::memcpy(bytes.data() + 8 * i, &v, 8);
    } else {
      const int32_t v = static_cast<int32_t>(values[i]);
      std::memcpy(bytes.data() + 4 * i, &v, 4);
    }
  }
  return b.broadcast_in_dim(b.constant({t, {n}}, bytes), shape, std::span<const int64_t>(&axis, 1));
}

Status lower_unary_by_table(shlo::LowerContext& ctx) {
  const Tensor& ti = ctx.input_tensor(0);
  XLITE_RETURN_IF_ERROR(check_per_tensor(ti));
  Result<int64_t> n = code_count(ti.dtype);
  if (!n.ok()) return n.status();
  Result<shlo::Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  std::vector<uint8_t> codes[] = {all_codes(ti.dtype, *n, 1, 1)};
  Result<std::vector<uint8_t>> table = eval_on(ctx, codes, *n);
  if (!table.ok()) return table.status();
  const shlo::TType out = ctx.output_type(0);
  if (ctx.output_tensor(0).dtype != out.dtype) return Status::error("the output type differs from the kernel's");
  const shlo::Value t = ctx.b.constant({out.dtype, {*n}}, table.value());
  ctx.set_output(0, lookup(ctx.b, in.value(), t));
  return ok_status();
}

Status lower_binary_by_table(shlo::LowerContext& ctx, std::optional<int32_t> excluded_b) {
  const Tensor& ta = ctx.input_tensor(0);
  const Tensor& tb = ctx.input_tensor(1);
  for (const Tensor* t : {&ta, &tb}) {
    XLITE_RETURN_IF_ERROR(check_per_tensor(*t));
    if (t->dtype != DType::kInt8 && t->dtype != DType::kUInt8)
      return Status::error("--quant=integer lowers this op for int8 and uint8 only (have " +
                           std::string(dtype_name(t->dtype)) + ")");
  }
  Result<shlo::Value> a = ctx.input(0), bv = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!bv.ok()) return bv.status();
  // Entry 256 * (a - lowest) + (b - lowest): a varies slowest.
  std::vector<uint8_t> codes[] = {all_codes(ta.dtype, 256, 256, 1), all_codes(tb.dtype, 256, 1, 256)};
  const int32_t lo_b = lowest_code(tb.dtype);
  // The excluded code is tabulated as a neighbour, then overwritten.
  if (excluded_b) {
    if (*excluded_b < lo_b || *excluded_b > lo_b + 255) return Status::error("the excluded code is out of range");
    const uint8_t stand_in = static_cast<uint8_t>(*excluded_b == lo_b + 255 ? *excluded_b - 1 : *excluded_b + 1);
    for (int64_t i = *excluded_b - lo_b; i < 65536; i += 256) codes[1][i] = stand_in;
  }
  Result<std::vector<uint8_t>> table = eval_on(ctx, codes, 65536);
  if (!table.ok()) return table.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  if (out.dtype != DType::kInt8 && out.dtype != DType::kUInt8) return Status::error("the output must be 8-bit");
  if (excluded_b) {
    const uint8_t zp = static_cast<uint8_t>(ctx.output_tensor(0).quant.zero_point.empty()
                                                ? 0 : ctx.output_tensor(0).quant.zero_point[0]);
    for (int64_t i = *excluded_b - lo_b; i < 65536; i += 256) table.value()[i] = zp;
  }
  const shlo::Value t = b.constant({out.dtype, {65536}}, table.value());
  const shlo::Value ia = shlo::to_i32_offset(b, b.broadcast_to(a.value(), out.shape), lowest_code(ta.dtype));
  const shlo::Value ib = shlo::to_i32_offset(b, b.broadcast_to(bv.value(), out.shape), lowest_code(tb.dtype));
  const shlo::Value idx = b.add(b.mul(ia, b.splat(DType::kInt32, out.shape, 256)), ib);
  ctx.set_output(0, shlo::gather_axis(b, t, idx, 0));
  return ok_status();
}

}  // namespace xlite::ops
