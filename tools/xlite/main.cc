// SPDX-License-Identifier: Apache-2.0
// xlite: the command line.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"xlite: a compiler and runtime for TensorFlow Lite models"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("xlite 0.1.0"));

  xlite::cli::InspectArgs inspect;
  CLI::App* inspect_cmd = app.add_subcommand(
      "inspect", "Describe a .tflite model: subgraphs, signatures, inputs/outputs, ops, size");
  inspect_cmd->add_option("model", inspect.model, "path to a .tflite file")->required();
  inspect_cmd->add_option("--custom-ops", inspect.custom_ops,
                  "load custom-op kernels from this shared library (exports xlite_register_custom_ops; repeatable)")
      ->allow_extra_args(false);
  inspect_cmd->add_flag("--json", inspect.json, "print JSON instead of text");

  xlite::cli::RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a model (compiled by the optimizing passes unless --no-compile)");
  run_cmd->add_option("model", run.model, "path to a .tflite file")->required();
  run_cmd->add_option("--custom-ops", run.custom_ops,
                  "load custom-op kernels from this shared library (exports xlite_register_custom_ops; repeatable)")
      ->allow_extra_args(false);
  run_cmd->add_option("-i,--input", run.inputs, "an input as PATH.npy (by position) or NAME=PATH.npy; repeatable");
  run_cmd->add_option("--signature", run.signature, "run this signature's subgraph (default: subgraph 0)");
  run_cmd->add_option("-o,--output-dir", run.output_dir, "write each output as .npy into this directory");
  run_cmd->add_option("--seed", run.seed, "seed for generated inputs (default 0)");
  run_cmd->add_flag("--zeros", run.zeros, "generate zero inputs instead of random ones");
  run_cmd->add_flag("--quantize-inputs", run.quantize_inputs,
                    "quantize float32 .npy data for quantized inputs with the input's scale and zero point");
  run_cmd->add_flag("--overwrite", run.overwrite, "replace existing output files");
  run_cmd->add_flag("--json", run.json, "print the summary as JSON");
  run_cmd->add_flag("--no-compile", run.no_compile, "run the model as read, without the optimizing passes");
  run_cmd->add_flag("--reference-kernels", run.reference_kernels,
                    "run every op with its reference kernel (plain loops; no vectorised kernels)");
  run_cmd->add_option("--threads", run.threads, "threads (default 1)");

  xlite::cli::CompileArgs compile;
  CLI::App* compile_cmd = app.add_subcommand(
      "compile", "Run the optimizing passes on a model and report what changed and the memory plan");
  compile_cmd->add_option("model", compile.model, "a .tflite file or a text IR file")->required();
  compile_cmd->add_option("--custom-ops", compile.custom_ops,
                  "load custom-op kernels from this shared library (exports xlite_register_custom_ops; repeatable)")
      ->allow_extra_args(false);
  compile_cmd->add_option("--dump-after", compile.dump_after,
                          "print the text IR after this pass (repeatable; 'all' for every pass that changed it)");
  compile_cmd->add_option("--disable", compile.disable, "leave this pass out (repeatable)");
  compile_cmd->add_flag("--print-ir", compile.print_ir, "print the compiled text IR");
  compile_cmd->add_flag("--json", compile.json, "print the report as JSON");
  compile_cmd->add_option("-o,--output", compile.output,
                          "save the compiled plan (.xlc); run, bench and compile load it without optimizing again");
  compile_cmd->add_flag("--overwrite", compile.overwrite, "replace an existing output file");

  xlite::cli::ExportArgs exp;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "Write the model as StableHLO MLIR text (for XLA, jax and IREE); see docs/xla.md");
  export_cmd->add_option("model", exp.model, "a .tflite file, compiled plan (.xlc) or text IR file")->required();
  export_cmd->add_flag("--stablehlo", exp.stablehlo,
                       "StableHLO MLIR text: func.func @main(inputs...) -> outputs for subgraph 0, and one "
                       "function per signature, @<key>; IF/WHILE become stablehlo.if/while")
      ->required();
  export_cmd->add_option("-o,--output", exp.output, "the .mlir file to write")->required();
  export_cmd->add_option("--quant", exp.quant,
                         "quantized models: 'float' dequantizes, computes in float32 and rounds each "
                         "quantized tensor to its grid; 'integer' reproduces TFLite's integer arithmetic "
                         "(int8, uint8, int16x8) bit for bit (the ops are listed in docs/xla.md)");
  export_cmd->add_option("--external-weights", exp.external_weights,
                         "pass constants of 64 bytes or more as trailing arguments %w0, %w1 ... and write "
                         "their values to DIR/w<k>.npy");
  export_cmd->add_option("--signature", exp.signature,
                         "export only the signature with this key, as @main (its inputs in the signature's "
                         "order, named by jax.arg_info / jax.result_info attributes)");
  export_cmd->add_flag("--no-compile", exp.no_compile, "export the model as read, without the optimizing passes");
  export_cmd->add_flag("--overwrite", exp.overwrite, "replace existing output files");

  xlite::cli::BenchArgs bench;
  CLI::App* bench_cmd = app.add_subcommand(
      "bench", "Time a model on seeded random inputs: init, median/min/p90 latency, arena, peak RSS");
  bench_cmd->footer(
      "--threads splits the vectorised convolutions (transposed ones included), depthwise convolutions\n"
      "and fully connected layers, the elementwise ops (ADD, SUB, MUL, activations, table lookups),\n"
      "pooling, MEAN and PAD across threads (small tensors stay on one); other ops run on one.\n"
      "bench/run.py compares with LiteRT.");
  bench_cmd->add_option("model", bench.model, "path to a .tflite file")->required();
  bench_cmd->add_option("--custom-ops", bench.custom_ops,
                  "load custom-op kernels from this shared library (exports xlite_register_custom_ops; repeatable)")
      ->allow_extra_args(false);
  bench_cmd->add_flag("--no-compile", bench.no_compile, "run the model as read, without the optimizing passes");
  bench_cmd->add_option("--threads", bench.threads, "threads (default 1)");
  bench_cmd->add_flag("--reference-kernels", bench.reference_kernels, "run every op with its reference kernel");
  bench_cmd->add_option("--warmup", bench.warmup, "untimed invokes first (default 2)");
  bench_cmd->add_option("--warmup-ms", bench.warmup_ms,
                        "go on with untimed invokes until this many ms have passed since the first (default 0)");
  bench_cmd->add_option("--iterations", bench.iterations, "timed invokes (default 10)");
  bench_cmd->add_option("--seed", bench.seed, "seed for the random inputs, as `xlite run` (default 0)");
  bench_cmd->add_option("--save-inputs", bench.save_inputs, "write the generated inputs to DIR/input_<i>.npy");
  bench_cmd->add_flag("--json", bench.json, "print JSON instead of text");
  bench_cmd->add_flag("--profile", bench.profile,
                      "also time each op (median over separate iterations): index, kind, output, % of total");

  xlite::cli::PeakArgs peak;
  CLI::App* peak_cmd =
      app.add_subcommand("peak", "Measure this machine's single-core fp32 and int8 arithmetic peak");
  peak_cmd->add_option("--seconds", peak.seconds, "time per measurement (default 0.5)");
  peak_cmd->add_flag("--json", peak.json, "print JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (*inspect_cmd) return xlite::cli::run_inspect(inspect);
  if (*run_cmd) return xlite::cli::run_run(run);
  if (*compile_cmd) return xlite::cli::run_compile(compile);
  if (*export_cmd) return xlite::cli::run_export(exp);
  if (*peak_cmd) return xlite::cli::run_peak(peak);
  if (*bench_cmd) return xlite::cli::run_bench(bench);
  return 2;
}
