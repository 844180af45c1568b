// SPDX-License-Identifier: Apache-2.0
// map_file and Bytes::release: released pages read back unchanged, and a
// range outside the mapping (or owned bytes) is left alone.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "base/mapped_file.h"

namespace xlite {
namespace {

TEST(MappedFile, ReleasedPagesReadBackUnchanged) {
  const auto path = std::filesystem::temp_directory_path() / "xlite_mapped_file_test.bin";
  std::vector<uint8_t> want(5 * 4096 + 123);
  for (size_t i = 0; i < want.size(); ++i) want[i] = static_cast<uint8_t>(i * 7 + 3);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(want.data()), want.size());
  auto bytes = map_file(path.string());
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  std::span<const uint8_t> d = (*bytes)->data();
  ASSERT_EQ(d.size(), want.size());
  uint64_t sum = 0;
  for (uint8_t b : d) sum += b;  // fault every page in
  EXPECT_GT(sum, 0u);
  (*bytes)->release(d.subspan(100, 3 * 4096));  // partial pages at both ends stay
  (*bytes)->release(d);
  std::vector<uint8_t> outside(64);
  (*bytes)->release(outside);  // not part of the mapping: ignored
  EXPECT_TRUE(std::equal(d.begin(), d.end(), want.begin()));
  std::filesystem::remove(path);

  // Owned bytes are never dropped (they are the only copy).
  auto owned = copy_bytes(want);
  owned->release(owned->data());
  EXPECT_TRUE(std::equal(owned->data().begin(), owned->data().end(), want.begin()));
}

}  // namespace
}  // namespace xlite
