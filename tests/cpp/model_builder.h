// SPDX-License-Identifier: Apache-2.0
// Builds .tflite flatbuffers in tests, so reader and verifier tests describe
// exactly the model they need (valid, or broken in one named way).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/tflite/tflite_generated.h"

namespace xlite::testing {

struct TTensor {
  std::string name;
  std::vector<int32_t> shape;
  tflite::TensorType type = tflite::TensorType::FLOAT32;
  std::vector<uint8_t> data;  // empty: an activation (buffer with no data)
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
  std::vector<int32_t> shape_signature;
  bool is_variable = false;
  int64_t buffer_override = -1;  // force this buffer index
};

using OptionsFn = std::function<std::pair<tflite::BuiltinOptions, flatbuffers::Offset<void>>(
    flatbuffers::FlatBufferBuilder&)>;

struct TOp {
  int32_t builtin_code = 0;
  int32_t deprecated_code = -1;  // -1: min(code, 127) as writers do
  std::string custom_code;
  std::vector<int32_t> inputs, outputs;
  OptionsFn options;
  int64_t opcode_index_override = -1;
  int32_t version = 1;
  std::vector<uint8_t> custom_options;
};

struct TSubgraph {
  std::string name;
  std::vector<TTensor> tensors;
  std::vector<int32_t> inputs, outputs;
  std::vector<TOp> ops;
};

struct TSignature {
  std::string key;
  uint32_t subgraph = 0;
  std::vector<std::pair<std::string, uint32_t>> inputs, outputs;
};

struct TModel {
  uint32_t version = 3;
  std::vector<TSubgraph> subgraphs;
  std::vector<TSignature> signatures;
  // Store constant data after the flatbuffer (Buffer.offset/size), as
  // writers do for models over 2 GB.
  bool external_data = false;
  // With external_data: the first data offset (e.g. past 2 GB).
  uint64_t external_min_offset = 0;
  std::vector<uint8_t> build() const;

  // The flatbuffer and, with external_data, each data block with its file
  // offset (for writing a sparse file rather than a huge vector).
  struct Parts {
    std::vector<uint8_t> flatbuffer;
    std::vector<std::pair<uint64_t, std::vector<uint8_t>>> blocks;
    uint64_t file_size = 0;
  };
  Parts build_parts() const;
};

template <typename T>
std::vector<uint8_t> bytes_of(const std::vector<T>& v) {
  const auto* p = reinterpret_cast<const uint8_t*>(v.data());
  return std::vector<uint8_t>(p, p + v.size() * sizeof(T));
}

// input [1,4] -> FULLY_CONNECTED(w [3,4], b [3], RELU) -> [1,3] -> SOFTMAX -> [1,3]
TModel small_fc_model();

}  // namespace xlite::testing
