// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// [[0, 0, 1, 0], [0, 0, 0, 0], [2, 0, 0, 3]] as CSR: rows dense, columns sparse.
TEST(Densify, CsrMatrix) {
  Sparsity sp;
  sp.traversal_order = {0, 1};
  SparseDim rows;
  rows.dense_size = 3;
  SparseDim cols;
  cols.sparse = true;
  cols.segments = {0, 1, 1, 3};
  cols.indices = {2, 0, 3};
  sp.dims = {rows, cols};
  OpHarness h(OpKind::DENSIFY);
  h.constant<float>(DType::kFloat32, {3, 4}, {1, 2, 3}).sparsity(sp).output(DType::kFloat32, {3, 4});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 3}));
}

// A 4x4 matrix in 2x2 blocks; only the blocks (0,1) and (1,0) are stored,
// each block dense row-major.
TEST(Densify, BlockSparse) {
  Sparsity sp;
  sp.traversal_order = {0, 1, 2, 3};
  sp.block_map = {0, 1};
  SparseDim block_rows;
  block_rows.dense_size = 2;
  SparseDim block_cols;
  block_cols.sparse = true;
  block_cols.segments = {0, 1, 2};
  block_cols.indices = {1, 0};
  SparseDim in_r;
  in_r.dense_size = 2;
  SparseDim in_c;
  in_c.dense_size = 2;
  sp.dims = {block_rows, block_cols, in_r, in_c};
  OpHarness h(OpKind::DENSIFY);
  h.constant<int8_t>(DType::kInt8, {4, 4}, {1, 2, 3, 4, 5, 6, 7, 8}).sparsity(sp).output(DType::kInt8, {4, 4});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{0, 0, 1, 2, 0, 0, 3, 4, 5, 6, 0, 0, 7, 8, 0, 0}));
}

}  // namespace
}  // namespace xlite
