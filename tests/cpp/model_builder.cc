// SPDX-License-Identifier: Apache-2.0
#include "model_builder.h"

#include <algorithm>
#include <map>

namespace xlite::testing {
namespace {

std::vector<uint8_t> build_pass(const TModel& m, const std::vector<uint64_t>& ext_offsets) {
  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<tflite::Buffer>> buffers;
  buffers.push_back(tflite::CreateBuffer(b));  // the empty sentinel
  std::vector<flatbuffers::Offset<tflite::OperatorCode>> codes;
  std::map<std::pair<int32_t, std::string>, uint32_t> code_index;
  std::vector<flatbuffers::Offset<tflite::SubGraph>> subgraphs;
  size_t ext = 0;

  for (const TSubgraph& sg : m.subgraphs) {
    std::vector<flatbuffers::Offset<tflite::Tensor>> tensors;
    for (const TTensor& t : sg.tensors) {
      uint32_t buf;
      if (!t.data.empty()) {
        buf = static_cast<uint32_t>(buffers.size());
        if (m.external_data) {
          buffers.push_back(tflite::CreateBuffer(b, 0, ext_offsets[ext++], t.data.size()));
        } else {
          b.ForceVectorAlignment(t.data.size(), 1, 16);
          buffers.push_back(tflite::CreateBuffer(b, b.CreateVector(t.data)));
        }
      } else {
        buf = static_cast<uint32_t>(buffers.size());
        buffers.push_back(tflite::CreateBuffer(b));
      }
      if (t.buffer_override >= 0) buf = static_cast<uint32_t>(t.buffer_override);
      flatbuffers::Offset<tflite::QuantizationParameters> q;
      if (!t.scale.empty() || !t.zero_point.empty())
        q = tflite::CreateQuantizationParameters(b, 0, 0, b.CreateVector(t.scale), b.CreateVector(t.zero_point),
                                                 tflite::QuantizationDetails::NONE, 0, t.quantized_dimension);
      auto sig = t.shape_signature.empty() ? 0 : b.CreateVector(t.shape_signature);
      tensors.push_back(tflite::CreateTensor(b, b.CreateVector(t.shape), t.type, buf, b.CreateString(t.name), q,
                                             t.is_variable, 0, sig));
    }
    std::vector<flatbuffers::Offset<tflite::Operator>> ops;
    for (const TOp& op : sg.ops) {
      auto key = std::make_pair(op.builtin_code, op.custom_code);
      auto it = code_index.find(key);
      if (it == code_index.end()) {
        const int8_t dep = static_cast<int8_t>(op.deprecated_code >= 0 ? op.deprecated_code
                                                                        : std::min(op.builtin_code, 127));
        codes.push_back(tflite::CreateOperatorCode(b, dep, op.custom_code.empty() ? 0 : b.CreateString(op.custom_code),
                                                   op.version, static_cast<tflite::BuiltinOperator>(op.builtin_code)));
        it = code_index.emplace(key, codes.size() - 1).first;
      }
      auto opts = op.options ? op.options(b)
                             : std::make_pair(tflite::BuiltinOptions::NONE, flatbuffers::Offset<void>());
      const uint32_t idx = op.opcode_index_override >= 0 ? static_cast<uint32_t>(op.opcode_index_override) : it->second;
      ops.push_back(tflite::CreateOperator(b, idx, b.CreateVector(op.inputs), b.CreateVector(op.outputs), opts.first,
                                           opts.second,
                                           op.custom_options.empty() ? 0 : b.CreateVector(op.custom_options)));
    }
    subgraphs.push_back(tflite::CreateSubGraph(b, b.CreateVector(tensors), b.CreateVector(sg.inputs),
                                               b.CreateVector(sg.outputs), b.CreateVector(ops),
                                               b.CreateString(sg.name)));
  }
  std::vector<flatbuffers::Offset<tflite::SignatureDef>> sigs;
  for (const TSignature& s : m.signatures) {
    std::vector<flatbuffers::Offset<tflite::TensorMap>> in, out;
    for (auto& [n, t] : s.inputs) in.push_back(tflite::CreateTensorMap(b, b.CreateString(n), t));
    for (auto& [n, t] : s.outputs) out.push_back(tflite::CreateTensorMap(b, b.CreateString(n), t));
    sigs.push_back(tflite::CreateSignatureDef(b, b.CreateVector(in), b.CreateVector(out), b.CreateString(s.key),
                                              s.subgraph));
  }
  auto model = tflite::CreateModel(b, m.version, b.CreateVector(codes), b.CreateVector(subgraphs),
                                   b.CreateString("xlite test model"), b.CreateVector(buffers), 0, 0,
                                   sigs.empty() ? 0 : b.CreateVector(sigs));
  tflite::FinishModelBuffer(b, model);
  return std::vector<uint8_t>(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

}  // namespace

TModel::Parts TModel::build_parts() const {
  Parts parts;
  if (!external_data) {
    parts.flatbuffer = build_pass(*this, {});
    parts.file_size = parts.flatbuffer.size();
    return parts;
  }
  // Two passes: the flatbuffer's size does not depend on the offset values
  // (fixed-width fields, all non-default), so measure, then place the data.
  std::vector<const TTensor*> with_data;
  for (const TSubgraph& sg : subgraphs)
    for (const TTensor& t : sg.tensors)
      if (!t.data.empty()) with_data.push_back(&t);
  std::vector<uint64_t> offsets(with_data.size(), 2);
  const size_t fb_size = build_pass(*this, offsets).size();
  uint64_t pos = std::max<uint64_t>((fb_size + 15) / 16 * 16, external_min_offset);
  for (size_t i = 0; i < with_data.size(); ++i) {
    offsets[i] = pos;
    parts.blocks.push_back({pos, with_data[i]->data});
    pos = (pos + with_data[i]->data.size() + 15) / 16 * 16;
  }
  parts.flatbuffer = build_pass(*this, offsets);
  parts.file_size = pos;
  return parts;
}

std::vector<uint8_t> TModel::build() const {
  Parts p = build_parts();
  std::vector<uint8_t> out = std::move(p.flatbuffer);
  out.resize(p.file_size, 0);
  for (auto& [off, data] : p.blocks) std::copy(data.begin(), data.end(), out.begin() + off);
  return out;
}

TModel small_fc_model() {
  TSubgraph g;
  g.name = "main";
  g.tensors = {
      {.name = "x", .shape = {1, 4}},
      {.name = "w", .shape = {3, 4}, .data = bytes_of(std::vector<float>(12, 0.5f))},
      {.name = "b", .shape = {3}, .data = bytes_of(std::vector<float>{1, 2, 3})},
      {.name = "fc", .shape = {1, 3}},
      {.name = "y", .shape = {1, 3}},
  };
  g.inputs = {0};
  g.outputs = {4};
  TOp fc{.builtin_code = static_cast<int32_t>(tflite::BuiltinOperator::FULLY_CONNECTED), .inputs = {0, 1, 2}, .outputs = {3}};
  fc.options = [](flatbuffers::FlatBufferBuilder& b) {
    return std::make_pair(tflite::BuiltinOptions::FullyConnectedOptions,
                          tflite::CreateFullyConnectedOptions(b, tflite::ActivationFunctionType::RELU).Union());
  };
  TOp sm{.builtin_code = static_cast<int32_t>(tflite::BuiltinOperator::SOFTMAX), .inputs = {3}, .outputs = {4}};
  sm.options = [](flatbuffers::FlatBufferBuilder& b) {
    return std::make_pair(tflite::BuiltinOptions::SoftmaxOptions, tflite::CreateSoftmaxOptions(b, 1.0f).Union());
  };
  g.ops = {fc, sm};
  TModel m;
  m.subgraphs = {g};
  m.signatures = {{.key = "serving_default", .subgraph = 0, .inputs = {{"x", 0}}, .outputs = {{"y", 4}}}};
  return m;
}

}  // namespace xlite::testing
