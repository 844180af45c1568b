// SPDX-License-Identifier: Apache-2.0
// The text IR: print(parse(s)) == s on every committed model, and parse
// errors that name the line.
#include "ir/text.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "frontend/tflite/reader.h"
#include "ir/verify.h"

namespace xlite {
namespace {

constexpr char kSmall[] = R"(subgraph 0 "main" {
  %0 "x": float32[1,4] sig[-1,4] = input
  %1 "w": int8[2,4] q(axis=0, [0.5,0.25], [0,0]) = const [1, 2, 3, 4, 5, 6, -7, -128]
  %2: float32[2] = const [0.5, -1.25e-07]
  %5: int32[0] = unused
  %3 "y": float32[1,2] = FULLY_CONNECTED.v2(%0, %1, _) {fused_activation_function=1, keep_num_dims=false, alpha=1.0, sizes=[1,-2], scales=f[0.5,2.0], s="a\"b"}
  %4: float32[1,2], %6: float32[1,2] = CUSTOM:"My Op"(%3, %2) custom_options 0x0aff
  return %4, %6
}
signature "serving_default" subgraph 0 inputs("x"=%0) outputs("y"=%4)
)";

TEST(TextIr, ParsesAndPrintsTheSameText) {
  auto m = parse_model(kSmall);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(print_model(*m), kSmall);
  const Graph& g = m->subgraphs[0];
  ASSERT_EQ(g.tensors.size(), 7u);
  EXPECT_EQ(g.tensors[1].quant.scale, (std::vector<float>{0.5f, 0.25f}));
  EXPECT_EQ(g.tensors[1].data.size(), 8u);
  EXPECT_EQ(static_cast<int8_t>(g.tensors[1].data[7]), -128);
  EXPECT_EQ(g.ops[0].version, 2);
  EXPECT_EQ(g.ops[0].inputs, (std::vector<int32_t>{0, 1, -1}));
  EXPECT_EQ(g.ops[0].attrs.get_float("alpha"), 1.0);
  EXPECT_TRUE(std::holds_alternative<double>(*g.ops[0].attrs.find("alpha")));
  EXPECT_EQ(g.ops[1].custom_code, "My Op");
  EXPECT_EQ(g.ops[1].custom_options.size(), 2u);
  EXPECT_EQ(g.tensors[0].shape_signature, (std::vector<int32_t>{-1, 4}));
}

TEST(TextIr, ElidesLargeConstants) {
  auto m = parse_model(kSmall);
  ASSERT_TRUE(m.ok());
  const std::string s = print_model(*m, {.max_inline_elements = 4});
  EXPECT_NE(s.find("= const <8 bytes>"), std::string::npos) << s;
  auto back = parse_model(s);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("line 3: constant data was elided"), std::string::npos)
      << back.status().message();
}

TEST(TextIr, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* expect;
  };
  const Case cases[] = {
      {"subgraph 0 \"m\" {\n  %0: float99[1] = input\n  return %0\n}\n", "line 2: unknown dtype 'float99'"},
      {"subgraph 0 \"m\" {\n  %0: float32[1] = input\n  %1: float32[1] = FOO(%0)\n  return %1\n}\n",
       "line 3: unknown op 'FOO'"},
      {"subgraph 0 \"m\" {\n  %0: float32[1] = input\n  %0: float32[1] = input\n}\n", "declared twice"},
      {"subgraph 0 \"m\" {\n  %1: float32[1] = input\n  return %1\n}\n", "tensor %0 is never declared"},
      {"subgraph 0 \"m\" {\n  %0: int8[2] = const [1, 300]\n}\n", "line 2: value out of range"},
      {"subgraph 0 \"m\" {\n  %0: float32[1] = input\n", "not closed"},
      {"", "no subgraph"},
  };
  for (const Case& c : cases) {
    auto m = parse_model(c.text);
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_NE(m.status().message().find(c.expect), std::string::npos) << m.status().message();
  }
}

// Every committed model: print, parse, print again gives the same text, and
// the parsed model verifies.
TEST(TextIr, RoundTripsEveryCommittedModel) {
  namespace fs = std::filesystem;
  int n = 0;
  for (const char* dir : {"tests/models/ops", "models/digits"}) {
    for (const auto& e : fs::directory_iterator(fs::path(XLITE_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".tflite") continue;
      auto m = load_tflite_file(e.path().string());
      ASSERT_TRUE(m.ok()) << e.path() << ": " << m.status().message();
      if (std::any_of(m->subgraphs.begin(), m->subgraphs.end(), [](const Graph& g) {
            return std::any_of(g.tensors.begin(), g.tensors.end(), [](const Tensor& t) { return t.sparsity.has_value(); });
          }))
        continue;  // sparse tensors have no text form
      const PrintOptions all{.max_inline_elements = INT64_MAX};
      const std::string text = print_model(*m, all);
      auto back = parse_model(text);
      ASSERT_TRUE(back.ok()) << e.path() << ": " << back.status().message();
      EXPECT_EQ(print_model(*back, all), text) << e.path();
      Status v = verify(*back);
      EXPECT_TRUE(v.ok()) << e.path() << ": " << v.message();
      ++n;
    }
  }
  EXPECT_GT(n, 300);
}

}  // namespace
}  // namespace xlite
