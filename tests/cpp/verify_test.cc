// SPDX-License-Identifier: Apache-2.0
// ir::verify on hand-built IR: each broken model is refused with an error
// that names the place and the problem; the valid ones pass.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "ir/verify.h"

namespace xlite {
namespace {

// Backing store for constant data in these tests.
struct Store {
  std::vector<std::vector<uint8_t>> blobs;
  std::span<const uint8_t> make(size_t n) {
    blobs.emplace_back(n, 0);
    return blobs.back();
  }
};

Tensor act(std::string name, std::vector<int32_t> shape, DType t = DType::kFloat32) {
  Tensor x;
  x.name = std::move(name);
  x.shape = std::move(shape);
  x.dtype = t;
  return x;
}

// x[1,4] -> FC(w[3,4], b[3]) -> h[1,3] -> RELU -> y[1,3]
Model fc_model(Store& s) {
  Graph g;
  g.tensors = {act("x", {1, 4}), act("w", {3, 4}), act("b", {3}), act("h", {1, 3}), act("y", {1, 3})};
  g.tensors[1].data = s.make(48);
  g.tensors[2].data = s.make(12);
  g.inputs = {0};
  g.outputs = {4};
  Op fc;
  fc.kind = OpKind::FULLY_CONNECTED;
  fc.inputs = {0, 1, 2};
  fc.outputs = {3};
  Op relu;
  relu.kind = OpKind::RELU;
  relu.inputs = {3};
  relu.outputs = {4};
  g.ops = {fc, relu};
  Model m;
  m.subgraphs.push_back(std::move(g));
  return m;
}

std::string error_of(const Model& m) {
  Status st = verify(m);
  EXPECT_FALSE(st.ok());
  return st.ok() ? std::string() : st.message();
}

#define EXPECT_ERROR_HAS(model, ...)                                             \
  do {                                                                           \
    const std::string e_ = error_of(model);                                      \
    for (const char* part : {__VA_ARGS__}) EXPECT_NE(e_.find(part), std::string::npos) << e_; \
  } while (0)

TEST(Verify, AcceptsWellFormedModel) {
  Store s;
  Status st = verify(fc_model(s));
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST(Verify, NegativeAndOverflowingDims) {
  Store s;
  Model m = fc_model(s);
  m.subgraphs[0].tensors[3].shape = {1, -3};
  EXPECT_ERROR_HAS(m, "tensor 3 'h'", "negative dimension");
  m = fc_model(s);
  m.subgraphs[0].tensors[3].shape = {INT32_MAX, INT32_MAX, INT32_MAX};
  EXPECT_ERROR_HAS(m, "tensor 3 'h'", "overflows");
  m = fc_model(s);
  m.subgraphs[0].tensors[3].shape = {1 << 20, 1 << 20, 1 << 10};
  EXPECT_ERROR_HAS(m, "tensor 3 'h'", "too large");
}

TEST(Verify, BufferSizeMustMatchShape) {
  Store s;
  Model m = fc_model(s);
  m.subgraphs[0].tensors[1].data = s.make(47);
  EXPECT_ERROR_HAS(m, "tensor 1 'w'", "47 bytes", "needs 48");
  m = fc_model(s);
  m.subgraphs[0].tensors[1].dtype = DType::kInt4;
  m.subgraphs[0].tensors[1].data = s.make(6);  // 12 int4 values pack into 6 bytes
  EXPECT_TRUE(verify(m).ok());
}

TEST(Verify, QuantizationLengths) {
  Store s;
  Model m = fc_model(s);
  Tensor& w = m.subgraphs[0].tensors[1];
  w.quant.scale = {0.1f, 0.2f, 0.3f};
  w.quant.zero_point = {0, 0, 0};
  w.quant.axis = 0;
  EXPECT_TRUE(verify(m).ok()) << "3 scales along dim 0 of [3,4]";
  w.quant.axis = 1;
  EXPECT_ERROR_HAS(m, "tensor 1 'w'", "3 scales", "dimension 1");
  w.quant.axis = 5;
  EXPECT_ERROR_HAS(m, "quantized_dimension 5");
  w.quant.axis = 0;
  w.quant.zero_point = {0};
  EXPECT_ERROR_HAS(m, "3 scales and 1 zero points");
  w.quant.zero_point = {0, 0, 0};
  w.quant.scale[1] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_ERROR_HAS(m, "scale");
}

TEST(Verify, ShapeSignature) {
  Store s;
  Model m = fc_model(s);
  m.subgraphs[0].tensors[0].shape_signature = {-1, 4};
  EXPECT_TRUE(verify(m).ok());
  m.subgraphs[0].tensors[0].shape_signature = {-1, 5};
  EXPECT_ERROR_HAS(m, "tensor 0 'x'", "disagrees");
  m.subgraphs[0].tensors[0].shape_signature = {4};
  EXPECT_ERROR_HAS(m, "different rank");
}

TEST(Verify, OperatorCounts) {
  Store s;
  Model m = fc_model(s);
  m.subgraphs[0].ops[1].inputs = {3, 3};
  EXPECT_ERROR_HAS(m, "subgraph 0 op 1 (RELU)", "2 inputs, expected 1");
  m = fc_model(s);
  m.subgraphs[0].ops[0].inputs = {0};
  EXPECT_ERROR_HAS(m, "op 0 (FULLY_CONNECTED)", "1 inputs, expected 2 to 3");
}

TEST(Verify, IndicesInRange) {
  Store s;
  Model m = fc_model(s);
  m.subgraphs[0].ops[1].inputs = {17};
  EXPECT_ERROR_HAS(m, "op 1 (RELU)", "input 0 is tensor 17", "outside [0, 5)");
  m = fc_model(s);
  m.subgraphs[0].ops[1].inputs = {-2};
  EXPECT_ERROR_HAS(m, "tensor -2");
  m = fc_model(s);
  m.subgraphs[0].outputs = {5};
  EXPECT_ERROR_HAS(m, "output 0 is tensor 5");
  m = fc_model(s);
  m.subgraphs[0].ops[0].outputs = {9};
  EXPECT_ERROR_HAS(m, "output 0 is tensor 9");
}

TEST(Verify, OptionalInputsMayBeAbsent) {
  Store s;
  Model m = fc_model(s);
  m.subgraphs[0].ops[0].inputs[2] = -1;
  EXPECT_TRUE(verify(m).ok());
}

TEST(Verify, Dataflow) {
  Store s;
  Model m = fc_model(s);
  std::swap(m.subgraphs[0].ops[0], m.subgraphs[0].ops[1]);  // RELU before FC
  EXPECT_ERROR_HAS(m, "op 0 (RELU)", "op 1 writes later", "cycle");

  m = fc_model(s);
  m.subgraphs[0].ops[1].inputs = {4};  // reads its own output
  EXPECT_ERROR_HAS(m, "op 1 (RELU)", "(this op) writes");

  m = fc_model(s);
  m.subgraphs[0].tensors.push_back(act("ghost", {1, 3}));
  m.subgraphs[0].ops[1].inputs = {5};
  EXPECT_ERROR_HAS(m, "tensor 5 'ghost'", "neither a graph input");

  m = fc_model(s);
  m.subgraphs[0].ops[1].outputs = {3};  // written twice
  m.subgraphs[0].outputs = {3};
  EXPECT_ERROR_HAS(m, "op 1 (RELU)", "already written by op 0");

  m = fc_model(s);
  m.subgraphs[0].ops[1].outputs = {1};
  EXPECT_ERROR_HAS(m, "tensor 1 'w', a constant");

  m = fc_model(s);
  m.subgraphs[0].ops[1].outputs = {0};
  EXPECT_ERROR_HAS(m, "a graph input");

  m = fc_model(s);
  m.subgraphs[0].ops.pop_back();
  EXPECT_ERROR_HAS(m, "output 0 is tensor 4 'y', which no op writes");
}

TEST(Verify, SubgraphReferencesAndRecursion) {
  Store s;
  Model m = fc_model(s);
  Graph body;
  body.tensors = {act("i", {1}), act("o", {1})};
  body.inputs = {0};
  body.outputs = {1};
  Op call;
  call.kind = OpKind::CALL_ONCE;
  call.attrs.set("init_subgraph_index", int64_t{1});
  m.subgraphs[0].ops.insert(m.subgraphs[0].ops.begin(), call);
  Op neg;
  neg.kind = OpKind::NEG;
  neg.inputs = {0};
  neg.outputs = {1};
  body.ops = {neg};
  m.subgraphs.push_back(body);
  EXPECT_TRUE(verify(m).ok()) << verify(m).message();

  m.subgraphs[0].ops[0].attrs.set("init_subgraph_index", int64_t{7});
  EXPECT_ERROR_HAS(m, "subgraph 0 op 0 (CALL_ONCE)", "refers to subgraph 7");

  m.subgraphs[0].ops[0].attrs.set("init_subgraph_index", int64_t{1});
  Op back = call;
  back.attrs.set("init_subgraph_index", int64_t{0});
  m.subgraphs[1].ops.push_back(back);
  EXPECT_ERROR_HAS(m, "calls itself");
}

TEST(Verify, Signatures) {
  Store s;
  Model m = fc_model(s);
  m.signatures.push_back({"serve", 0, {{"x", 0}}, {{"y", 4}}});
  EXPECT_TRUE(verify(m).ok());
  m.signatures[0].subgraph = 3;
  EXPECT_ERROR_HAS(m, "signature 0 'serve'", "subgraph 3");
  m.signatures[0].subgraph = 0;
  m.signatures[0].outputs[0].tensor = 50;
  EXPECT_ERROR_HAS(m, "'y' is tensor 50");
}

// A 4x4 float matrix with 3 non-zeros in CSR (row dense, column sparse).
Model sparse_model(Store& s) {
  Model m = fc_model(s);
  Tensor& w = m.subgraphs[0].tensors[1];
  w.shape = {3, 4};
  Sparsity sp;
  sp.traversal_order = {0, 1};
  SparseDim rows;
  rows.dense_size = 3;
  SparseDim cols;
  cols.sparse = true;
  cols.segments = {0, 1, 1, 3};
  cols.indices = {2, 0, 3};
  sp.dims = {rows, cols};
  w.sparsity = sp;
  w.data = s.make(3 * 4);
  return m;
}

TEST(Verify, SparseMetadata) {
  Store s;
  Model m = sparse_model(s);
  EXPECT_TRUE(verify(m).ok()) << verify(m).message();

  m.subgraphs[0].tensors[1].sparsity->dims[1].indices[1] = 4;
  EXPECT_ERROR_HAS(m, "tensor 1 'w'", "index 4 is outside [0, 4)");

  m = sparse_model(s);
  m.subgraphs[0].tensors[1].sparsity->dims[1].segments = {0, 2, 1, 3};
  EXPECT_ERROR_HAS(m, "non-decreasing");

  m = sparse_model(s);
  m.subgraphs[0].tensors[1].sparsity->dims[1].segments = {0, 1, 3};
  EXPECT_ERROR_HAS(m, "3 segments, expected 4");

  m = sparse_model(s);
  m.subgraphs[0].tensors[1].data = s.make(16);
  EXPECT_ERROR_HAS(m, "sparse buffer has 16 bytes");

  m = sparse_model(s);
  m.subgraphs[0].tensors[1].sparsity->traversal_order = {1, 1};
  EXPECT_ERROR_HAS(m, "not a permutation");

  m = sparse_model(s);
  m.subgraphs[0].tensors[1].sparsity->dims[0].dense_size = 30;
  EXPECT_ERROR_HAS(m, "dense_size 30");
}

TEST(Verify, StringTensors) {
  Store s;
  Model m = fc_model(s);
  Tensor t = act("names", {2}, DType::kString);
  // count=2, offsets 16, 17, 19, then "a" "bc"
  std::vector<int32_t> hdr = {2, 16, 17, 19};
  std::vector<uint8_t> bytes(19);
  std::memcpy(bytes.data(), hdr.data(), 16);
  bytes[16] = 'a';
  bytes[17] = 'b';
  bytes[18] = 'c';
  s.blobs.push_back(bytes);
  t.data = s.blobs.back();
  m.subgraphs[0].tensors.push_back(t);
  EXPECT_TRUE(verify(m).ok()) << verify(m).message();
  hdr[3] = 100;
  std::memcpy(s.blobs.back().data(), hdr.data(), 16);
  EXPECT_ERROR_HAS(m, "tensor 5 'names'", "past the end");
}

}  // namespace
}  // namespace xlite
