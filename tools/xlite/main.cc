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
  inspect_cmd->add_flag("--json", inspect.json, "print JSON instead of text");

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
  return 2;
}
