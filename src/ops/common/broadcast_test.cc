// SPDX-License-Identifier: Apache-2.0
#include "ops/common/broadcast.h"

#include <gtest/gtest.h>

#include <random>

#include <vector>

namespace xlite::bcast {
namespace {

using Shape = std::vector<int32_t>;

Shape out_of(const Shape& a, const Shape& b) {
  Shape out;
  Status st = output_shape(a, b, &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TEST(Broadcast, OutputShapeAlignsFromTheRight) {
  EXPECT_EQ(out_of({2, 3}, {3}), (Shape{2, 3}));
  EXPECT_EQ(out_of({3}, {2, 3}), (Shape{2, 3}));
  EXPECT_EQ(out_of({4, 1, 3}, {5, 1}), (Shape{4, 5, 3}));
  EXPECT_EQ(out_of({1, 4, 1, 3}, {1, 1, 5, 3}), (Shape{1, 4, 5, 3}));
  EXPECT_EQ(out_of({2, 3}, {2, 3}), (Shape{2, 3}));
}

TEST(Broadcast, ScalarsAndZeroSizeDims) {
  EXPECT_EQ(out_of({}, {}), Shape{});
  EXPECT_EQ(out_of({}, {2, 2}), (Shape{2, 2}));
  // A size-1 dimension stretches to 0, as in NumPy.
  EXPECT_EQ(out_of({1, 3}, {0, 1}), (Shape{0, 3}));
  EXPECT_EQ(out_of({0}, {1}), Shape{0});
}

TEST(Broadcast, MismatchIsAnErrorNamingBothShapes) {
  Shape out;
  Status st = output_shape(Shape{2, 3}, Shape{4}, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("[2,3]"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("[4]"), std::string::npos) << st.message();
  EXPECT_FALSE(output_shape(Shape{0}, Shape{2}, &out).ok());
  EXPECT_FALSE(output_shape(Shape{-1}, Shape{1}, &out).ok());
}

TEST(Broadcast, MapRejectsTooHighRank) {
  Map m;
  EXPECT_TRUE(make_map(Shape(kMaxRank, 1), Shape{1}, &m).ok());
  EXPECT_FALSE(make_map(Shape(kMaxRank + 1, 1), Shape{1}, &m).ok());
}

TEST(Broadcast, StridesAreZeroAlongBroadcastDims) {
  Map m;
  ASSERT_TRUE(make_map(Shape{4, 1, 3}, Shape{5, 1}, &m).ok());
  EXPECT_EQ(m.rank, 3);
  EXPECT_EQ(m.size, 60);
  EXPECT_EQ(m.a_stride[0], 3);
  EXPECT_EQ(m.a_stride[1], 0);
  EXPECT_EQ(m.a_stride[2], 1);
  EXPECT_EQ(m.b_stride[0], 0);
  EXPECT_EQ(m.b_stride[1], 1);
  EXPECT_EQ(m.b_stride[2], 0);
}

TEST(Broadcast, IndexMappingOfARowAgainstAColumn) {
  // a [2,1] = {10, 20}, b [3] = {1, 2, 3}: out[i][j] = a[i] + b[j].
  Map m;
  ASSERT_TRUE(make_map(Shape{2, 1}, Shape{3}, &m).ok());
  const int a[] = {10, 20};
  const int b[] = {1, 2, 3};
  int out[6] = {};
  apply(m, a, b, out, [](int x, int y) { return x + y; });
  const int want[] = {11, 12, 13, 21, 22, 23};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(out[i], want[i]) << i;
}

TEST(Broadcast, ForEachAgreesWithOffsets) {
  Map m;
  ASSERT_TRUE(make_map(Shape{2, 1, 3, 1}, Shape{4, 1, 5}, &m).ok());
  int64_t expect_i = 0;
  for_each(m, [&](int64_t i, int64_t ia, int64_t ib) {
    EXPECT_EQ(i, expect_i++);
    int64_t oa, ob;
    offsets(m, i, &oa, &ob);
    EXPECT_EQ(ia, oa) << i;
    EXPECT_EQ(ib, ob) << i;
  });
  EXPECT_EQ(expect_i, 2 * 4 * 3 * 5);
}

TEST(Broadcast, ZeroSizeOutputVisitsNothing) {
  Map m;
  ASSERT_TRUE(make_map(Shape{0, 3}, Shape{3}, &m).ok());
  EXPECT_EQ(m.size, 0);
  int calls = 0;
  for_each(m, [&](int64_t, int64_t, int64_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(Broadcast, ScalarOperandsMapToElementZero) {
  Map m;
  ASSERT_TRUE(make_map(Shape{}, Shape{}, &m).ok());
  EXPECT_EQ(m.size, 1);
  int calls = 0;
  for_each(m, [&](int64_t i, int64_t ia, int64_t ib) {
    EXPECT_EQ(i + ia + ib, 0);
    ++calls;
  });
  EXPECT_EQ(calls, 1);
}

// The merged walk visits every output element once, in order, with the
// same input indices as the per-index computation, over random shapes with
// size-1 and size-0 dims and both operands broadcasting.
TEST(Broadcast, MergedWalkMatchesPerIndexOffsets) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    const int rank = 1 + static_cast<int>(rng() % 5);
    Shape out(rank), a, b;
    for (int d = 0; d < rank; ++d) out[d] = static_cast<int32_t>(rng() % 4) + (rng() % 9 == 0 ? 0 : 1);
    const int ra = static_cast<int>(rng() % (rank + 1)), rb = static_cast<int>(rng() % (rank + 1));
    for (int d = rank - ra; d < rank; ++d) a.push_back(rng() % 3 == 0 ? 1 : out[d]);
    for (int d = rank - rb; d < rank; ++d) b.push_back(rng() % 3 == 0 ? 1 : out[d]);
    Map m;
    ASSERT_TRUE(make_map(a, b, &m).ok());
    int64_t expect_i = 0;
    for_each(m, [&](int64_t i, int64_t ia, int64_t ib) {
      ASSERT_EQ(i, expect_i++);
      int64_t oa, ob;
      offsets(m, i, &oa, &ob);
      ASSERT_EQ(ia, oa) << "trial " << trial << " element " << i;
      ASSERT_EQ(ib, ob) << "trial " << trial << " element " << i;
    });
    EXPECT_EQ(expect_i, m.size);
  }
}

// A walk narrowed by part() to [begin, end) visits exactly those outputs,
// in order, with the full walk's input indices (the split threads use), and
// for_each_run's stretches never cross a row of the innermost dimension.
TEST(Broadcast, PartsOfTheWalkMatchPerIndexOffsets) {
  std::mt19937 rng(12);
  for (int trial = 0; trial < 300; ++trial) {
    const int rank = 1 + static_cast<int>(rng() % 5);
    Shape out(rank), a, b;
    for (int d = 0; d < rank; ++d) out[d] = static_cast<int32_t>(rng() % 5) + 1;
    for (int d = 0; d < rank; ++d) a.push_back(rng() % 3 == 0 ? 1 : out[d]);
    for (int d = rank - static_cast<int>(rng() % (rank + 1)); d < rank; ++d) b.push_back(rng() % 3 == 0 ? 1 : out[d]);
    Map m;
    ASSERT_TRUE(make_map(a, b, &m).ok());
    const int64_t begin = static_cast<int64_t>(rng() % (m.size + 1));
    const int64_t end = begin + static_cast<int64_t>(rng() % (m.size - begin + 1));
    int64_t expect_i = begin;
    for_each(part(m, begin, end), [&](int64_t i, int64_t ia, int64_t ib) {
      ASSERT_EQ(i, expect_i++);
      int64_t oa, ob;
      offsets(m, i, &oa, &ob);
      ASSERT_EQ(ia, oa) << "trial " << trial << " element " << i;
      ASSERT_EQ(ib, ob) << "trial " << trial << " element " << i;
    });
    EXPECT_EQ(expect_i, end) << "trial " << trial;
    const int64_t inner = m.it_shape[m.it_rank - 1];
    for_each_run(part(m, begin, end), [&](int64_t i, int64_t, int64_t, int64_t n) {
      EXPECT_GT(n, 0);
      EXPECT_EQ(i / inner, (i + n - 1) / inner) << "trial " << trial << ": a run crosses a row";
    });
  }
}

}  // namespace
}  // namespace xlite::bcast
