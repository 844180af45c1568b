// SPDX-License-Identifier: Apache-2.0
// int8 multiply-add throughput in plain C++: 32 chains of
// acc += int8(acc) * w, each step depending on the last.
#include <cstdint>

#include "kernels/peak.h"

namespace xlite::kernels {
namespace {

constexpr int kChains = 32;

uint64_t run(uint64_t iterations, int32_t* sink) {
  int32_t acc[kChains];
  int8_t w[kChains];
  for (int j = 0; j < kChains; ++j) {
    acc[j] = *sink + j;
    w[j] = static_cast<int8_t>(j - 16);
  }
  for (uint64_t i = 0; i < iterations; ++i)
    for (int j = 0; j < kChains; ++j)
      acc[j] = static_cast<int32_t>(static_cast<uint32_t>(acc[j]) +
                                    static_cast<uint32_t>(static_cast<int8_t>(acc[j]) * w[j]));
  int32_t total = 0;
  for (int32_t x : acc) total = static_cast<int32_t>(static_cast<uint32_t>(total) + static_cast<uint32_t>(x));
  *sink = total;
  return iterations * kChains * 2;
}

}  // namespace

extern const PeakI8Kernel peak_i8_portable = {&run};

}  // namespace xlite::kernels
