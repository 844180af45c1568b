// SPDX-License-Identifier: Apache-2.0
#include "ops/common/index_trace.h"

#include <cstring>
#include <limits>
#include <memory>

#include "ops/kernel.h"

namespace xlite::ops {

Status lower_by_index_trace(shlo::LowerContext& ctx, double pad_value) {
  const Op& op = ctx.op();
  const Graph& g = ctx.graph();
  const OpKernel* kernel = find_kernel(op.kind);
  if (kernel == nullptr) return Status::error("no reference kernel to trace");
  Result<shlo::Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const int64_t n = in->type.num_elements();
  if (n >= std::numeric_limits<int32_t>::max()) return Status::error("input too large to trace");

  static const Quantization kNone;
  std::vector<RtTensor> tensors(g.tensors.size());
  std::vector<int32_t> iota(n);
  for (int64_t i = 0; i < n; ++i) iota[i] = static_cast<int32_t>(i + 1);
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    if (!ctx.has_input(k)) continue;
    const Tensor& t = ctx.input_tensor(k);
    RtTensor& r = tensors[op.inputs[k]];
    r.ir = &t;
    r.quant = &kNone;
    if (k == 0) {
      r.dtype = DType::kInt32;
      r.shape = t.shape;
      r.data = reinterpret_cast<uint8_t*>(iota.data());
      r.bytes = iota.size() * 4;
      continue;
    }
    if (!t.is_constant()) return Status::error("input " + std::to_string(k) + " must be a constant to export");
    r.dtype = t.dtype;
    r.shape = t.shape;
    r.data = const_cast<uint8_t*>(t.data.data());  // kernels only read inputs
    r.bytes = t.data.size();
    r.constant = true;
  }
  for (int32_t o : op.outputs) {
    tensors[o].ir = &g.tensors[o];
    tensors[o].quant = &kNone;
    tensors[o].dtype = DType::kInt32;
    tensors[o].shape = g.tensors[o].shape;
  }
  std::unique_ptr<OpState> state;
  KernelContext kc(op, tensors, state, nullptr, nullptr, true);
  XLITE_RETURN_IF_ERROR(kernel->prepare(kc).with_context("tracing the kernel: "));
  RtTensor& out = tensors[op.outputs[0]];
  std::vector<int32_t> out_idx(out.num_elements());
  out.data = reinterpret_cast<uint8_t*>(out_idx.data());
  out.bytes = out_idx.size() * 4;
  XLITE_RETURN_IF_ERROR(kernel->eval(kc).with_context("tracing the kernel: "));

  const shlo::TType want = ctx.output_type(0);
  if (want.num_elements() != static_cast<int64_t>(out_idx.size()))
    return Status::error("the traced kernel gives " + std::to_string(out_idx.size()) + " elements for output " +
                         shlo::type_str(want));
  shlo::Builder& b = ctx.b;
  const DType t = in->type.dtype;
  const shlo::Value flat = b.reshape(in.value(), {n});
  const shlo::Value parts[] = {b.splat(t, std::vector<int64_t>{1}, pad_value), flat};
  const shlo::Value source = b.concatenate(parts, 0);
  std::vector<uint8_t> bytes(out_idx.size() * 4);
  std::memcpy(bytes.data(), out_idx.data(), bytes.size());
  const shlo::Value idx = b.constant({DType::kInt32, want.shape}, bytes);
  ctx.set_output(0, shlo::gather_axis(b, source, idx, 0));
  return ok_status();
}

Status lower_by_constant_eval(shlo::LowerContext& ctx) {
  const Op& op = ctx.op();
  const Graph& g = ctx.graph();
  const OpKernel* kernel = find_kernel(op.kind);
  if (kernel == nullptr) return Status::error("no reference kernel to evaluate");
  std::vector<RtTensor> tensors(g.tensors.size());
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    if (!ctx.has_input(k)) continue;
    const Tensor& t = ctx.input_tensor(k);
    if (!t.is_constant()) return Status::error("input " + std::to_string(k) + " must be a constant to export");
    RtTensor& r = tensors[op.inputs[k]];
    r.ir = &t;
    r.quant = &t.quant;
    r.dtype = t.dtype;
    r.shape = t.shape;
    r.data = const_cast<uint8_t*>(t.data.data());  // kernels only read inputs
    r.bytes = t.data.size();
    r.constant = true;
  }
  for (int32_t o : op.outputs) {
    tensors[o].ir = &g.tensors[o];
    tensors[o].quant = &g.tensors[o].quant;
    tensors[o].dtype = g.tensors[o].dtype;
    tensors[o].shape = g.tensors[o].shape;
  }
  std::unique_ptr<OpState> state;
  KernelContext kc(op, tensors, state, nullptr, nullptr, true);
  XLITE_RETURN_IF_ERROR(kernel->prepare(kc).with_context("evaluating the kernel: "));
  std::vector<std::vector<uint8_t>> buffers(op.outputs.size());
  for (size_t k = 0; k < op.outputs.size(); ++k) {
    RtTensor& out = tensors[op.outputs[k]];
    const std::optional<int64_t> bytes = dtype_storage_bytes(out.dtype, out.num_elements());
    if (!bytes) return Status::error("output " + std::to_string(k) + " has no fixed-size element type");
    buffers[k].assign(*bytes, 0);
    out.data = buffers[k].data();
    out.bytes = buffers[k].size();
  }
  XLITE_RETURN_IF_ERROR(kernel->eval(kc).with_context("evaluating the kernel: "));
  for (size_t k = 0; k < op.outputs.size(); ++k) {
    const RtTensor& out = tensors[op.outputs[k]];
    const shlo::TType want = ctx.output_type(static_cast<int>(k));
    if (want.dtype != out.dtype) return Status::error("a quantized constant output needs --quant=float support");
    ctx.set_output(static_cast<int>(k), ctx.b.constant({out.dtype, shlo::dims64(out.shape)}, buffers[k]));
  }
  return ok_status();
}

}  // namespace xlite::ops
