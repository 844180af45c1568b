// SPDX-License-Identifier: Apache-2.0
// `xlite bench MODEL`: times the executor on seeded random inputs: init
// (load + verify + executor create/allocate), warm-up, then each invoke;
// reports median/min/p90 latency, arena bytes and peak RSS, and with
// --profile each op's median time. bench/run.py runs it beside LiteRT.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "base/npy.h"
#include "commands.h"
#include "frontend/tflite/reader.h"
#include "inputs.h"
#include "ir/stats.h"
#include "runtime/executor.h"

namespace xlite::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A line "Key:   1234 kB" of /proc/self/status, in bytes; -1 if absent.
int64_t proc_status_bytes(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(f, line))
    if (line.rfind(prefix, 0) == 0) return std::stoll(line.substr(prefix.size())) * 1024;
  return -1;
}

// Peak resident set: VmHWM, or getrusage's ru_maxrss (kB on Linux) where
// /proc is not there.
int64_t peak_rss_bytes() {
  const int64_t hwm = proc_status_bytes("VmHWM");
  if (hwm >= 0) return hwm;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<int64_t>(ru.ru_maxrss) * 1024;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string with_commas(int64_t v) {
  std::string s = std::to_string(v), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0 && s[i - 1] != '-') out += ',';
    out += s[i];
  }
  return out;
}

}  // namespace

