// SPDX-License-Identifier: Apache-2.0
// The CLI's subcommands. Each returns the process exit code: 0 success,
// 1 the model or an input is bad (the error is printed), 2 usage.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "runtime/custom_ops.h"

namespace xlite::cli {

struct InspectArgs {
  std::vector<std::string> custom_ops;  // --custom-ops libraries
  std::string model;
  bool json = false;
};
int run_inspect(const InspectArgs& args);

struct RunArgs {
  std::vector<std::string> custom_ops;  // --custom-ops libraries
  std::string model;
  std::vector<std::string> inputs;  // "path.npy" (by position) or "name=path.npy"
  std::string signature;
  std::string output_dir;
  unsigned seed = 0;
  bool zeros = false;
  bool quantize_inputs = false;
  bool overwrite = false;
  bool json = false;
  bool no_compile = false;
  bool reference_kernels = false;
  int threads = 1;
};
int run_run(const RunArgs& args);

struct CompileArgs {
  std::vector<std::string> custom_ops;  // --custom-ops libraries
  std::string model;  // .tflite or text IR
  std::vector<std::string> dump_after;
  std::vector<std::string> disable;
  bool print_ir = false;
  bool json = false;
  std::string output;  // -o: save the compiled plan here
  bool overwrite = false;
};
int run_compile(const CompileArgs& args);

// A .tflite file, a compiled plan (.xlc, `*compiled` set) or a text IR
// file (ir/text.h), verified.
Result<Model> load_model(const std::string& path, bool* compiled = nullptr);
// load_model, then the passes unless `optimize` is false or the file is a
// compiled plan already: what run and bench execute.
Result<std::shared_ptr<const Model>> load_compiled(const std::string& path, bool optimize);

struct ExportArgs {
  std::string model;
  std::string output;            // -o
  bool stablehlo = false;        // the only format so far
  std::string quant;             // "", "none", "float" or "integer"
  std::string external_weights;  // directory for weights passed as arguments
  std::string signature;         // --signature KEY: only that signature, as @main
  bool no_compile = false;
  bool overwrite = false;
};
int run_export(const ExportArgs& args);

// The built-in custom kernels plus those of each --custom-ops library.
Result<std::shared_ptr<const CustomOpRegistry>> load_custom_ops(const std::vector<std::string>& libraries);

struct BenchArgs {
  std::vector<std::string> custom_ops;  // --custom-ops libraries
  std::string model;
  int threads = 1;  // recorded; the executor is single-threaded for now
  int warmup = 2;
  double warmup_ms = 0;  // and on warming up until this long since the first invoke
  int iterations = 10;
  unsigned seed = 0;
  std::string save_inputs;  // write the generated inputs here as input_<i>.npy
  bool json = false;
  bool profile = false;
  bool no_compile = false;
  bool reference_kernels = false;
};
int run_bench(const BenchArgs& args);

struct PeakArgs {
  double seconds = 0.5;
  bool json = false;
};
int run_peak(const PeakArgs& args);

// One line on stderr: "xlite: error: <message>".
void print_error(const std::string& message);

}  // namespace xlite::cli
