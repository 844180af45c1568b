// SPDX-License-Identifier: Apache-2.0
// Golden tests of the passes: every tests/passes/*.txt holds cases
//
//   === <what the case shows>
//   --- passes: <pass> [<pass> ...]
//   --- input
//   <text IR>
//   --- expected            (or "--- expected: unchanged")
//   <text IR>
//
// The input is parsed and verified, the passes run in order, the model is
// verified again and printed; the text must equal the expected block.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/pipeline.h"
#include "ir/text.h"
#include "ir/verify.h"

namespace xlite {
namespace {

const PrintOptions kAll{.max_inline_elements = INT64_MAX};

struct Case {
  std::string file, title, input, expected;
  std::vector<std::string> passes;
  bool unchanged = false;
};

std::vector<Case> read_cases(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line;
  std::string* sink = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      cases.push_back({path.filename().string(), line.substr(4)});
      sink = nullptr;
    } else if (line.rfind("--- passes:", 0) == 0) {
      std::istringstream ss(line.substr(11));
      for (std::string p; ss >> p;) cases.back().passes.push_back(p);
    } else if (line == "--- input") {
      sink = &cases.back().input;
    } else if (line == "--- expected: unchanged") {
      cases.back().unchanged = true;
      sink = nullptr;
    } else if (line == "--- expected") {
      sink = &cases.back().expected;
    } else if (sink) {
      *sink += line + "\n";
    }
  }
  // Blank lines separate cases; they are not part of a block.
  for (Case& c : cases)
    for (std::string* b : {&c.input, &c.expected})
      while (b->size() >= 2 && b->ends_with("\n\n")) b->pop_back();
  return cases;
}

TEST(PassGolden, EveryCaseMatches) {
  namespace fs = std::filesystem;
  int n = 0;
  for (const auto& e : fs::directory_iterator(fs::path(XLITE_SOURCE_DIR) / "tests/passes")) {
    if (e.path().extension() != ".txt") continue;
    for (const Case& c : read_cases(e.path())) {
      SCOPED_TRACE(c.file + ": " + c.title);
      ASSERT_FALSE(c.passes.empty());
      auto m = parse_model(c.input);
      ASSERT_TRUE(m.ok()) << m.status().message();
      Status v = verify(*m);
      ASSERT_TRUE(v.ok()) << "input does not verify: " << v.message();
      ASSERT_EQ(print_model(*m, kAll), c.input) << "input is not in canonical form";
      bool changed = false;
      for (const std::string& p : c.passes) {
        auto r = run_pass(p, *m, nullptr);
        ASSERT_TRUE(r.ok()) << r.status().message();
        changed = changed || *r;
        v = verify(*m);
        ASSERT_TRUE(v.ok()) << "after " << p << ": " << v.message();
      }
      if (c.unchanged) {
        EXPECT_FALSE(changed);
        EXPECT_EQ(print_model(*m, kAll), c.input);
      } else {
        EXPECT_TRUE(changed);
        EXPECT_EQ(print_model(*m, kAll), c.expected);
      }
      ++n;
    }
  }
  EXPECT_GE(n, 10);
}

}  // namespace
}  // namespace xlite
