// SPDX-License-Identifier: Apache-2.0
// The compiler: the straight-line list of passes, with the model verified
// after every pass and the text IR dumped after the ones asked for.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace xlite {

struct PassReport {
  std::string pass;
  bool changed = false;
  double ms = 0;
  std::vector<std::string> log;
};

struct CompileOptions {
  // Pass names after which `dump` receives the text IR ("all": every pass
  // that changed the model).
  std::vector<std::string> dump_after;
  std::function<void(const std::string& pass, const std::string& text)> dump;
  // Passes to leave out, by name.
  std::vector<std::string> disable;
};

struct CompileReport {
  std::vector<PassReport> passes;
  double total_ms = 0;
};

// The pass names, in the order they run.
const std::vector<std::string>& pass_names();

// Runs one pass by name (for tests and tools); the log gets its lines.
Result<bool> run_pass(const std::string& name, Model& model, std::vector<std::string>* log);

// Rewrites `model` in place. An error means a pass broke the model (a bug
// in xlite): the message names the pass and the verifier's complaint.
Status compile(Model& model, const CompileOptions& options, CompileReport* report);

}  // namespace xlite
