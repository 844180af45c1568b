// SPDX-License-Identifier: Apache-2.0
// The machine's single-core arithmetic limit, measured: fp32 FMA and int8
// dot-product throughput of the best instruction set (or a capped one),
// from independent register-only chains that never touch memory. Models'
// achieved GFLOP/s are reported as a fraction of this.
#pragma once

#include <cstdint>

#include "kernels/cpu_features.h"

namespace xlite::kernels {

// Each runs `iterations` of its loop and returns the operations done (an
// FMA lane counts 2, an int8 multiply-add 2). `sink` receives a value that
// depends on every operation so the loop is not optimised away.
struct PeakF32Kernel {
  uint64_t (*run)(uint64_t iterations, float* sink);
};
struct PeakI8Kernel {
  uint64_t (*run)(uint64_t iterations, int32_t* sink);
};

struct PeakResult {
  double f32_gflops = 0;  // 1e9 fp32 ops per second
  double i8_gops = 0;     // 1e9 int8 ops per second
  const char* f32_variant = "";
  const char* i8_variant = "";
};

// Runs each loop for about `seconds` (after a short warm-up) on the calling
// thread and reports the best rate of several repetitions.
PeakResult measure_peak(double seconds = 0.5, Isa cap = kBestIsa);

}  // namespace xlite::kernels
