// SPDX-License-Identifier: Apache-2.0
// `xlite export --stablehlo`: the model (after the optimizing passes, so
// folded constants and fused activations export) as StableHLO MLIR text.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "commands.h"
#include "compiler/pipeline.h"
#include "base/npy.h"
#include "emit/stablehlo/module.h"

namespace xlite::cli {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Each external weight as DIR/<name>.npy (the argument's name, e.g. w0).
Status write_weights(const std::string& dir, const std::vector<shlo::ExternalWeight>& weights, bool overwrite) {
  if (!exists(dir) && ::mkdir(dir.c_str(), 0777) != 0)
    return Status::error("cannot create directory '" + dir + "': " + std::strerror(errno));
  for (const shlo::ExternalWeight& w : weights)
    XLITE_RETURN_IF_ERROR(write_npy(dir + "/" + w.name + ".npy", w.type.dtype, w.type.shape, w.data.data(),
                                    w.data.size(), overwrite));
  return ok_status();
}

}  // namespace

int run_export(const ExportArgs& args) {
  if (!args.stablehlo) {
    print_error("choose an output format: --stablehlo");
    return 2;
  }
  shlo::ExportOptions options;
  if (args.quant == "float") {
    options.quant = shlo::QuantMode::kFloat;
  } else if (args.quant == "integer") {
    options.quant = shlo::QuantMode::kInteger;
  } else if (!args.quant.empty() && args.quant != "none") {
    print_error("--quant=" + args.quant + " is not supported (supported: float, integer)");
    return 2;
  }
  options.external_weights = !args.external_weights.empty();
  if (!args.overwrite && exists(args.output)) {
    print_error("'" + args.output + "' exists; pass --overwrite to replace it");
    return 1;
  }
  auto loaded = load_model(args.model);
  if (!loaded.ok()) {
    print_error(args.model + ": " + loaded.status().message());
    return 1;
  }
  Model model = std::move(loaded.value());
  if (!args.no_compile) {
    // Without the runtime's epilogue fusion: the module spells out the
    // model's own ops and XLA fuses them as it sees fit.
    CompileOptions copts;
    copts.disable = {"fuse_epilogue", "fuse_depthwise_pointwise", "fuse_int8_table"};
    Status st = compile(model, copts, nullptr);
    if (!st.ok()) {
      print_error(args.model + ": " + st.message());
      return 1;
    }
  }
  shlo::ModuleOptions module_options;
  module_options.signature = args.signature;
  auto exported = shlo::export_stablehlo(model, options, module_options);
  if (!exported.ok()) {
    print_error(args.model + ": " + exported.status().message());
    return 1;
  }
  if (options.external_weights) {
    Status st = write_weights(args.external_weights, exported->weights, args.overwrite);
    if (!st.ok()) {
      print_error(st.message());
      return 1;
    }
  }
  std::ofstream out(args.output, std::ios::binary | std::ios::trunc);
  out << exported->text;
  out.close();
  if (!out) {
    print_error("cannot write '" + args.output + "': " + std::strerror(errno));
    return 1;
  }
  for (const std::string& note : exported->notes) std::fprintf(stderr, "xlite: note: %s\n", note.c_str());
  std::printf("wrote %s (%zu bytes", args.output.c_str(), exported->text.size());
  if (options.external_weights)
    std::printf(", %zu weights in %s/", exported->weights.size(), args.external_weights.c_str());
  std::printf(")\n");
  return 0;
}

}  // namespace xlite::cli
