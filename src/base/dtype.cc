// SPDX-License-Identifier: Apache-2.0
#include "base/dtype.h"

#include "base/checked_math.h"

namespace xlite {

std::string_view dtype_name(DType t) {
  switch (t) {
#define XLITE_DTYPE(e, name, bits) \
  case DType::e:                   \
    return name;
#include "base/dtypes.def"
#undef XLITE_DTYPE
  }
  return "?";
}

int dtype_bits(DType t) {
  switch (t) {
#define XLITE_DTYPE(e, name, bits) \
  case DType::e:                   \
    return bits;
#include "base/dtypes.def"
#undef XLITE_DTYPE
  }
  return 0;
}

std::optional<DType> dtype_from_name(std::string_view n) {
#define XLITE_DTYPE(e, name, bits) \
  if (n == name) return DType::e;
#include "base/dtypes.def"
#undef XLITE_DTYPE
  return std::nullopt;
}

std::optional<int64_t> dtype_storage_bytes(DType t, int64_t count) {
  const int bits = dtype_bits(t);
  if (bits == 0 || count < 0) return std::nullopt;
  auto total_bits = checked_mul(count, bits);
  if (!total_bits) return std::nullopt;
  return (*total_bits + 7) / 8;
}

}  // namespace xlite
