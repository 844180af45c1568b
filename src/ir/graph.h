// SPDX-License-Identifier: Apache-2.0
// The IR: a Model holds subgraphs (Graph), each a list of tensors and ops in
// execution order. Tensors and ops refer to each other by index into their
// Graph; -1 as an op input means "optional input absent". Constant data is a
// view into the model's bytes (usually an mmap), never a copy.
//
// Nothing here validates: ir/verify.h says what a well-formed Model is, and
// every producer of a Model (the reader, each pass) is checked against it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/dtype.h"
#include "base/mapped_file.h"
#include "ir/attrs.h"
#include "ir/op_kind.h"

namespace xlite {

// real = scale * (q - zero_point). One scale: per-tensor; several: per-axis
// along `axis`. A custom/blockwise scheme is recorded by name and the
// vectors are then not meaningful.
struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t axis = 0;
  std::vector<float> min, max;
  std::string details;  // e.g. "CustomQuantization"; empty for affine

  bool is_quantized() const { return !scale.empty() || !details.empty(); }
  bool per_axis() const { return scale.size() > 1; }
};

// TACO-style sparse storage (TFLite SparsityParameters).
struct SparseDim {
  bool sparse = false;  // false: DENSE with dense_size; true: SPARSE_CSR
  int32_t dense_size = 0;
  std::vector<int64_t> segments, indices;
};
struct Sparsity {
  std::vector<int32_t> traversal_order;
  std::vector<int32_t> block_map;
  std::vector<SparseDim> dims;
};

struct Tensor {
  std::string name;
  DType dtype = DType::kFloat32;
  std::vector<int32_t> shape;            // static shape (dims >= 0)
  std::vector<int32_t> shape_signature;  // -1 = dynamic dim; empty = shape
  bool has_rank = true;
  bool is_variable = false;
  Quantization quant;
  std::optional<Sparsity> sparsity;
  // Constant contents; empty span for activations. `buffer` names the source
  // buffer so weights shared by several tensors are counted once.
  std::span<const uint8_t> data;
  int32_t buffer = -1;

  bool is_constant() const { return !data.empty(); }
};

struct Op {
  OpKind kind = OpKind::CUSTOM;
  int32_t version = 1;
  std::string custom_code;  // CUSTOM ops only
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<int32_t> intermediates;
  Attrs attrs;
  std::span<const uint8_t> custom_options;
};

struct Graph {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<Op> ops;
};

struct SignatureTensor {
  std::string name;
  int32_t tensor = -1;
};

struct Signature {
  std::string key;
  int32_t subgraph = 0;
  std::vector<SignatureTensor> inputs;
  std::vector<SignatureTensor> outputs;
};

struct Metadata {
  std::string name;
  std::span<const uint8_t> data;
};

struct Model {
  uint32_t schema_version = 3;
  std::string description;
  std::vector<Graph> subgraphs;  // subgraph 0 is the main graph
  std::vector<Signature> signatures;
  std::vector<Metadata> metadata;
  // Keeps the bytes that tensor data and options point into alive.
  std::shared_ptr<const Bytes> storage;
  // Constants made after reading (folded by a pass, parsed from text).
  std::vector<std::shared_ptr<const std::vector<uint8_t>>> owned;
  uint64_t file_bytes = 0;

  // Keeps `bytes` alive with the model and returns a view of them (16-byte
  // aligned, as the allocator gives).
  std::span<const uint8_t> own(std::vector<uint8_t> bytes);
};

// "CONV_2D", or "CUSTOM:<code>" for custom ops.
std::string op_display_name(const Op& op);
// Product of dims, or nullopt on a negative dim or overflow.
std::optional<int64_t> num_elements(std::span<const int32_t> shape);
std::string shape_to_string(std::span<const int32_t> shape);

}  // namespace xlite
