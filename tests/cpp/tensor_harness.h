// SPDX-License-Identifier: Apache-2.0
// Test-only: runs one kernel's prepare and eval on hand-made tensors, the way
// the executor would, so op tests state inputs and expected outputs only.
#pragma once

#include <cstring>
#include <deque>
#include <memory>
#include <vector>

#include "ops/kernel.h"

namespace xlite::testing {

class TensorHarness {
 public:
  explicit TensorHarness(OpKind kind) { op_.kind = kind; }

  Attrs& attrs() { return op_.attrs; }

  template <typename T>
  int input(DType dtype, std::vector<int32_t> shape, const std::vector<T>& values, bool constant = false,
            float scale = 0.0f, int64_t zero_point = 0) {
    const int i = add(dtype, std::move(shape), scale, zero_point);
    auto& buf = storage_[i];
    buf.resize(values.size() * sizeof(T) + 1);
    if (!values.empty()) std::memcpy(buf.data(), values.data(), values.size() * sizeof(T));
    tensors_[i].data = buf.data();
    tensors_[i].bytes = values.size() * sizeof(T);
    tensors_[i].constant = constant;
    op_.inputs.push_back(i);
    return i;
  }
  void absent_input() { op_.inputs.push_back(-1); }
  int output(DType dtype, float scale = 0.0f, int64_t zero_point = 0) {
    const int i = add(dtype, {}, scale, zero_point);
    op_.outputs.push_back(i);
    return i;
  }

  Status prepare() {
    const OpKernel* k = find_kernel(op_.kind);
    if (!k) return Status::error("no kernel");
    KernelContext ctx(op_, tensors_, state_);
    XLITE_RETURN_IF_ERROR(k->prepare(ctx));
    for (int o : op_.outputs) {
      RtTensor& t = tensors_[o];
      const int64_t n = t.num_elements();
      const size_t bytes = static_cast<size_t>(n) * static_cast<size_t>(dtype_bits(t.dtype) / 8);
      storage_[o].assign(bytes + 1, 0xAB);  // garbage, so unwritten elements show
      t.data = storage_[o].data();
      t.bytes = bytes;
    }
    return ok_status();
  }
  Status eval() {
    KernelContext ctx(op_, tensors_, state_);
    return find_kernel(op_.kind)->eval(ctx);
  }
  Status run() {
    XLITE_RETURN_IF_ERROR(prepare());
    return eval();
  }

  const RtTensor& out(int k = 0) const { return tensors_[op_.outputs[k]]; }
  std::vector<int32_t> shape(int k = 0) const { return out(k).shape; }
  template <typename T>
  std::vector<T> values(int k = 0) const {
    const RtTensor& t = out(k);
    std::vector<T> v(static_cast<size_t>(t.num_elements()));
    if (!v.empty()) std::memcpy(v.data(), t.data, v.size() * sizeof(T));
    return v;
  }

 private:
  int add(DType dtype, std::vector<int32_t> shape, float scale, int64_t zero_point) {
    const int i = static_cast<int>(tensors_.size());
    tensors_.emplace_back();
    storage_.emplace_back();
    Quantization& q = quants_.emplace_back();
    if (scale > 0) {
      q.scale = {scale};
      q.zero_point = {zero_point};
    }
    tensors_[i].dtype = dtype;
    tensors_[i].shape = std::move(shape);
    // std::deque keeps earlier Quantization addresses stable.
    tensors_[i].quant = &q;
    return i;
  }

  Op op_;
  std::vector<RtTensor> tensors_;
  std::deque<std::vector<uint8_t>> storage_;
  std::deque<Quantization> quants_;
  std::unique_ptr<OpState> state_;
};

}  // namespace xlite::testing
