// SPDX-License-Identifier: Apache-2.0
#include "inputs.h"

#include <cstring>
#include <type_traits>

namespace xlite::cli {

void fill_random(RtTensor& t, std::mt19937& rng) {
  const int64_t n = t.num_elements();
  auto ints = [&](auto* p, int lo, int hi) {
    std::uniform_int_distribution<int> d(lo, hi);
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<std::remove_pointer_t<decltype(p)>>(d(rng));
  };
  switch (t.dtype) {
    case DType::kFloat32: {
      std::uniform_real_distribution<float> d(-1.0f, 1.0f);
      for (int64_t i = 0; i < n; ++i) t.as<float>()[i] = d(rng);
      break;
    }
    case DType::kInt8: ints(t.as<int8_t>(), -128, 127); break;
    case DType::kUInt8: ints(t.as<uint8_t>(), 0, 255); break;
    case DType::kInt16: ints(t.as<int16_t>(), -32768, 32767); break;
    case DType::kInt32: ints(t.as<int32_t>(), 0, 9); break;
    case DType::kInt64: ints(t.as<int64_t>(), 0, 9); break;
    case DType::kBool: ints(t.as<uint8_t>(), 0, 1); break;
    default: std::memset(t.data, 0, t.bytes);
  }
}

}  // namespace xlite::cli
