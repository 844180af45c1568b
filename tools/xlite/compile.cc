// SPDX-License-Identifier: Apache-2.0
// `xlite compile`: runs the pass pipeline and says what it did.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "compiler/pipeline.h"
#include "frontend/tflite/reader.h"
#include "frontend/xlc/plan_file.h"
#include "ir/text.h"
#include "ir/verify.h"
#include "runtime/executor.h"

namespace xlite::cli {
namespace {

using json = nlohmann::json;
using clock = std::chrono::steady_clock;

double ms_since(clock::time_point t0) { return std::chrono::duration<double, std::milli>(clock::now() - t0).count(); }

bool is_text_ir(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  in >> word;
  return word == "subgraph";
}

std::map<std::string, int> histogram(const Model& m) {
  std::map<std::string, int> h;
  for (const Graph& g : m.subgraphs)
    for (const Op& op : g.ops) ++h[op_display_name(op)];
  return h;
}

int count_ops(const Model& m) {
  int n = 0;
  for (const Graph& g : m.subgraphs) n += static_cast<int>(g.ops.size());
  return n;
}

}  // namespace

Result<Model> load_model(const std::string& path, bool* compiled) {
  if (compiled) *compiled = false;
  if (is_plan_file(path)) {
    if (compiled) *compiled = true;
    return load_plan(path);
  }
  if (!is_text_ir(path)) return load_tflite_file(path);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto m = parse_model(ss.str());
  if (!m.ok()) return m.status();
  XLITE_RETURN_IF_ERROR(verify(*m));
  return m;
}

Result<std::shared_ptr<const Model>> load_compiled(const std::string& path, bool optimize) {
  bool precompiled = false;
  auto loaded = load_model(path, &precompiled);
  if (!loaded.ok()) return loaded.status();
  if (optimize && !precompiled) XLITE_RETURN_IF_ERROR(compile(loaded.value(), {}, nullptr));
  return std::make_shared<const Model>(std::move(loaded.value()));
}

Result<std::shared_ptr<const CustomOpRegistry>> load_custom_ops(const std::vector<std::string>& libraries) {
  if (libraries.empty()) return default_custom_ops();
  auto reg = std::make_shared<CustomOpRegistry>(CustomOpRegistry::with_builtins());
  for (const std::string& lib : libraries) XLITE_RETURN_IF_ERROR(reg->load_library(lib));
  return std::shared_ptr<const CustomOpRegistry>(std::move(reg));
}

int run_compile(const CompileArgs& args) {
  auto custom_ops = load_custom_ops(args.custom_ops);
  if (!custom_ops.ok()) {
    print_error(custom_ops.status().message());
    return 1;
  }
  const auto t0 = clock::now();
  auto loaded = load_model(args.model);
  if (!loaded.ok()) {
    print_error(args.model + ": " + loaded.status().message());
    return 1;
  }
  const double load_ms = ms_since(t0);
  Model model = std::move(loaded.value());
  for (const std::string& p : args.dump_after)
    if (p != "all" && std::find(pass_names().begin(), pass_names().end(), p) == pass_names().end()) {
      print_error("--dump-after: unknown pass '" + p + "'");
      return 2;
    }
  const std::map<std::string, int> before = histogram(model);
  const int ops_before = count_ops(model);
  CompileOptions opt;
  opt.dump_after = args.dump_after;
  opt.disable = args.disable;
  opt.dump = [](const std::string& pass, const std::string& text) {
    std::printf("// ---- IR after %s\n%s", pass.c_str(), text.c_str());
  };
  CompileReport report;
  Status st = compile(model, opt, &report);
  if (!st.ok()) {
    print_error(args.model + ": " + st.message());
    return 1;
  }
  const std::map<std::string, int> after = histogram(model);
  const int ops_after = count_ops(model);

  double save_ms = 0;
  if (!args.output.empty()) {
    const auto ts = clock::now();
    Status saved = save_plan(model, args.output, args.overwrite);
    if (!saved.ok()) {
      print_error(saved.message());
      return 1;
    }
    save_ms = ms_since(ts);
  }

  // The executor's memory plan for the compiled model.
  const auto t1 = clock::now();
  auto shared = std::make_shared<const Model>(std::move(model));
  auto ex = Executor::create(shared, 0, {.custom_ops = custom_ops.value()});
  const double plan_ms = ms_since(t1);
  if (args.print_ir) std::printf("%s", print_model(*shared).c_str());

  if (args.json) {
    json j;
    j["model"] = args.model;
    j["ops_before"] = ops_before;
    j["ops_after"] = ops_after;
    j["op_counts_before"] = before;
    j["op_counts_after"] = after;
    json passes = json::array();
    for (const PassReport& r : report.passes)
      passes.push_back({{"pass", r.pass}, {"changed", r.changed}, {"ms", r.ms}, {"log", r.log}});
    j["passes"] = passes;
    j["load_ms"] = load_ms;
    j["passes_ms"] = report.total_ms;
    j["plan_ms"] = plan_ms;
    if (!args.output.empty()) {
      j["saved"] = args.output;
      j["save_ms"] = save_ms;
    }
    if (ex.ok()) {
      j["arena_bytes"] = (*ex)->arena_bytes();
      j["naive_arena_bytes"] = (*ex)->naive_arena_bytes();
      j["packed_weight_bytes"] = (*ex)->pack_stats().packed_bytes;
      j["packed_from_bytes"] = (*ex)->pack_stats().source_bytes;
      j["packed_layouts"] = (*ex)->pack_stats().layouts;
    } else {
      j["executor_error"] = ex.status().message();
    }
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  std::printf("%s\n", args.model.c_str());
  std::printf("ops: %d -> %d\n", ops_before, ops_after);
  for (const auto& [name, n] : before) {
    const int m = after.count(name) ? after.at(name) : 0;
    if (m != n) std::printf("  %-28s %4d -> %d\n", name.c_str(), n, m);
  }
  // Kinds the passes introduced (the fused ops).
  for (const auto& [name, m] : after)
    if (!before.count(name)) std::printf("  %-28s %4d -> %d\n", name.c_str(), 0, m);
  for (const PassReport& r : report.passes) {
    std::printf("pass %-16s %s  %.2f ms\n", r.pass.c_str(), r.changed ? "changed  " : "no change", r.ms);
    for (const std::string& line : r.log) std::printf("    %s\n", line.c_str());
  }
  if (ex.ok()) {
    std::printf("arena: %zu bytes planned (naive: %zu, one slice per tensor)\n", (*ex)->arena_bytes(),
                (*ex)->naive_arena_bytes());
    // The kernels' packed copies are the weights they read; the originals
    // stay in the mapped file (page cache, not the process's own memory).
    std::printf("packed weights: %lld bytes in kernel layouts, from %lld bytes of model constants\n",
                static_cast<long long>((*ex)->pack_stats().packed_bytes),
                static_cast<long long>((*ex)->pack_stats().source_bytes));
    for (const auto& [layout, n] : (*ex)->pack_stats().layouts) std::printf("  %d %s\n", n, layout.c_str());
  } else
    std::printf("arena: not planned: %s\n", ex.status().message().c_str());
  std::printf("time: load %.2f ms, passes %.2f ms, plan %.2f ms, total %.2f ms\n", load_ms, report.total_ms, plan_ms,
              load_ms + report.total_ms + plan_ms);
  if (!args.output.empty()) std::printf("saved the compiled plan to %s (%.2f ms)\n", args.output.c_str(), save_ms);
  return 0;
}

}  // namespace xlite::cli
