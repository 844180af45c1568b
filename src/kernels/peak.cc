// SPDX-License-Identifier: Apache-2.0
#include "kernels/peak.h"

#include <algorithm>
#include <chrono>

#include "kernels/kernels.h"

namespace xlite::kernels {
namespace {

using Clock = std::chrono::steady_clock;

// Best ops/second of a few timed runs of `run`, each about seconds / kReps
// long, after calibrating the iteration count.
template <class Run>
double best_rate(Run run, double seconds) {
  constexpr int kReps = 5;
  uint64_t iters = 1024;
  for (;;) {  // calibrate (also warms up clocks and caches)
    const auto t0 = Clock::now();
    run(iters);
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    if (dt >= 0.01 || iters >= (uint64_t{1} << 40)) {
      iters = std::max<uint64_t>(1, static_cast<uint64_t>(static_cast<double>(iters) * (seconds / kReps) / dt));
      break;
    }
    iters *= 4;
  }
  double best = 0;
  for (int r = 0; r < kReps; ++r) {
    const auto t0 = Clock::now();
    const uint64_t ops = run(iters);
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    if (dt > 0) best = std::max(best, static_cast<double>(ops) / dt);
  }
  return best;
}

}  // namespace

PeakResult measure_peak(double seconds, Isa cap) {
  PeakResult r;
  const Variant<PeakF32Kernel>& f = select<PeakF32Kernel>(cap);
  const Variant<PeakI8Kernel>& q = select<PeakI8Kernel>(cap);
  float fsink = 0;
  int32_t qsink = 0;
  r.f32_gflops = best_rate([&](uint64_t n) { return f.kernel->run(n, &fsink); }, seconds) * 1e-9;
  r.i8_gops = best_rate([&](uint64_t n) { return q.kernel->run(n, &qsink); }, seconds) * 1e-9;
  r.f32_variant = f.name;
  r.i8_variant = q.name;
  return r;
}

}  // namespace xlite::kernels
