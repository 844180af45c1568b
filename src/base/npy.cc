// SPDX-License-Identifier: Apache-2.0
#include "base/npy.h"

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "base/checked_math.h"

namespace xlite {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

struct Descr {
  const char* code;
  DType dtype;
};
// '|' marks byte-sized types; '<' little-endian.
constexpr Descr kDescrs[] = {
    {"<f4", DType::kFloat32}, {"<f2", DType::kFloat16}, {"<f8", DType::kFloat64}, {"|i1", DType::kInt8},
    {"|u1", DType::kUInt8},   {"<i2", DType::kInt16},   {"<u2", DType::kUInt16},  {"<i4", DType::kInt32},
    {"<u4", DType::kUInt32},  {"<i8", DType::kInt64},   {"<u8", DType::kUInt64},  {"|b1", DType::kBool},
    {"<c8", DType::kComplex64}, {"<c16", DType::kComplex128},
};

std::optional<DType> dtype_of_descr(std::string d) {
  // Byte-sized types may be written '|', '<' or '='; '=' is native, which
  // is little-endian on every host xlite runs on.
  if (d.size() == 3 && (d[0] == '<' || d[0] == '=') && d[2] == '1') d[0] = '|';
  if (!d.empty() && d[0] == '=') d[0] = '<';
  for (const Descr& x : kDescrs)
    if (d == x.code) return x.dtype;
  return std::nullopt;
}

const char* descr_of(DType t) {
  for (const Descr& x : kDescrs)
    if (x.dtype == t) return x.code;
  return nullptr;
}

// Finds `'key':` in the header dict and returns what follows it.
std::optional<std::string> header_value(const std::string& h, const std::string& key) {
  const std::string k = "'" + key + "'";
  size_t p = h.find(k);
  if (p == std::string::npos) return std::nullopt;
  p = h.find(':', p + k.size());
  if (p == std::string::npos) return std::nullopt;
  ++p;
  while (p < h.size() && h[p] == ' ') ++p;
  return h.substr(p);
}

}  // namespace

Result<NpyArray> parse_npy(const std::vector<uint8_t>& b, const std::string& name) {
  auto bad = [&](const std::string& why) { return Status::error(name + ": not a usable .npy file: " + why); };
  if (b.size() < 10 || std::memcmp(b.data(), kMagic, 6) != 0) return bad("missing the \\x93NUMPY magic");
  const int major = b[6];
  size_t header_len, start;
  if (major == 1) {
    header_len = b[8] | (b[9] << 8);
    start = 10;
  } else if (major == 2 || major == 3) {
    if (b.size() < 12) return bad("truncated header");
    header_len = b[8] | (b[9] << 8) | (b[10] << 16) | (static_cast<size_t>(b[11]) << 24);
    start = 12;
  } else {
    return bad("format version " + std::to_string(major) + " is unknown");
  }
  if (start + header_len > b.size()) return bad("truncated header");
  const std::string h(reinterpret_cast<const char*>(b.data() + start), header_len);
  auto descr = header_value(h, "descr");
  auto fortran = header_value(h, "fortran_order");
  auto shape = header_value(h, "shape");
  if (!descr || !fortran || !shape) return bad("header lacks descr, fortran_order or shape");
  if (descr->empty() || (*descr)[0] != '\'') return bad("structured dtypes are not supported");
  const std::string code = descr->substr(1, descr->find('\'', 1) - 1);
  auto dt = dtype_of_descr(code);
  if (!dt) return bad("dtype '" + code + "' is not supported (big-endian or not numeric?)");
  if (fortran->rfind("True", 0) == 0) return bad("Fortran-ordered arrays are not supported; save with C order");
  NpyArray out;
  out.dtype = *dt;
  if (shape->empty() || (*shape)[0] != '(') return bad("malformed shape");
  const size_t close = shape->find(')');
  if (close == std::string::npos) return bad("malformed shape");
  std::stringstream ss(shape->substr(1, close - 1));
  std::string item;
  int64_t count = 1;
  while (std::getline(ss, item, ',')) {
    size_t i = item.find_first_not_of(' ');
    if (i == std::string::npos) continue;
    char* end = nullptr;
    const long long v = std::strtoll(item.c_str() + i, &end, 10);
    if (end == item.c_str() + i || v < 0) return bad("malformed shape");
    out.shape.push_back(v);
    auto c = checked_mul(count, v);
    if (!c) return bad("shape overflows");
    count = *c;
  }
  auto bytes = dtype_storage_bytes(out.dtype, count);
  const size_t data_start = start + header_len;
  if (!bytes || static_cast<uint64_t>(*bytes) != b.size() - data_start)
    return bad("holds " + std::to_string(b.size() - data_start) + " data bytes, its header says " +
               std::to_string(bytes.value_or(-1)));
  out.data.assign(b.begin() + static_cast<std::ptrdiff_t>(data_start), b.end());
  return out;
}

Result<NpyArray> read_npy(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error("cannot open '" + path + "': " + std::strerror(errno));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return parse_npy(bytes, path);
}

Status write_npy(const std::string& path, DType dtype, const std::vector<int64_t>& shape, const void* data,
                 size_t bytes, bool overwrite) {
  const char* code = descr_of(dtype);
  if (code == nullptr) return Status::error("cannot write " + std::string(dtype_name(dtype)) + " to .npy");
  struct stat st {};
  if (!overwrite && ::stat(path.c_str(), &st) == 0)
    return Status::error("'" + path + "' exists; pass --overwrite to replace it");
  std::string shape_s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) shape_s += ", ";
    shape_s += std::to_string(shape[i]);
  }
  shape_s += shape.size() == 1 ? ",)" : ")";  // Python's tuple syntax
  std::string header = std::string("{'descr': '") + code + "', 'fortran_order': False, 'shape': " + shape_s + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n' is a multiple of 64.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Status::error("cannot write '" + path + "': " + std::strerror(errno));
  f.write(kMagic, 6);
  const char version[2] = {1, 0};
  f.write(version, 2);
  const uint16_t len = static_cast<uint16_t>(header.size());
  const char len_le[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
  f.write(len_le, 2);
  f.write(header.data(), static_cast<std::streamsize>(header.size()));
  f.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!f) return Status::error("cannot write '" + path + "': " + std::strerror(errno));
  return ok_status();
}

}  // namespace xlite
