// SPDX-License-Identifier: Apache-2.0
// fp32 multiply-add throughput in plain C++ (whatever the compiler makes of
// 32 independent chains for the baseline target).
#include <cstdint>

#include "kernels/peak.h"

namespace xlite::kernels {
namespace {

constexpr int kChains = 32;

uint64_t run(uint64_t iterations, float* sink) {
  const float a = 0.999f, b = *sink * 1e-3f + 1e-3f;
  float acc[kChains];
  for (int j = 0; j < kChains; ++j) acc[j] = static_cast<float>(j);
  for (uint64_t i = 0; i < iterations; ++i)
    for (int j = 0; j < kChains; ++j) acc[j] = acc[j] * a + b;
  float total = 0;
  for (float x : acc) total += x;
  *sink = total;
  return iterations * kChains * 2;
}

}  // namespace

extern const PeakF32Kernel peak_f32_portable = {&run};

}  // namespace xlite::kernels
