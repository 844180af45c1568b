// SPDX-License-Identifier: Apache-2.0
// float32 binary kernel variants against the reference kernels of ADD, SUB,
// MUL, DIV, MAXIMUM and MINIMUM, bit for bit: every operand pattern (walked,
// per-channel row, per-row value, scalar) on rows x cols blocks with
// remainders, every activation clamp, NaN / infinity / signed zero / zero
// divisors, poisoned outputs and guard words, and in place.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <string>

#include "kernels/kernel_test_util.h"
#include "ops/add/add_ref.h"
#include "ops/div/div_ref.h"
#include "ops/maximum/maximum_ref.h"
#include "ops/minimum/minimum_ref.h"
#include "ops/mul/mul_ref.h"
#include "ops/sub/sub_ref.h"

namespace xlite::kernels {
namespace {

using testing::GuardedFloats;

const BinaryF32Op kOps[] = {BinaryF32Op::kAdd, BinaryF32Op::kSub,     BinaryF32Op::kMul,
                            BinaryF32Op::kDiv, BinaryF32Op::kMaximum, BinaryF32Op::kMinimum};

// The op's reference kernel over a broadcast map. MAXIMUM and MINIMUM have no
// activation: those are compared with the clamp disabled.
void reference(BinaryF32Op op, const bcast::Map& m, const float* a, const float* b, float lo, float hi,
               float* out) {
  switch (op) {
    case BinaryF32Op::kAdd: ref::add<float>(m, a, b, lo, hi, out); break;
    case BinaryF32Op::kSub: ref::sub<float>(m, a, b, lo, hi, out); break;
    case BinaryF32Op::kMul: ref::mul<float>(m, a, b, lo, hi, out); break;
    case BinaryF32Op::kDiv: ref::div<float>(m, a, b, lo, hi, out); break;
    case BinaryF32Op::kMaximum: ref::maximum<float>(m, a, b, out); break;
    case BinaryF32Op::kMinimum: ref::minimum<float>(m, a, b, out); break;
  }
}

// How an operand covers a rows x cols output: its shape and strides.
struct Pattern {
  const char* name;
  bool per_row, per_col;  // has the rows / the cols dimension
};
const Pattern kPatterns[] = {{"full", true, true}, {"row vector", false, true}, {"column", true, false},
                             {"scalar", false, false}};

std::vector<float> values(std::mt19937& rng, size_t n) {
  std::vector<float> v = testing::random_floats(rng, n, -4.0f, 4.0f);
  const float inf = std::numeric_limits<float>::infinity();
  const float specials[] = {0.0f, -0.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN(), 1e-38f, 3e38f};
  for (size_t i = 0; i < v.size(); i += 5) v[i] = specials[(i / 5) % std::size(specials)];
  return v;
}

// Bit for bit, except that any NaN matches any NaN: which operand's NaN an
// addition keeps (and so its sign and payload) follows the order the
// compiler put the operands in, which C++ leaves free (clang and GCC differ
// on the reference itself).
bool same_bits(const float* x, const float* y, size_t n, size_t* where) {
  for (size_t i = 0; i < n; ++i)
    if (testing::float_to_bits(x[i]) == testing::kPoisonBits ||
        (testing::float_to_bits(x[i]) != testing::float_to_bits(y[i]) && !(std::isnan(x[i]) && std::isnan(y[i])))) {
      *where = i;
      return false;
    }
  return true;
}

TEST(BinaryF32, EveryVariantMatchesTheReferenceBitForBit) {
  std::mt19937 rng(11);
  std::vector<std::string> skipped;
  const auto runnable = testing::runnable<BinaryF32Kernel>(&skipped);
  bcast::Map one;
  ASSERT_TRUE(bcast::make_map(std::vector<int32_t>{1}, std::vector<int32_t>{1}, &one).ok());
  for (const std::string& s : skipped) std::cout << "skipped (CPU lacks its ISA): " << s << "\n";
  for (const auto& v : runnable)
    for (BinaryF32Op op : kOps)
      for (const testing::Clamp& c : testing::clamps()) {
        const bool minmax = op == BinaryF32Op::kMaximum || op == BinaryF32Op::kMinimum;
        if (minmax && !std::isinf(c.min)) continue;
        for (int32_t rows : {1, 2, 5})
          for (int32_t cols : {1, 3, 7, 8, 9, 15, 16, 17, 31, 40, 100})
            for (const Pattern& pa : kPatterns)
              for (const Pattern& pb : kPatterns) {
                const std::vector<int32_t> sa = {pa.per_row ? rows : 1, pa.per_col ? cols : 1};
                const std::vector<int32_t> sb = {pb.per_row ? rows : 1, pb.per_col ? cols : 1};
                const std::vector<float> a = values(rng, static_cast<size_t>(sa[0]) * sa[1]);
                const std::vector<float> b = values(rng, static_cast<size_t>(sb[0]) * sb[1]);
                const size_t n = static_cast<size_t>(rows) * cols;
                // The reference one element at a time (two row vectors
                // would broadcast to one row, not rows x cols).
                std::vector<float> want(n);
                for (int32_t r = 0; r < rows; ++r)
                  for (int32_t k = 0; k < cols; ++k) {
                    const size_t ia = (pa.per_row ? r : 0) * (pa.per_col ? cols : 1) + (pa.per_col ? k : 0);
                    const size_t ib = (pb.per_row ? r : 0) * (pb.per_col ? cols : 1) + (pb.per_col ? k : 0);
                    reference(op, one, &a[ia], &b[ib], c.min, c.max, &want[static_cast<size_t>(r) * cols + k]);
                  }
                BinaryF32Args args;
                args.op = op;
                args.act_min = c.min, args.act_max = c.max;
                args.a_row = pa.per_row ? (pa.per_col ? cols : 1) : 0;
                args.a_col = pa.per_col ? 1 : 0;
                args.b_row = pb.per_row ? (pb.per_col ? cols : 1) : 0;
                args.b_col = pb.per_col ? 1 : 0;
                args.rows = rows, args.cols = cols;
                const std::string what = std::string(v.name) + " op " + std::to_string(static_cast<int>(op)) +
                                         " clamp [" + std::to_string(c.min) + "," + std::to_string(c.max) +
                                         "] " + std::to_string(rows) + "x" + std::to_string(cols) + " a " +
                                         pa.name + " b " + pb.name;
                // Into a fresh (poisoned, guarded) buffer.
                GuardedFloats y(n);
                args.a = a.data(), args.b = b.data(), args.out = y.data();
                v.kernel->run(args);
                size_t at = 0;
                EXPECT_TRUE(y.guards_intact()) << what;
                EXPECT_TRUE(same_bits(y.data(), want.data(), n, &at))
                    << what << ": element " << at << " got " << y[at] << " want " << want[at];
                // In place over an operand that has the output's shape.
                for (int which = 0; which < 2; ++which) {
                  const Pattern& p = which == 0 ? pa : pb;
                  if (!p.per_row || !p.per_col) continue;
                  GuardedFloats io(n);
                  std::memcpy(io.data(), (which == 0 ? a : b).data(), n * sizeof(float));
                  args.a = which == 0 ? io.data() : a.data();
                  args.b = which == 1 ? io.data() : b.data();
                  args.out = io.data();
                  v.kernel->run(args);
                  EXPECT_TRUE(io.guards_intact()) << what << " in place";
                  EXPECT_TRUE(same_bits(io.data(), want.data(), n, &at))
                      << what << " in place over " << (which == 0 ? "a" : "b") << ": element " << at;
                }
              }
      }
}

// Strided output rows (out_row > cols): the first cols channels of each of
// `rows` pixels of `stride` channels, in place over a (the narrow-addend
// ADD epilogue's use); the channels in between stay as they were.
TEST(BinaryF32, StridedOutputRowsLeaveTheGapsAlone) {
  std::mt19937 rng(12);
  for (const auto& v : testing::runnable<BinaryF32Kernel>())
    for (int32_t rows : {1, 3, 64})
      for (int32_t cols : {1, 5, 8, 9, 16, 24})
        for (int32_t gap : {1, 8, 13}) {
          const int32_t stride = cols + gap;
          const size_t n = static_cast<size_t>(rows) * stride;
          const std::vector<float> x = values(rng, n), b = values(rng, static_cast<size_t>(rows) * cols);
          GuardedFloats io(n);
          std::memcpy(io.data(), x.data(), n * sizeof(float));
          BinaryF32Args args;
          args.op = BinaryF32Op::kAdd;
          args.act_min = -1.0f, args.act_max = 2.0f;
          args.a = io.data(), args.a_row = stride, args.a_col = 1;
          args.b = b.data(), args.b_row = cols, args.b_col = 1;
          args.out = io.data(), args.out_row = stride;
          args.rows = rows, args.cols = cols;
          v.kernel->run(args);
          ASSERT_TRUE(io.guards_intact()) << v.name;
          bcast::Map one;
          ASSERT_TRUE(bcast::make_map(std::vector<int32_t>{1}, std::vector<int32_t>{1}, &one).ok());
          for (int32_t r = 0; r < rows; ++r)
            for (int32_t k = 0; k < stride; ++k) {
              const size_t i = static_cast<size_t>(r) * stride + k;
              float want = x[i];
              if (k < cols) ref::add<float>(one, &x[i], &b[static_cast<size_t>(r) * cols + k], -1.0f, 2.0f, &want);
              size_t at = 0;
              ASSERT_TRUE(same_bits(&io[i], &want, 1, &at))
                  << v.name << " " << rows << "x" << cols << "/" << stride << " at " << r << "," << k;
            }
        }
}

// Zero rows or columns write nothing.
TEST(BinaryF32, EmptyBlocksWriteNothing) {
  for (const auto& v : testing::runnable<BinaryF32Kernel>()) {
    const float a[1] = {1.0f}, b[1] = {2.0f};
    GuardedFloats y(0);
    BinaryF32Args args;
    args.a = a, args.b = b, args.out = y.data();
    args.rows = 0, args.cols = 5;
    v.kernel->run(args);
    args.rows = 3, args.cols = 0;
    v.kernel->run(args);
    EXPECT_TRUE(y.guards_intact()) << v.name;
  }
}

}  // namespace
}  // namespace xlite::kernels