int run_bench(const BenchArgs& args) {
  if (args.iterations < 1 || args.warmup < 0 || args.threads < 1 || !(args.warmup_ms >= 0)) {
    print_error("--iterations and --threads must be at least 1, --warmup and --warmup-ms at least 0");
    return 2;
  }
  const int64_t rss_start = proc_status_bytes("VmRSS");

  // Init: what a user waits for before the first invoke.
  const Clock::time_point t0 = Clock::now();
  auto custom_ops = load_custom_ops(args.custom_ops);
  if (!custom_ops.ok()) {
    print_error(custom_ops.status().message());
    return 1;
  }
  auto loaded = load_compiled(args.model, !args.no_compile);  // reads, verifies, optimizes
  if (!loaded.ok()) {
    print_error(args.model + ": " + loaded.status().message());
    return 1;
  }
  std::shared_ptr<const Model> model = loaded.value();
  const double load_ms = ms_since(t0);
  const Clock::time_point t1 = Clock::now();
  auto created = Executor::create(model, 0, {.num_threads = args.threads, .reference_kernels = args.reference_kernels,
                                                         .custom_ops = custom_ops.value()});
  if (!created.ok()) {
    print_error(args.model + ": " + created.status().message());
    return 1;
  }
  Executor& ex = *created.value();
  const double create_ms = ms_since(t1);
  const double init_ms = ms_since(t0);

  std::mt19937 rng(args.seed);
  json inputs = json::array();
  for (int i = 0; i < ex.num_inputs(); ++i) {
    RtTensor& t = ex.input(i);
    fill_random(t, rng);
    inputs.push_back({{"name", ex.input_name(i)}, {"dtype", std::string(dtype_name(t.dtype))}, {"shape", t.shape}});
    if (!args.save_inputs.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(args.save_inputs, ec);
      const std::string path = args.save_inputs + "/input_" + std::to_string(i) + ".npy";
      std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
      if (Status st = write_npy(path, t.dtype, shape, t.data, t.bytes, /*overwrite=*/true); !st.ok()) {
        print_error(st.message());
        return 1;
      }
    }
  }

  auto invoke = [&]() -> bool {
    if (Status st = ex.invoke(); !st.ok()) {
      print_error(args.model + ": " + st.message());
      return false;
    }
    return true;
  };
  double first_ms = -1;
  std::vector<double> times;
  // Warm-up: `warmup` invokes, and on until warmup_ms have passed.
  const Clock::time_point warm_start = Clock::now();
  for (int i = 0; i < args.warmup || ms_since(warm_start) < args.warmup_ms; ++i) {
    const Clock::time_point s = Clock::now();
    if (!invoke()) return 1;
    if (first_ms < 0) first_ms = ms_since(s);
  }
  for (int i = 0; i < args.iterations; ++i) {
    const Clock::time_point s = Clock::now();
    if (!invoke()) return 1;
    const double ms = ms_since(s);
    if (first_ms < 0) first_ms = ms;
    times.push_back(ms);
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());

  const Graph& g = ex.graph();
  const ModelStats stats = compute_stats(*model);
  json j;
  j["tool"] = "xlite";
  j["model"] = args.model;
  j["threads"] = args.threads;
  j["threads_used"] = ex.num_threads();
  j["reference_kernels"] = args.reference_kernels;
  j["warmup"] = args.warmup;
  j["warmup_ms"] = args.warmup_ms;
  j["iterations"] = args.iterations;
  j["seed"] = args.seed;
  j["inputs"] = inputs;
  j["latency_ms"] = {{"median", median(times)},
                     {"min", sorted.front()},
                     {"p90", percentile(sorted, 90)},
                     {"max", sorted.back()},
                     {"first", first_ms}};
  j["latencies_ms"] = times;
  j["init_ms"] = init_ms;
  j["init_breakdown_ms"] = {{"load_verify_compile", load_ms}, {"create_allocate", create_ms}};
  j["arena_bytes"] = ex.arena_bytes();
  j["rss_start_bytes"] = rss_start;
  j["macs"] = stats.macs;
  j["file_bytes"] = stats.file_bytes;

  json profile = json::array();
  json by_kind = json::object();
  if (args.profile) {
    // Separate iterations, so the latencies above carry no timing code.
    std::vector<std::vector<double>> per_op(g.ops.size());
    std::vector<double> seconds;
    for (int i = 0; i < args.iterations; ++i) {
      if (Status st = ex.invoke_profiled(&seconds); !st.ok()) {
        print_error(args.model + ": " + st.message());
        return 1;
      }
      for (size_t k = 0; k < g.ops.size(); ++k) per_op[k].push_back(seconds[k] * 1e3);
    }
    double total = 0;
    std::vector<double> med(g.ops.size(), 0);
    for (size_t k = 0; k < g.ops.size(); ++k) total += med[k] = median(per_op[k]);
    std::map<std::string, std::pair<int, double>> kinds;
    for (size_t k = 0; k < g.ops.size(); ++k) {
      if (ex.op_folded(static_cast<int>(k))) continue;
      const Op& op = g.ops[k];
      const std::string kind = op_display_name(op);
      json o = {{"index", k}, {"kind", kind}, {"ms", med[k]}, {"percent", total > 0 ? 100 * med[k] / total : 0}};
      if (!op.outputs.empty()) {
        const RtTensor& out = ex.tensor(op.outputs[0]);
        o["output_shape"] = out.shape;
        o["output_dtype"] = std::string(dtype_name(out.dtype));
      }
      o["macs"] = op_macs(g, op);
      profile.push_back(o);
      kinds[kind].first += 1;
      kinds[kind].second += med[k];
    }
    for (const auto& [kind, cm] : kinds)
      by_kind[kind] = {{"count", cm.first}, {"ms", cm.second}, {"percent", total > 0 ? 100 * cm.second / total : 0}};
    j["profile"] = profile;
    j["profile_by_kind"] = by_kind;
    j["profile_total_ms"] = total;
  }
  j["peak_rss_bytes"] = peak_rss_bytes();

  if (args.json) {
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
  }
  const json& lat = j["latency_ms"];
  std::printf("model       %s\n", args.model.c_str());
  std::printf("threads     %d%s\n", ex.num_threads(), args.reference_kernels ? " (reference kernels)" : "");
  std::printf("init        %.2f ms  (load + verify + compile %.2f ms, executor create + allocate %.2f ms)\n", init_ms, load_ms,
              create_ms);
  const std::string warm = args.warmup_ms > 0 ? " and " + std::to_string(static_cast<int64_t>(args.warmup_ms)) + " ms" : "";
  std::printf("latency     median %.3f ms  min %.3f ms  p90 %.3f ms  (%d iterations after %d warm-up%s; first %.3f ms)\n",
              lat["median"].get<double>(), lat["min"].get<double>(), lat["p90"].get<double>(), args.iterations,
              args.warmup, warm.c_str(), first_ms);
  std::printf("arena       %s bytes\n", with_commas(static_cast<int64_t>(ex.arena_bytes())).c_str());
  std::printf("peak RSS    %s bytes\n", with_commas(j["peak_rss_bytes"].get<int64_t>()).c_str());
  if (stats.macs > 0)
    std::printf("MACs        %s  (%.2f GMAC/s at the median)\n", with_commas(stats.macs).c_str(),
                static_cast<double>(stats.macs) / (lat["median"].get<double>() * 1e6));
  if (args.profile) {
    std::printf("\nper op (median over %d iterations; %% of the sum of op medians, %.3f ms)\n", args.iterations,
                j["profile_total_ms"].get<double>());
    std::printf("%5s  %-24s %-22s %10s %6s %9s\n", "op", "kind", "output", "ms", "%", "GMAC/s");
    for (const json& o : profile) {
      std::string out = o.contains("output_shape")
                            ? o["output_dtype"].get<std::string>() +
                                  shape_to_string(o["output_shape"].get<std::vector<int32_t>>())
                            : "";
      const double ms = o["ms"].get<double>();
      const int64_t macs = o["macs"].get<int64_t>();
      std::printf("%5d  %-24s %-22s %10.3f %6.1f", o["index"].get<int>(), o["kind"].get<std::string>().c_str(),
                  out.c_str(), ms, o["percent"].get<double>());
      if (macs > 0 && ms > 0) std::printf(" %9.2f", static_cast<double>(macs) / (ms * 1e6));
      std::printf("\n");
    }
    std::printf("\nper kind\n%-24s %6s %10s %6s\n", "kind", "ops", "ms", "%");
    std::vector<std::pair<double, std::string>> order;
    for (const auto& [k, v] : by_kind.items()) order.emplace_back(-v["ms"].get<double>(), k);
    std::sort(order.begin(), order.end());
    for (const auto& [neg_ms, k] : order) {
      const json& v = by_kind[k];
      std::printf("%-24s %6d %10.3f %6.1f\n", k.c_str(), v["count"].get<int>(), -neg_ms, v["percent"].get<double>());
    }
  }
  return 0;
}

}  // namespace xlite::cli
