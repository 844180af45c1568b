// SPDX-License-Identifier: Apache-2.0
// The .tflite reader: what it builds from valid models, and the one-line
// errors it gives for broken ones.
#include <gtest/gtest.h>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "frontend/tflite/reader.h"
#include "model_builder.h"

namespace xlite {
namespace {

using testing::TModel;
using testing::TOp;
using testing::small_fc_model;

Result<Model> load(const std::vector<uint8_t>& bytes) { return load_tflite_buffer(bytes); }

std::string error_of(const std::vector<uint8_t>& bytes) {
  auto m = load(bytes);
  EXPECT_FALSE(m.ok());
  return m.ok() ? std::string() : m.status().message();
}

TEST(Reader, ReadsSmallModel) {
  auto m = load(small_fc_model().build());
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->subgraphs.size(), 1u);
  const Graph& g = m->subgraphs[0];
  EXPECT_EQ(g.name, "main");
  ASSERT_EQ(g.tensors.size(), 5u);
  EXPECT_EQ(g.tensors[1].name, "w");
  EXPECT_EQ(g.tensors[1].shape, (std::vector<int32_t>{3, 4}));
  EXPECT_EQ(g.tensors[1].dtype, DType::kFloat32);
  EXPECT_TRUE(g.tensors[1].is_constant());
  EXPECT_FALSE(g.tensors[0].is_constant());
  ASSERT_EQ(g.tensors[2].data.size(), 12u);
  float b2;
  std::memcpy(&b2, g.tensors[2].data.data() + 8, 4);
  EXPECT_EQ(b2, 3.0f);
  ASSERT_EQ(g.ops.size(), 2u);
  EXPECT_EQ(g.ops[0].kind, OpKind::FULLY_CONNECTED);
  EXPECT_EQ(g.ops[0].inputs, (std::vector<int32_t>{0, 1, 2}));
  EXPECT_EQ(g.ops[0].attrs.get_int("fused_activation_function", -1), 1);  // RELU
  EXPECT_FALSE(g.ops[0].attrs.get_bool("keep_num_dims", true));           // schema default
  EXPECT_EQ(g.ops[1].kind, OpKind::SOFTMAX);
  EXPECT_DOUBLE_EQ(g.ops[1].attrs.get_float("beta"), 1.0);
  ASSERT_EQ(m->signatures.size(), 1u);
  EXPECT_EQ(m->signatures[0].key, "serving_default");
  EXPECT_EQ(m->signatures[0].outputs[0].tensor, 4);
}

TEST(Reader, ConstantDataIsAViewNotACopy) {
  const std::vector<uint8_t> bytes = small_fc_model().build();
  auto m = load(bytes);
  ASSERT_TRUE(m.ok());
  const auto file = m->storage->data();
  const uint8_t* w = m->subgraphs[0].tensors[1].data.data();
  EXPECT_GE(w, file.data());
  EXPECT_LT(w, file.data() + file.size());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(w) % 16, 0u) << "constant data keeps its 16-byte alignment";
}

TEST(Reader, OptionDefaultsComeFromTheSchema) {
  TModel m = small_fc_model();
  auto& g = m.subgraphs[0];
  g.tensors.push_back({.name = "img", .shape = {1, 5, 5, 2}});
  g.tensors.push_back({.name = "k", .shape = {4, 3, 3, 2}, .data = std::vector<uint8_t>(4 * 9 * 2 * 4, 0)});
  g.tensors.push_back({.name = "conv", .shape = {1, 3, 3, 4}});
  g.inputs.push_back(5);
  g.outputs.push_back(7);
  TOp conv{.builtin_code = 3, .inputs = {5, 6, -1}, .outputs = {7}};
  conv.options = [](flatbuffers::FlatBufferBuilder& b) {
    tflite::Conv2DOptionsBuilder ob(b);
    ob.add_padding(tflite::Padding::VALID);
    ob.add_stride_w(1);
    ob.add_stride_h(1);
    return std::make_pair(tflite::BuiltinOptions::Conv2DOptions, ob.Finish().Union());
  };
  g.ops.push_back(conv);
  auto r = load(m.build());
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Op& op = r->subgraphs[0].ops[2];
  EXPECT_EQ(op.kind, OpKind::CONV_2D);
  EXPECT_EQ(op.attrs.get_int("padding", -1), 1);  // VALID
  EXPECT_EQ(op.attrs.get_int("dilation_w_factor"), 1) << "absent field takes the schema default";
  EXPECT_EQ(op.inputs[2], -1) << "optional bias left out";
}

TEST(Reader, OpcodeIsMaxOfBothFields) {
  TModel m = small_fc_model();
  // An old file: only the deprecated byte says FULLY_CONNECTED (9), the new
  // field holds 0 (ADD). A naive "builtin_code unless zero" reader agrees,
  // but "builtin_code first" would read ADD.
  m.subgraphs[0].ops[0].deprecated_code = 9;
  m.subgraphs[0].ops[0].builtin_code = 0;
  auto r = load(m.build());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->subgraphs[0].ops[0].kind, OpKind::FULLY_CONNECTED);
}

