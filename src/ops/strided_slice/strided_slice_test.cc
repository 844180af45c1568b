// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

struct Spec {
  std::vector<int32_t> begin, end, strides;
  int64_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
};

TensorHarness strided(S shape, const Spec& s) {
  TensorHarness h(OpKind::STRIDED_SLICE);
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  V data(n);
  for (int64_t i = 0; i < n; ++i) data[i] = static_cast<float>(i);
  h.input(DType::kFloat32, shape, data);
  const int32_t k = static_cast<int32_t>(s.begin.size());
  h.input(DType::kInt32, {k}, s.begin, true);
  h.input(DType::kInt32, {k}, s.end, true);
  h.input(DType::kInt32, {k}, s.strides, true);
  h.output(DType::kFloat32);
  h.attrs().set("begin_mask", s.begin_mask);
  h.attrs().set("end_mask", s.end_mask);
  h.attrs().set("ellipsis_mask", s.ellipsis_mask);
  h.attrs().set("new_axis_mask", s.new_axis_mask);
  h.attrs().set("shrink_axis_mask", s.shrink_axis_mask);
  h.attrs().set("offset", s.offset);
  return h;
}

TEST(StridedSlice, ReverseWithEndMask) {
  Spec s{{-1}, {0}, {-1}};
  s.end_mask = 1;
  TensorHarness h = strided({5}, s);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<float>(), (V{4, 3, 2, 1, 0}));
}

TEST(StridedSlice, StepTwoAndClamping) {
  TensorHarness a = strided({5}, Spec{{0}, {5}, {2}});
  ASSERT_TRUE(a.run().ok());
  EXPECT_EQ(a.values<float>(), (V{0, 2, 4}));
  TensorHarness b = strided({5}, Spec{{-100}, {100}, {1}});
  ASSERT_TRUE(b.run().ok());
  EXPECT_EQ(b.values<float>(), (V{0, 1, 2, 3, 4}));
  TensorHarness c = strided({5}, Spec{{100}, {-100}, {-2}});
  ASSERT_TRUE(c.run().ok());
  EXPECT_EQ(c.values<float>(), (V{4, 2, 0}));
}

TEST(StridedSlice, BeginMaskAndEmptyRange) {
  Spec s{{3}, {4}, {1}};
  s.begin_mask = 1;
  TensorHarness a = strided({5}, s);
  ASSERT_TRUE(a.run().ok());
  EXPECT_EQ(a.values<float>(), (V{0, 1, 2, 3}));
  TensorHarness b = strided({5}, Spec{{3}, {1}, {1}});
  ASSERT_TRUE(b.run().ok());
  EXPECT_EQ(b.shape(), (S{0}));
}

TEST(StridedSlice, ShrinkWithNegativeBegin) {
  Spec s{{-1, 0}, {0, 3}, {1, 1}};
  s.shrink_axis_mask = 1;
  TensorHarness h = strided({2, 3}, s);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3}));
  EXPECT_EQ(h.values<float>(), (V{3, 4, 5}));
}

TEST(StridedSlice, NewAxis) {
  Spec s{{0, 0, 0}, {0, 2, 3}, {1, 1, 1}};
  s.new_axis_mask = 1;
  TensorHarness h = strided({2, 3}, s);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 2, 3}));
  EXPECT_EQ(h.values<float>(), (V{0, 1, 2, 3, 4, 5}));
}

TEST(StridedSlice, EllipsisThenShrink) {
  // x[..., 1] on [2, 3, 4].
  Spec s{{0, 1}, {0, 2}, {1, 1}};
  s.ellipsis_mask = 1;
  s.shrink_axis_mask = 2;
  TensorHarness h = strided({2, 3, 4}, s);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 3}));
  EXPECT_EQ(h.values<float>(), (V{1, 5, 9, 13, 17, 21}));
}

TEST(StridedSlice, OffsetMeansEndIsALength) {
  Spec s{{1}, {2}, {1}};
  s.offset = true;
  TensorHarness h = strided({5}, s);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<float>(), (V{1, 2}));
}

TEST(StridedSlice, Errors) {
  Spec shrink{{5}, {6}, {1}};
  shrink.shrink_axis_mask = 1;
  EXPECT_FALSE(strided({3}, shrink).prepare().ok());
  EXPECT_FALSE(strided({3}, Spec{{0}, {3}, {0}}).prepare().ok());
}

}  // namespace
}  // namespace xlite
