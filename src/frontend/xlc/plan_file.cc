// SPDX-License-Identifier: Apache-2.0
#include "frontend/xlc/plan_file.h"

#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/mapped_file.h"
#include "ir/text.h"
#include "ir/verify.h"

namespace xlite {
namespace {

constexpr char kMagic[8] = {'X', 'L', 'I', 'T', 'E', 'P', 'L', 'N'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeader = 48;

uint64_t read_u64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void put_u64(std::vector<uint8_t>& b, size_t at, uint64_t v) { std::memcpy(b.data() + at, &v, 8); }

}  // namespace

bool is_plan_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, 8);
  return in.gcount() == 8 && std::memcmp(head, kMagic, 8) == 0;
}

Status save_plan(const Model& model, const std::string& path, bool overwrite) {
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(path, ec))
    return Status::error(path + " exists; pass --overwrite to replace it");
  std::vector<uint8_t> data;
  PrintOptions opt;
  opt.external = &data;
  const std::string text = print_model(model, opt);
  std::vector<uint8_t> file(kHeader, 0);
  std::memcpy(file.data(), kMagic, 8);
  std::memcpy(file.data() + 8, &kVersion, 4);
  const uint64_t text_off = 64;
  const uint64_t data_off = (text_off + text.size() + 63) / 64 * 64;
  put_u64(file, 16, text_off);
  put_u64(file, 24, text.size());
  put_u64(file, 32, data_off);
  put_u64(file, 40, data.size());
  file.resize(text_off, 0);
  file.insert(file.end(), text.begin(), text.end());
  file.resize(data_off, 0);
  file.insert(file.end(), data.begin(), data.end());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::error("cannot write " + path + ": " + std::strerror(errno));
  out.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  if (!out) return Status::error("cannot write " + path + ": " + std::strerror(errno));
  return ok_status();
}

Result<Model> load_plan(const std::string& path) {
  auto mapped = map_file(path);
  if (!mapped.ok()) return mapped.status();
  return load_plan_bytes(mapped.value());
}

Result<Model> load_plan_bytes(std::shared_ptr<const Bytes> bytes) {
  const std::span<const uint8_t> f = bytes->data();
  if (f.size() < kHeader || std::memcmp(f.data(), kMagic, 8) != 0)
    return Status::error("not an xlite plan file (no XLITEPLN header)");
  uint32_t version;
  std::memcpy(&version, f.data() + 8, 4);
  if (version != kVersion)
    return Status::error("plan format version " + std::to_string(version) + " is not supported (this xlite reads " +
                         std::to_string(kVersion) + "); compile the .tflite again");
  auto section = [&](size_t at, const char* what) -> Result<std::span<const uint8_t>> {
    const uint64_t off = read_u64(f.data() + at), size = read_u64(f.data() + at + 8);
    if (off > f.size() || size > f.size() - off)
      return Status::error(std::string("plan file ") + what + " section [" + std::to_string(off) + ", +" +
                           std::to_string(size) + ") lies outside the " + std::to_string(f.size()) + "-byte file");
    return f.subspan(off, size);
  };
  auto text = section(16, "text");
  if (!text.ok()) return text.status();
  auto data = section(32, "data");
  if (!data.ok()) return data.status();
  auto model = parse_model(std::string_view(reinterpret_cast<const char*>(text->data()), text->size()), *data, bytes);
  if (!model.ok()) return Status::error("plan file text: " + model.status().message());
  model->file_bytes = f.size();
  XLITE_RETURN_IF_ERROR(verify(*model));
  return model;
}

}  // namespace xlite
