// SPDX-License-Identifier: Apache-2.0
// Element types of tensors, from dtypes.def.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace xlite {

enum class DType : uint8_t {
#define XLITE_DTYPE(e, name, bits) e,
#include "base/dtypes.def"
#undef XLITE_DTYPE
};

std::string_view dtype_name(DType t);
// Bits per element; 0 for types without a fixed-size element.
int dtype_bits(DType t);
std::optional<DType> dtype_from_name(std::string_view name);
// Bytes needed for `count` packed elements (sub-byte types round up), or
// nullopt for variable-size types or on overflow.
std::optional<int64_t> dtype_storage_bytes(DType t, int64_t count);

}  // namespace xlite
