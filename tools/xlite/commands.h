// SPDX-License-Identifier: Apache-2.0
// The CLI's subcommands. Each returns the process exit code: 0 success,
// 1 the model or an input is bad (the error is printed), 2 usage.
#pragma once

#include <string>

namespace xlite::cli {

struct InspectArgs {
  std::string model;
  bool json = false;
};
int run_inspect(const InspectArgs& args);

// One line on stderr: "xlite: error: <message>".
void print_error(const std::string& message);

}  // namespace xlite::cli
