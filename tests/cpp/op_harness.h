// SPDX-License-Identifier: Apache-2.0
// Runs one op through the executor on hand-written tensors, for op tests
// with hand-computed golden values.
#pragma once

#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "ir/verify.h"
#include "runtime/executor.h"

namespace xlite::testing {

class OpHarness {
 public:
  explicit OpHarness(OpKind kind) { op_.kind = kind; }

  // A graph input (values set at run time).
  template <typename T>
  OpHarness& input(DType t, std::vector<int32_t> shape, std::vector<T> values, float scale = 0, int64_t zp = 0) {
    add(t, std::move(shape), scale, zp);
    runtime_inputs_.push_back({static_cast<int>(tensors_.size() - 1), bytes(values)});
    op_.inputs.push_back(static_cast<int32_t>(tensors_.size() - 1));
    return *this;
  }
  // A constant input.
  template <typename T>
  OpHarness& constant(DType t, std::vector<int32_t> shape, std::vector<T> values, float scale = 0, int64_t zp = 0,
                      std::vector<float> scales = {}, int32_t axis = 0) {
    add(t, std::move(shape), scale, zp);
    store_.push_back(bytes(values));
    tensors_.back().data = store_.back();
    if (!scales.empty()) {
      tensors_.back().quant.scale = scales;
      tensors_.back().quant.zero_point.assign(scales.size(), 0);
      tensors_.back().quant.axis = axis;
    }
    op_.inputs.push_back(static_cast<int32_t>(tensors_.size() - 1));
    return *this;
  }
  // Marks the last constant as sparse (its values are the stored ones).
  OpHarness& sparsity(Sparsity sp) {
    tensors_.back().sparsity = std::move(sp);
    return *this;
  }
  OpHarness& absent() {
    op_.inputs.push_back(-1);
    return *this;
  }
  OpHarness& output(DType t, std::vector<int32_t> shape, float scale = 0, int64_t zp = 0) {
    add(t, std::move(shape), scale, zp);
    op_.outputs.push_back(static_cast<int32_t>(tensors_.size() - 1));
    return *this;
  }
  // An output quantized per axis (one scale and zero point per index of `axis`).
  OpHarness& output_per_axis(DType t, std::vector<int32_t> shape, std::vector<float> scales,
                             std::vector<int64_t> zero_points, int32_t axis) {
    add(t, std::move(shape), 0, 0);
    tensors_.back().quant.scale = std::move(scales);
    tensors_.back().quant.zero_point = std::move(zero_points);
    tensors_.back().quant.axis = axis;
    op_.outputs.push_back(static_cast<int32_t>(tensors_.size() - 1));
    return *this;
  }
  OpHarness& attr(const std::string& name, AttrValue v) {
    op_.attrs.set(name, std::move(v));
    return *this;
  }

  // Runs; returns the error, or ok and fills outputs().
  Status run() {
    auto model = std::make_shared<Model>();
    Graph g;
    g.tensors = tensors_;
    for (auto& [t, b] : runtime_inputs_) g.inputs.push_back(t);
    g.outputs = op_.outputs;
    g.ops = {op_};
    model->subgraphs.push_back(std::move(g));
    XLITE_RETURN_IF_ERROR(verify(*model));
    auto ex = Executor::create(model);
    if (!ex.ok()) return ex.status();
    for (size_t i = 0; i < runtime_inputs_.size(); ++i)
      if (!runtime_inputs_[i].second.empty())
        std::memcpy((*ex)->input(static_cast<int>(i)).data, runtime_inputs_[i].second.data(),
                    runtime_inputs_[i].second.size());
    XLITE_RETURN_IF_ERROR((*ex)->invoke());
    executor_ = std::move(ex.value());
    return ok_status();
  }

  template <typename T>
  std::vector<T> out(int i = 0) const {
    const RtTensor& t = executor_->output(i);
    return std::vector<T>(t.as<T>(), t.as<T>() + t.num_elements());
  }
  const std::vector<int32_t>& out_shape(int i = 0) const { return executor_->output(i).shape; }

 private:
  template <typename T>
  static std::vector<uint8_t> bytes(const std::vector<T>& v) {
    std::vector<uint8_t> b(v.size() * sizeof(T));
    if (!b.empty()) std::memcpy(b.data(), v.data(), b.size());
    return b;
  }
  void add(DType t, std::vector<int32_t> shape, float scale, int64_t zp) {
    Tensor x;
    x.name = "t" + std::to_string(tensors_.size());
    x.dtype = t;
    x.shape = std::move(shape);
    if (scale > 0) {
      x.quant.scale = {scale};
      x.quant.zero_point = {zp};
    }
    tensors_.push_back(std::move(x));
  }

  Op op_;
  std::vector<Tensor> tensors_;
  std::vector<std::pair<int, std::vector<uint8_t>>> runtime_inputs_;
  std::deque<std::vector<uint8_t>> store_;  // stable addresses for constant data
  std::unique_ptr<Executor> executor_;
};

}  // namespace xlite::testing
