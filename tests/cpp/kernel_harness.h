// SPDX-License-Identifier: Apache-2.0
// Test-only: runs one registered kernel's prepare() and eval() on tensors
// built in the test, without a model file, so op tests can state inputs,
// quantization and expected outputs directly.
#pragma once

#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "ops/kernel.h"

namespace xlite::testing {

class KernelHarness {
 public:
  explicit KernelHarness(OpKind kind) { op_.kind = kind; }

  // scale == 0: an unquantized tensor.
  template <typename T>
  KernelHarness& input(DType dtype, std::vector<int32_t> shape, const std::vector<T>& values, float scale = 0.0f,
                   int64_t zero_point = 0, bool constant = false) {
    RtTensor& t = add_tensor(dtype, std::move(shape), scale, zero_point);
    auto& buf = buffers_.emplace_back(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(buf.data(), values.data(), buf.size());
    t.data = buf.data();
    t.bytes = buf.size();
    t.constant = constant;
    op_.inputs.push_back(static_cast<int32_t>(tensors_.size() - 1));
    return *this;
  }

  // The dtype is what the model declares; prepare() sets it again.
  KernelHarness& output(DType dtype, float scale = 0.0f, int64_t zero_point = 0) {
    add_tensor(dtype, {}, scale, zero_point);
    op_.outputs.push_back(static_cast<int32_t>(tensors_.size() - 1));
    return *this;
  }

  Attrs& attrs() { return op_.attrs; }
  // Runs the op as under --reference-kernels (no vectorised kernels or
  // tables), for comparing the two paths.
  KernelHarness& reference_only(bool on = true) {
    reference_only_ = on;
    return *this;
  }

  // Runs prepare and eval with a pool of n threads (n > 1) for the kernel
  // to split its work across.
  KernelHarness& threads(int n) {
    pool_ = n > 1 ? std::make_unique<ThreadPool>(n) : nullptr;
    return *this;
  }

  // Output 0 shares input i's buffer (the memory planner does this for
  // elementwise ops whose input dies there); it must have the output's size.
  KernelHarness& output_in_place(int i) {
    in_place_ = i;
    return *this;
  }

  // prepare, allocate the outputs, eval.
  Status run() {
    const OpKernel* k = find_kernel(op_.kind);
    if (!k) return Status::error("no kernel");
    KernelContext ctx(op_, tensors_, state_, nullptr, pool_.get(), reference_only_);
    XLITE_RETURN_IF_ERROR(k->prepare(ctx));
    for (int32_t o : op_.outputs) {
      RtTensor& t = tensors_[o];
      const auto bytes = dtype_storage_bytes(t.dtype, t.num_elements());
      if (!bytes) return Status::error("output has no storage");
      if (in_place_ >= 0 && o == op_.outputs[0]) {
        const RtTensor& in = tensors_[op_.inputs[in_place_]];
        if (in.bytes != static_cast<size_t>(*bytes)) return Status::error("in-place input has another size");
        t.data = in.data;
        t.bytes = in.bytes;
        continue;
      }
      auto& buf = buffers_.emplace_back(static_cast<size_t>(*bytes) + 1);
      t.data = buf.data();
      t.bytes = static_cast<size_t>(*bytes);
    }
    return k->eval(ctx);
  }

  template <typename T>
  std::vector<T> out(int k = 0) const {
    const RtTensor& t = tensors_[op_.outputs[k]];
    std::vector<T> v(static_cast<size_t>(t.num_elements()));
    if (!v.empty()) std::memcpy(v.data(), t.data, v.size() * sizeof(T));
    return v;
  }
  const RtTensor& out_tensor(int k = 0) const { return tensors_[op_.outputs[k]]; }

 private:
  RtTensor& add_tensor(DType dtype, std::vector<int32_t> shape, float scale, int64_t zero_point) {
    Quantization& q = quants_.emplace_back();
    if (scale > 0) {
      q.scale = {scale};
      q.zero_point = {zero_point};
    }
    RtTensor& t = tensors_.emplace_back();
    t.dtype = dtype;
    t.shape = std::move(shape);
    t.quant = &q;
    return t;
  }

  Op op_;
  std::vector<RtTensor> tensors_;
  bool reference_only_ = false;
  int in_place_ = -1;
  std::deque<Quantization> quants_;  // deque: RtTensor::quant stays valid
  std::deque<std::vector<uint8_t>> buffers_;
  std::unique_ptr<OpState> state_;
  std::unique_ptr<ThreadPool> pool_;
};

}  // namespace xlite::testing
