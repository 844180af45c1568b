// SPDX-License-Identifier: Apache-2.0
// The reference executor on small hand-built models.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <thread>

#include "frontend/tflite/reader.h"
#include "ir/text.h"
#include "model_builder.h"
#include "runtime/executor.h"

namespace xlite {
namespace {

using testing::TModel;
using testing::TOp;

std::shared_ptr<const Model> load(const TModel& m) {
  auto r = load_tflite_buffer(m.build());
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::make_shared<const Model>(std::move(r.value()));
}

std::vector<float> run_fc(Executor& ex, std::vector<float> x) {
  std::memcpy(ex.input(0).data, x.data(), x.size() * 4);
  EXPECT_TRUE(ex.invoke().ok());
  const RtTensor& y = ex.output(0);
  return std::vector<float>(y.as<float>(), y.as<float>() + y.num_elements());
}

TEST(Executor, RunsFullyConnectedThenSoftmax) {
  auto model = load(testing::small_fc_model());
  auto ex = Executor::create(model);
  ASSERT_TRUE(ex.ok()) << ex.status().message();
  ASSERT_TRUE((*ex)->allocate().ok());
  // w = 0.5 everywhere: each unit is 0.5 * sum(x) + bias = 5 + {1, 2, 3}
  const std::vector<float> y = run_fc(**ex, {1, 2, 3, 4});
  const double e6 = std::exp(6.0), e7 = std::exp(7.0), e8 = std::exp(8.0), s = e6 + e7 + e8;
  ASSERT_EQ(y.size(), 3u);
  EXPECT_NEAR(y[0], e6 / s, 1e-6);
  EXPECT_NEAR(y[1], e7 / s, 1e-6);
  EXPECT_NEAR(y[2], e8 / s, 1e-6);
}

TEST(Executor, FusedReluClamps) {
  auto model = load(testing::small_fc_model());
  auto ex = Executor::create(model);
  ASSERT_TRUE(ex.ok());
  // 0.5 * sum(x) = -20: every unit is negative before RELU, so all three are
  // 0 and the softmax is uniform.
  const std::vector<float> y = run_fc(**ex, {-10, -10, -10, -10});
  for (float v : y) EXPECT_NEAR(v, 1.0f / 3.0f, 1e-6);
}

TEST(Executor, InvokeProfiledTimesEachOpAndComputesTheSame) {
  auto model = load(testing::small_fc_model());
  auto ex = Executor::create(model);
  ASSERT_TRUE(ex.ok());
  const std::vector<float> x = {1, 2, 3, 4};
  const std::vector<float> plain = run_fc(**ex, x);
  std::vector<double> seconds = {42.0};
  ASSERT_TRUE((*ex)->invoke_profiled(&seconds).ok());
  ASSERT_EQ(seconds.size(), (*ex)->graph().ops.size());
  for (double s : seconds) EXPECT_GE(s, 0.0);
  const RtTensor& y = (*ex)->output(0);
  EXPECT_EQ(std::vector<float>(y.as<float>(), y.as<float>() + y.num_elements()), plain);
}

TEST(Executor, ListsEveryMissingKernel) {
  TModel m = testing::small_fc_model();
  m.subgraphs[0].ops[1] = TOp{.builtin_code = 32, .custom_code = "MyOp", .inputs = {3}, .outputs = {4}};
  auto ex = Executor::create(load(m));
  ASSERT_FALSE(ex.ok());
  EXPECT_NE(ex.status().message().find("cannot run yet: CUSTOM:MyOp (version 1) has no registered kernel"), std::string::npos)
      << ex.status().message();
}

TEST(Executor, ResizeChecksTheShapeSignature) {
  TModel m = testing::small_fc_model();
  m.subgraphs[0].tensors[0].shape_signature = {-1, 4};
  auto ex = Executor::create(load(m));
  ASSERT_TRUE(ex.ok());
  EXPECT_FALSE((*ex)->resize_input(0, {2, 5}).ok());
  Status bad = (*ex)->resize_input(0, {2, 3});
  EXPECT_NE(bad.message().find("shape signature is [-1,4]"), std::string::npos) << bad.message();
  ASSERT_TRUE((*ex)->resize_input(0, {2, 4}).ok());
  ASSERT_TRUE((*ex)->allocate().ok());
  EXPECT_EQ((*ex)->output(0).shape, (std::vector<int32_t>{2, 3}));
  const std::vector<float> y = run_fc(**ex, {1, 2, 3, 4, -10, -10, -10, -10});
  ASSERT_EQ(y.size(), 6u);
  EXPECT_NEAR(y[3], 1.0f / 3.0f, 1e-6);
  EXPECT_GT(y[2], y[1]);
}

TEST(Executor, ConcurrentExecutorsAgree) {
  auto model = load(testing::small_fc_model());
  std::vector<std::vector<float>> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto ex = Executor::create(model);
      if (!ex.ok()) return;
      for (int rep = 0; rep < 200; ++rep) results[t] = run_fc(**ex, {1, 2, 3, static_cast<float>(t)});
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) {
    auto ex = Executor::create(model);
    ASSERT_TRUE(ex.ok());
    EXPECT_EQ(results[t], run_fc(**ex, {1, 2, 3, static_cast<float>(t)})) << "thread " << t;
  }
}

}  // namespace
}  // namespace xlite

namespace xlite {
namespace {

// x -> RELU -> RESHAPE -> RELU6 -> y: the reshape is a view of the first
// RELU's output and the RELU6 writes over it (nothing reads it later); x is
// the caller's data and is never overwritten. Two buffers, not four.
TEST(Executor, ViewsAndInPlaceShareBuffers) {
  auto parsed = parse_model(R"(subgraph 0 "main" {
  %0 "x": float32[2,8] = input
  %2: int32[2] = const [4, 4]
  %1: float32[2,8] = RELU(%0)
  %3: float32[4,4] = RESHAPE(%1, %2)
  %4 "y": float32[4,4] = RELU6(%3)
  return %4
}
)");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  auto ex = Executor::create(std::make_shared<const Model>(std::move(*parsed)));
  ASSERT_TRUE(ex.ok()) << ex.status().message();
  Executor& e = **ex;
  EXPECT_EQ(e.arena_bytes(), 128u);
  EXPECT_EQ(e.naive_arena_bytes(), 256u);
  float x[16];
  for (int i = 0; i < 16; ++i) x[i] = static_cast<float>(i) - 4.0f;
  std::memcpy(e.input(0).data, x, sizeof x);
  ASSERT_TRUE(e.invoke().ok());
  for (int i = 0; i < 16; ++i) EXPECT_EQ(e.output(0).as<float>()[i], std::min(std::max(x[i], 0.0f), 6.0f)) << i;
  // The input is untouched: a second run gives the same answer.
  for (int i = 0; i < 16; ++i) EXPECT_EQ(e.input(0).as<float>()[i], x[i]);
}

}  // namespace
}  // namespace xlite
