// SPDX-License-Identifier: Apache-2.0
// NumPy .npy files (format 1.0-3.0, C order, little-endian) for tensors
// going in and out of the CLI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/dtype.h"
#include "base/status.h"

namespace xlite {

struct NpyArray {
  DType dtype = DType::kFloat32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;
};

// Errors name the file and what is wrong with it (e.g. float64 arrays are
// read, but are reported as such so the caller can say what it expected).
Result<NpyArray> read_npy(const std::string& path);
Result<NpyArray> parse_npy(const std::vector<uint8_t>& bytes, const std::string& name);
// Refuses to replace an existing file unless `overwrite`.
Status write_npy(const std::string& path, DType dtype, const std::vector<int64_t>& shape, const void* data,
                 size_t bytes, bool overwrite);

}  // namespace xlite
