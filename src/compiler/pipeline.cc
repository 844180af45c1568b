// SPDX-License-Identifier: Apache-2.0
#include "compiler/pipeline.h"

#include <algorithm>
#include <chrono>

#include "ir/text.h"
#include "ir/verify.h"
#include "passes/passes.h"

namespace xlite {
namespace {

using PassFn = bool (*)(Model&, passes::PassLog&);

struct PassEntry {
  const char* name;
  PassFn fn;
};

// Read top to bottom. Folding first so later passes see constants;
// simplify and cse before fusion so patterns are canonical; dce last to
// sweep what the others bypassed.
const PassEntry kPipeline[] = {
    {"fold_constants", passes::fold_constants},
    {"simplify", passes::simplify},
    {"cse", passes::cse},
    {"dce", passes::dce},
    {"fuse_pad", passes::fuse_pad},
    {"fuse_affine", passes::fuse_affine},
    {"fuse_activation", passes::fuse_activation},
    {"fuse_epilogue", passes::fuse_epilogue},
    {"fuse_depthwise_pointwise", passes::fuse_depthwise_pointwise},
    {"fuse_int8_table", passes::fuse_int8_table},
    {"dce", passes::dce},
};

bool listed(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

const std::vector<std::string>& pass_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const PassEntry& p : kPipeline)
      if (!listed(n, p.name)) n.push_back(p.name);
    return n;
  }();
  return names;
}

Result<bool> run_pass(const std::string& name, Model& model, std::vector<std::string>* log) {
  for (const PassEntry& p : kPipeline) {
    if (name != p.name) continue;
    passes::PassLog l;
    const bool changed = p.fn(model, l);
    if (log) *log = std::move(l.lines);
    return changed;
  }
  std::string known;
  for (const std::string& n : pass_names()) known += (known.empty() ? "" : ", ") + n;
  return Status::error("unknown pass '" + name + "' (passes: " + known + ")");
}

Status compile(Model& model, const CompileOptions& options, CompileReport* report) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  for (const PassEntry& p : kPipeline) {
    if (listed(options.disable, p.name)) continue;
    PassReport r;
    r.pass = p.name;
    passes::PassLog log;
    const auto t0 = clock::now();
    r.changed = p.fn(model, log);
    r.ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    r.log = std::move(log.lines);
    if (r.changed) {
      Status st = verify(model);
      if (!st.ok()) return Status::error("internal error: pass " + r.pass + " left an invalid model: " + st.message());
      if (options.dump && (listed(options.dump_after, p.name) || listed(options.dump_after, "all")))
        options.dump(p.name, print_model(model));
    }
    if (report) report->passes.push_back(std::move(r));
  }
  if (report) report->total_ms = std::chrono::duration<double, std::milli>(clock::now() - start).count();
  return ok_status();
}

}  // namespace xlite
