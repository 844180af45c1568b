// SPDX-License-Identifier: Apache-2.0
// `xlite peak`: this machine's single-core arithmetic limit (fp32 FMA and
// int8 multiply-add), so benchmarks can show each model's fraction of it.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "kernels/peak.h"

namespace xlite::cli {

int run_peak(const PeakArgs& args) {
  if (args.seconds <= 0 || args.seconds > 60) {
    print_error("--seconds must be in (0, 60]");
    return 2;
  }
  const kernels::PeakResult r = kernels::measure_peak(args.seconds);
  if (args.json) {
    nlohmann::json j = {{"f32_gflops", r.f32_gflops},
                        {"i8_gops", r.i8_gops},
                        {"f32_variant", r.f32_variant},
                        {"i8_variant", r.i8_variant}};
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  std::printf("fp32  %8.1f GFLOP/s  (%s, one core)\n", r.f32_gflops, r.f32_variant);
  std::printf("int8  %8.1f GOP/s    (%s, one core)\n", r.i8_gops, r.i8_variant);
  return 0;
}

}  // namespace xlite::cli
