// SPDX-License-Identifier: Apache-2.0
// A model's main subgraph as a StableHLO module:
//
//   module @xlite {
//     func.func @main(%arg0: tensor<1x28x28x1xf32>) -> (tensor<1x10xf32>) { ... }
//   }
//
// The function takes the subgraph's inputs in order and returns its
// outputs in order, with the IR's static shapes. Constants are inline
// `stablehlo.constant`s, or with external weights the larger ones become
// trailing arguments (%w0, %w1, ...) whose values the caller passes in.
//
// Every op must have a lowering (src/ops/lowerings.def); otherwise the
// export fails with one line listing each missing op and its count.
#pragma once

#include <string>
#include <vector>

#include "emit/stablehlo/lower.h"
#include "ir/graph.h"

namespace xlite::shlo {

struct ExternalWeight {
  std::string name;  // the argument's name without '%', e.g. "w0"
  TType type;
  std::vector<uint8_t> data;  // little-endian elements of `type`
  std::string tensor;         // the IR tensor it holds
};

struct ExportResult {
  std::string text;
  std::vector<ExternalWeight> weights;  // only with options.external_weights
  std::vector<std::string> notes;       // e.g. a dynamic dim exported at its current size
};

Result<ExportResult> export_stablehlo(const Model& model, const ExportOptions& options);

// "CONV_2D (3), CUSTOM:Foo (1)": ops of subgraph 0 without a lowering;
// empty when every op has one.
std::string missing_lowerings(const Model& model);

}  // namespace xlite::shlo