TEST(Reader, OpcodesAbove127UseTheNewField) {
  TModel m = small_fc_model();
  m.subgraphs[0].ops[1].builtin_code = static_cast<int32_t>(tflite::BuiltinOperator::GELU);  // 150
  m.subgraphs[0].ops[1].options = nullptr;
  auto r = load(m.build());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->subgraphs[0].ops[1].kind, OpKind::GELU);
}

TEST(Reader, CustomOpsKeepTheirName) {
  TModel m = small_fc_model();
  m.subgraphs[0].ops[1] = TOp{.builtin_code = 32, .custom_code = "MyOp", .inputs = {3}, .outputs = {4}};
  auto r = load(m.build());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(op_display_name(r->subgraphs[0].ops[1]), "CUSTOM:MyOp");
}

TEST(Reader, DataStoredPastTheFlatbuffer) {
  TModel m = small_fc_model();
  m.external_data = true;
  auto bytes = m.build();
  auto r = load(bytes);
  ASSERT_TRUE(r.ok()) << r.status().message();
  float b2;
  std::memcpy(&b2, r->subgraphs[0].tensors[2].data.data() + 8, 4);
  EXPECT_EQ(b2, 3.0f);
  bytes.resize(bytes.size() - 16);  // cut the last buffer short
  EXPECT_NE(error_of(bytes).find("past the end of the file"), std::string::npos) << error_of(bytes);
}

// A model whose weights lie past the 2 GB a flatbuffer can address, written
// as a sparse file so the test costs no disk.
TEST(Reader, DataStoredPast2GB) {
  TModel m = small_fc_model();
  m.external_data = true;
  m.external_min_offset = (uint64_t{1} << 31) + 4096;
  const TModel::Parts parts = m.build_parts();
  const std::string path = ::testing::TempDir() + "/xlite_reader_2gb.tflite";
  const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::pwrite(fd, parts.flatbuffer.data(), parts.flatbuffer.size(), 0),
            static_cast<ssize_t>(parts.flatbuffer.size()));
  for (auto& [off, data] : parts.blocks)
    ASSERT_EQ(::pwrite(fd, data.data(), data.size(), static_cast<off_t>(off)), static_cast<ssize_t>(data.size()));
  ASSERT_EQ(::ftruncate(fd, static_cast<off_t>(parts.file_size)), 0);
  ::close(fd);
  auto r = load_tflite_file(path);
  std::remove(path.c_str());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_GT(r->file_bytes, uint64_t{1} << 31);
  float b2;
  std::memcpy(&b2, r->subgraphs[0].tensors[2].data.data() + 8, 4);
  EXPECT_EQ(b2, 3.0f);
}

TEST(Reader, RejectsTooSmallAndForeignFiles) {
  EXPECT_NE(error_of({}).find("too small"), std::string::npos);
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};
  EXPECT_NE(error_of(png).find("not a TFLite model"), std::string::npos) << error_of(png);
}

TEST(Reader, RejectsEveryTruncation) {
  const auto bytes = small_fc_model().build();
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + n);
    EXPECT_FALSE(load(cut).ok()) << "truncated to " << n << " bytes";
  }
}

TEST(Reader, RejectsOtherSchemaVersions) {
  TModel m = small_fc_model();
  m.version = 2;
  EXPECT_NE(error_of(m.build()).find("schema version 2"), std::string::npos);
}

TEST(Reader, RejectsUnknownOpcode) {
  TModel m = small_fc_model();
  m.subgraphs[0].ops[1].builtin_code = 4000;
  m.subgraphs[0].ops[1].options = nullptr;
  const std::string e = error_of(m.build());
  EXPECT_NE(e.find("subgraph 0 op 1"), std::string::npos) << e;
  EXPECT_NE(e.find("4000"), std::string::npos) << e;
}

TEST(Reader, RejectsOutOfRangeIndices) {
  TModel m = small_fc_model();
  m.subgraphs[0].ops[0].opcode_index_override = 7;
  EXPECT_NE(error_of(m.build()).find("operator code index 7"), std::string::npos);

  m = small_fc_model();
  m.subgraphs[0].tensors[1].buffer_override = 99;
  const std::string e = error_of(m.build());
  EXPECT_NE(e.find("tensor 1 'w'"), std::string::npos) << e;
  EXPECT_NE(e.find("buffer 99"), std::string::npos) << e;
}

TEST(Reader, CustomOpWithoutNameIsAnError) {
  TModel m = small_fc_model();
  m.subgraphs[0].ops[1] = TOp{.builtin_code = 32, .inputs = {3}, .outputs = {4}};
  EXPECT_NE(error_of(m.build()).find("custom_code"), std::string::npos);
}

TEST(Reader, MissingFileNamesThePath) {
  auto r = load_tflite_file("/nonexistent/model.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/model.tflite"), std::string::npos);
}

TEST(Reader, ReadsFromAFile) {
  const auto bytes = small_fc_model().build();
  const std::string path = ::testing::TempDir() + "/xlite_reader_test.tflite";
  {
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  auto r = load_tflite_file(path);
  std::remove(path.c_str());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->file_bytes, bytes.size());
}

}  // namespace
}  // namespace xlite
