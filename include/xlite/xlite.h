// SPDX-License-Identifier: Apache-2.0
// xlite's public C++ API: load a .tflite model, run it, read its tensors.
//
//   xlite::InterpreterOptions opt;
//   opt.num_threads = 4;
//   std::string error;
//   auto itp = xlite::Interpreter::from_file("model.tflite", opt, &error);
//   if (!itp) { ...error... }
//   int in = itp->inputs(0)[0];                  // a tensor index
//   std::memcpy(itp->tensor_data(0, in).data, image, itp->tensor_data(0, in).bytes);
//   if (!itp->allocate(0) || !itp->invoke(0)) { ...itp->last_error()... }
//
// Tensor indices are those of the model file (what LiteRT reports), per
// subgraph; signatures name a subgraph and some of its tensors. By default
// the model is compiled (the optimizing passes) before it runs; inputs,
// outputs and constants keep their indices, intermediates of the compiled
// model are not addressable.
//
// This header is self-contained: it exposes none of xlite's internals. An
// Interpreter is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "xlite/xlite_custom_op.h"

namespace xlite {

// Element types, numbered as TFLite's TfLiteType (c_api_types.h) so that C
// callers and bindings can map them without a table.
enum class ElementType : int32_t {
  kNoType = 0,
  kFloat32 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat16 = 10,
  kFloat64 = 11,
  kComplex128 = 12,
  kUInt64 = 13,
  kResource = 14,
  kVariant = 15,
  kUInt32 = 16,
  kUInt16 = 17,
  kInt4 = 18,
  kBFloat16 = 19,
};

// Affine quantization: real = scale * (q - zero_point); several scales are
// per-axis along quantized_dimension. Empty vectors: not quantized.
struct QuantizationInfo {
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int32_t quantized_dimension = 0;
};

// TFLite's SparsityParameters, for tensors stored sparse.
struct SparseDimInfo {
  bool sparse = false;  // false: DENSE (dense_size); true: SPARSE_CSR
  int32_t dense_size = 0;
  std::vector<int64_t> segments, indices;
};
struct SparsityInfo {
  std::vector<int32_t> traversal_order;
  std::vector<int32_t> block_map;
  std::vector<SparseDimInfo> dims;
};

struct TensorInfo {
  std::string name;
  ElementType type = ElementType::kNoType;
  std::vector<int32_t> shape;            // current shape
  std::vector<int32_t> shape_signature;  // -1 = dynamic; the shape when the file has none
  QuantizationInfo quantization;
  bool sparse = false;
  SparsityInfo sparsity;
  bool constant = false;
};

// Where a tensor's bytes are now. `writable` is false for constants (the
// model's own bytes).
struct TensorData {
  void* data = nullptr;
  size_t bytes = 0;
  bool writable = false;
};

struct SignatureInfo {
  struct Entry {
    std::string name;
    int32_t tensor = -1;  // index in the signature's subgraph
  };
  std::string key;
  int32_t subgraph = 0;
  std::vector<Entry> inputs, outputs;
};

struct InterpreterOptions {
  // Threads that split each kernel's work (the caller counts as one).
  int num_threads = 1;
  // Run the optimizing passes before running (the default, as `xlite run`);
  // false runs the model as read.
  bool compile = true;
  // Run every op with its reference kernel.
  bool reference_kernels = false;
  // Called with every error message, besides last_error().
  std::function<void(const std::string& message)> error_reporter;
  // Kernels for CUSTOM ops, beside the built-in ones
  // (TFLite_Detection_PostProcess, Convolution2DTransposeBias): shared
  // libraries that export xlite_register_custom_ops (as the CLI's
  // --custom-ops), and kernels given directly. See xlite_custom_op.h. A
  // custom op with no kernel is an error at creation, naming it.
  std::vector<std::string> custom_op_libraries;
  struct CustomOp {
    std::string name;
    int version = 0;  // 0: any version of the op
    XliteCustomOp kernel{};
  };
  std::vector<CustomOp> custom_ops;
};

class Interpreter {
 public:
  // nullptr on failure, with the reason in *error (and to the reporter).
  static std::unique_ptr<Interpreter> from_file(const std::string& path, const InterpreterOptions& options,
                                                std::string* error);
  // Copies the bytes; the caller's buffer may go away afterwards.
  static std::unique_ptr<Interpreter> from_buffer(const void* data, size_t size, const InterpreterOptions& options,
                                                  std::string* error);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  int num_subgraphs() const;
  // Tensors of a subgraph; every index below is checked (false/error on a
  // bad subgraph or tensor index, never a crash).
  int num_tensors(int subgraph) const;
  const std::vector<int32_t>& inputs(int subgraph) const;
  const std::vector<int32_t>& outputs(int subgraph) const;
  bool tensor_info(int subgraph, int tensor, TensorInfo* info);
  // Inputs, outputs and constants (and, when the model runs uncompiled,
  // any tensor). Valid until the next resize/allocate of that subgraph.
  bool tensor_data(int subgraph, int tensor, TensorData* out);

  // `tensor` must be an input of `subgraph`. strict: only dims that are -1
  // in the shape signature may change (TFLite's ResizeInputTensorStrict).
  bool resize_input(int subgraph, int tensor, const std::vector<int32_t>& shape, bool strict);
  bool allocate(int subgraph);
  bool invoke(int subgraph);

  const std::vector<SignatureInfo>& signatures() const;
  // Index into signatures(), or -1.
  int find_signature(const std::string& key) const;

  // The message of the last failed call.
  const std::string& last_error() const;

  struct Impl;

 private:
  explicit Interpreter(std::unique_ptr<Impl> impl);
  static std::unique_ptr<Interpreter> finish(std::unique_ptr<Impl> impl, bool precompiled, std::string* error);
  std::unique_ptr<Impl> impl_;
};

// "0.1.0"
const char* version();

}  // namespace xlite
