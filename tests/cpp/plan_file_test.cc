// SPDX-License-Identifier: Apache-2.0
// The compiled plan file: a saved model loads back to the same text IR and
// the same results; a damaged file is refused with an error.
#include "frontend/xlc/plan_file.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "compiler/pipeline.h"
#include "frontend/tflite/reader.h"
#include "ir/text.h"

namespace xlite {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void write_all(const fs::path& p, const std::vector<uint8_t>& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

class PlanFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("xlite_plan_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(PlanFile, RoundTripsCompiledModels) {
  for (const char* name : {"models/digits/digits_int8.tflite", "tests/models/ops/conv2d_same_relu6_f16w.tflite",
                           "tests/models/ops/split_v_f32.tflite"}) {
    auto m = load_tflite_file((fs::path(XLITE_SOURCE_DIR) / name).string());
    ASSERT_TRUE(m.ok()) << name << ": " << m.status().message();
    ASSERT_TRUE(compile(*m, {}, nullptr).ok());
    const fs::path out = dir_ / "m.xlc";
    ASSERT_TRUE(save_plan(*m, out.string(), true).ok());
    EXPECT_TRUE(is_plan_file(out.string()));
    auto back = load_plan(out.string());
    ASSERT_TRUE(back.ok()) << name << ": " << back.status().message();
    const PrintOptions all{.max_inline_elements = INT64_MAX};
    EXPECT_EQ(print_model(*back, all), print_model(*m, all)) << name;
    // Constants are 64-byte aligned views into the mapped file.
    for (const Tensor& t : back->subgraphs[0].tensors)
      if (t.is_constant()) EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data.data()) % 64, 0u) << t.name;
  }
}

TEST_F(PlanFile, DoesNotOverwriteWithoutBeingAsked) {
  auto m = load_tflite_file((fs::path(XLITE_SOURCE_DIR) / "models/digits/digits_f32.tflite").string());
  ASSERT_TRUE(m.ok());
  const fs::path out = dir_ / "m.xlc";
  write_all(out, {1, 2, 3});
  Status st = save_plan(*m, out.string(), false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("exists; pass --overwrite"), std::string::npos);
  EXPECT_EQ(read_all(out), (std::vector<uint8_t>{1, 2, 3}));
}

TEST_F(PlanFile, RefusesDamagedFiles) {
  auto m = load_tflite_file((fs::path(XLITE_SOURCE_DIR) / "models/digits/digits_int8.tflite").string());
  ASSERT_TRUE(m.ok());
  const fs::path good = dir_ / "good.xlc";
  ASSERT_TRUE(save_plan(*m, good.string(), true).ok());
  const std::vector<uint8_t> bytes = read_all(good);
  struct Case {
    const char* what;
    std::function<void(std::vector<uint8_t>&)> damage;
    const char* expect;
  };
  auto put64 = [](std::vector<uint8_t>& b, size_t at, uint64_t v) { std::memcpy(b.data() + at, &v, 8); };
  const Case cases[] = {
      {"magic", [](auto& b) { b[0] = 'Y'; }, "not an xlite plan file"},
      {"version", [](auto& b) { b[8] = 9; }, "plan format version 9"},
      {"text range", [&](auto& b) { put64(b, 24, uint64_t{1} << 62); }, "text section"},
      {"data range", [&](auto& b) { put64(b, 32, b.size() - 4); }, "data section"},
      {"truncated data", [](auto& b) { b.resize(b.size() - 100); }, "outside"},
      {"short", [](auto& b) { b.resize(20); }, "not an xlite plan file"},
      {"text", [](auto& b) { b[70] = '%'; }, "plan file text: line 1"},
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> b = bytes;
    c.damage(b);
    const fs::path p = dir_ / "bad.xlc";
    write_all(p, b);
    auto r = load_plan(p.string());
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << c.what << ": " << r.status().message();
  }
}

}  // namespace
}  // namespace xlite
