// SPDX-License-Identifier: Apache-2.0
// xlite.Int8Table against the ops it replaces: int8/uint8 swish (LOGISTIC
// then MUL) run on the reference kernels, and the same model after
// fuse_int8_table run with the vectorised lookup on several threads, must
// agree bit for bit on every code, over sizes with odd remainders and one
// large enough to be split across the threads; and a bad table is refused
// with an error that says what is wrong; the StableHLO export, which
// compiles without the fusion, refuses a plan that holds it by name.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "compiler/pipeline.h"
#include "emit/stablehlo/module.h"
#include "ir/text.h"
#include "runtime/executor.h"

namespace xlite {
namespace {

struct Swish {
  const char* dtype;
  const char* x_q;    // "scale, zero point"
  const char* s_q;
  const char* y_q;
  int act;            // MUL's fused activation
  bool x_first;       // MUL(x, s) or MUL(s, x)
};

std::string swish_ir(const Swish& c, int64_t n) {
  const std::string t = std::string(c.dtype) + "[" + std::to_string(n) + "]";
  return "subgraph 0 \"main\" {\n"
         "  %0 \"x\": " + t + " q(" + c.x_q + ") = input\n"
         "  %1: " + t + " q(" + c.s_q + ") = LOGISTIC(%0)\n"
         "  %2 \"y\": " + t + " q(" + c.y_q + ") = MUL(" + (c.x_first ? "%0, %1" : "%1, %0") +
         ") {fused_activation_function=" + std::to_string(c.act) + "}\n"
         "  return %2\n}\n";
}

std::vector<uint8_t> run(const Model& m, const std::vector<uint8_t>& x, const ExecutorOptions& opt) {
  auto ex = Executor::create(std::make_shared<const Model>(m), 0, opt);
  EXPECT_TRUE(ex.ok()) << ex.status().message();
  if (!ex.ok()) return {};
  std::memcpy((*ex)->input(0).data, x.data(), x.size());
  Status st = (*ex)->invoke();
  EXPECT_TRUE(st.ok()) << st.message();
  const RtTensor& y = (*ex)->output(0);
  return std::vector<uint8_t>(y.data, y.data + y.bytes);
}

TEST(Int8Table, FusedSwishIsBitExactWithTheTwoOps) {
  const Swish cases[] = {
      {"int8", "0.05, -10", "0.00390625, -128", "0.03, -20", 0, true},
      {"int8", "0.2, 5", "0.00390625, -128", "0.1, -100", 3, false},   // RELU6
      {"int8", "0.013, 0", "0.00390625, -128", "0.5, 7", 1, true},     // RELU, coarse output
      {"int8", "1e-05, -3", "0.00390625, -128", "5e-06, -4", 0, false},  // EfficientNet-like tiny scales
      {"uint8", "0.1, 128", "0.00390625, 0", "0.02, 3", 1, false},
      {"uint8", "0.04, 90", "0.00390625, 0", "0.03, 11", 0, true},
  };
  std::mt19937 rng(7);
  for (const Swish& c : cases) {
    for (int64_t n : {int64_t{1}, int64_t{31}, int64_t{256}, int64_t{1000}, int64_t{600001}}) {
      auto m = parse_model(swish_ir(c, n));
      ASSERT_TRUE(m.ok()) << m.status().message();
      Model fused = *m;
      CompileReport report;
      ASSERT_TRUE(compile(fused, {}, &report).ok());
      ASSERT_EQ(fused.subgraphs[0].ops.size(), 1u);
      ASSERT_EQ(fused.subgraphs[0].ops[0].custom_code, "xlite.Int8Table");
      // Every code at least once (n >= 256), then random ones.
      std::vector<uint8_t> x(static_cast<size_t>(n));
      for (size_t i = 0; i < x.size(); ++i) x[i] = i < 256 ? static_cast<uint8_t>(i) : static_cast<uint8_t>(rng());
      const auto want = run(*m, x, {.num_threads = 1, .reference_kernels = true});
      for (bool reference : {false, true}) {
        const auto got = run(fused, x, {.num_threads = reference ? 1 : 4, .reference_kernels = reference});
        ASSERT_EQ(want.size(), got.size());
        for (size_t i = 0; i < want.size(); ++i)
          ASSERT_EQ(want[i], got[i]) << c.dtype << " x q(" << c.x_q << ") y q(" << c.y_q << ") n=" << n
                                     << " code " << int{x[i]} << (reference ? " reference" : " fast");
      }
    }
  }
}

TEST(Int8Table, RefusesABadTable) {
  auto make = [](const std::string& dtype, const std::string& table) {
    return parse_model("subgraph 0 \"main\" {\n  %0 \"x\": " + dtype + "[4] q(0.1, 0) = input\n  %1 \"y\": " + dtype +
                       "[4] q(0.1, 0) = CUSTOM:\"xlite.Int8Table\"(%0) {table=" + table + "}\n  return %1\n}\n");
  };
  auto error_of = [](Result<Model> m) -> std::string {
    if (!m.ok()) return "parse: " + m.status().message();
    auto ex = Executor::create(std::make_shared<const Model>(*m));
    return ex.ok() ? "" : ex.status().message();
  };
  std::string short_table = "[1, 2, 3]";
  EXPECT_NE(error_of(make("int8", short_table)).find("256 codes, holds 3"), std::string::npos)
      << error_of(make("int8", short_table));
  std::string wide = "[";
  for (int i = 0; i < 256; ++i) wide += (i ? ", " : "") + std::to_string(i == 9 ? 200 : 0);
  wide += "]";
  EXPECT_NE(error_of(make("int8", wide)).find("table entry 9 (200) is outside int8"), std::string::npos)
      << error_of(make("int8", wide));
  EXPECT_EQ(error_of(make("uint8", wide)), "");
  EXPECT_NE(error_of(make("int16", wide)).find("int16"), std::string::npos);
}

TEST(Int8Table, StableHloExportNamesTheFusedOp) {
  auto m = parse_model(swish_ir({"int8", "0.05, -10", "0.00390625, -128", "0.03, -20", 0, true}, 16));
  ASSERT_TRUE(m.ok()) << m.status().message();
  Model fused = *m;
  ASSERT_TRUE(compile(fused, {}, nullptr).ok());
  for (auto mode : {shlo::QuantMode::kFloat, shlo::QuantMode::kInteger}) {
    EXPECT_TRUE(shlo::export_stablehlo(*m, {.quant = mode}).ok());
    auto r = shlo::export_stablehlo(fused, {.quant = mode});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "no StableHLO lowering yet for: CUSTOM:xlite.Int8Table (1)");
  }
}

}  // namespace
}  // namespace xlite
