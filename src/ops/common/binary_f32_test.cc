// SPDX-License-Identifier: Apache-2.0
// float32 ADD, SUB, MUL, DIV, MAXIMUM and MINIMUM outside
// --reference-kernels (binary_f32.h) against the same op under
// --reference-kernels, byte for byte (NaN for NaN): broadcast walks of one, two and three
// merged dimensions, sizes that split across threads mid-row, every fused
// activation, NaN / infinity / signed zero, on 1 and 2 threads, and in place
// over an input (as the memory planner may place the output). A part that
// starts mid-row must pick up the row's operands at that column: the large
// shapes split there on 2 threads.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kernel_harness.h"
#include "ops/common/broadcast.h"

namespace xlite {
namespace {

using testing::KernelHarness;

std::vector<float> values(std::mt19937& rng, int64_t n) {
  std::uniform_real_distribution<float> u(-4.0f, 4.0f);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = u(rng);
  const float inf = std::numeric_limits<float>::infinity();
  const float specials[] = {0.0f, -0.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN()};
  for (size_t i = 0; i < v.size(); i += 97) v[i] = specials[(i / 97) % std::size(specials)];
  return v;
}

int64_t count(const std::vector<int32_t>& s) {
  int64_t n = 1;
  for (int32_t d : s) n *= d;
  return n;
}

std::vector<float> run(OpKind kind, const std::vector<int32_t>& sa, const std::vector<float>& a,
                       const std::vector<int32_t>& sb, const std::vector<float>& b, int64_t act, bool reference,
                       int threads, int in_place) {
  KernelHarness h(kind);
  h.input<float>(DType::kFloat32, sa, a).input<float>(DType::kFloat32, sb, b).output(DType::kFloat32);
  if (kind != OpKind::MAXIMUM && kind != OpKind::MINIMUM) h.attrs().set("fused_activation_function", act);
  h.reference_only(reference).threads(threads);
  if (in_place >= 0) h.output_in_place(in_place);
  const Status st = h.run();
  EXPECT_TRUE(st.ok()) << st.message();
  return h.out<float>();
}

TEST(BinaryF32Ops, FastPathMatchesTheReferenceByteForByte) {
  // {a, b}: same shapes (one run), per-channel and per-pixel broadcasts
  // both ways round (two merged dimensions, rows of 1..40 floats), a
  // scalar, and walks of three merged dimensions.
  const std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>> shapes = {
      {{1, 64, 64, 28}, {1, 64, 64, 28}}, {{1, 61, 67, 13}, {1, 1, 1, 13}}, {{1, 1, 1, 40}, {1, 50, 50, 40}},
      {{1, 71, 73, 16}, {1, 71, 73, 1}},  {{1, 90, 90, 1}, {1, 90, 90, 3}}, {{1, 301, 301}, {1}},
      {{1001}, {1, 17, 1001}},            {{2, 60, 60, 8}, {2, 1, 1, 8}},   {{4, 1, 6, 1, 9}, {1, 5, 6, 7, 1}},
      {{1, 0, 5}, {1, 1, 5}},             {{3, 5}, {3, 5}},
      // Over 2 x elementwise::kMinChunk outputs, so 2 threads split them,
      // at a point inside a row.
      {{1, 151, 151, 13}, {1, 1, 1, 13}}, {{1, 171, 171, 1}, {1, 171, 171, 10}},
      {{1, 300, 301, 3}, {1, 300, 301, 3}}, {{1, 301, 901}, {1}}, {{2, 200, 200, 4}, {2, 1, 1, 4}}};
  std::mt19937 rng(3);
  for (OpKind kind : {OpKind::ADD, OpKind::SUB, OpKind::MUL, OpKind::DIV, OpKind::MAXIMUM, OpKind::MINIMUM})
    for (const auto& [sa, sb] : shapes)
      for (int64_t act : {0, 1, 3}) {
        if ((kind == OpKind::MAXIMUM || kind == OpKind::MINIMUM) && act != 0) continue;
        const std::vector<float> a = values(rng, count(sa)), b = values(rng, count(sb));
        const std::string what = std::string(op_name(kind)) + " " + bcast::shape_text(sa) + " x " +
                                 bcast::shape_text(sb) + " act " + std::to_string(act);
        const std::vector<float> want = run(kind, sa, a, sb, b, act, true, 1, -1);
        for (int threads : {1, 2})
          for (int in_place : {-1, 0, 1}) {
            const std::vector<int32_t>& s = in_place == 0 ? sa : sb;
            if (in_place >= 0 && count(s) != static_cast<int64_t>(want.size())) continue;
            const std::vector<float> got = run(kind, sa, a, sb, b, act, false, threads, in_place);
            ASSERT_EQ(got.size(), want.size()) << what;
            // Any NaN matches any NaN: which operand's NaN x + y keeps
            // follows the compiler's operand order, free in C++.
            for (size_t i = 0; i < want.size(); ++i)
              if (!(std::isnan(got[i]) && std::isnan(want[i])))
                ASSERT_EQ(std::memcmp(&got[i], &want[i], sizeof(float)), 0)
                  << what << ", " << threads << " threads, in place " << in_place << ": element " << i << " got "
                  << got[i] << " want " << want[i];
          }
      }
}

}  // namespace
}  // namespace xlite
