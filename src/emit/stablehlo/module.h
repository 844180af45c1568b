// SPDX-License-Identifier: Apache-2.0
// A model as a StableHLO module:
//
//   module @xlite {
//     func.func public @main(%arg0: tensor<1x28x28x1xf32>) -> (tensor<1x10xf32>) { ... }
//     func.func public @serving_default(%arg0: tensor<1x28x28x1xf32> {jax.arg_info = "x"})
//         -> (tensor<1x10xf32> {jax.result_info = "probs"}) { ... }
//   }
//
// @main takes subgraph 0's inputs in order and returns its outputs in
// order, with the IR's static shapes. Each SignatureDef adds a public
// function named by its key, taking the signature's inputs in the order the
// model lists them and returning its outputs, each argument and result
// named by a jax.arg_info / jax.result_info attribute (the attributes jax's
// own exported modules use). ModuleOptions::signature exports only that
// signature, as @main.
//
// IF and WHILE lower to stablehlo.if / stablehlo.while with the called
// subgraphs inline in their regions (so a subgraph called from several
// places is emitted at each), nested control flow included.
//
// Constants are inline `stablehlo.constant`s, or with external weights the
// larger ones become trailing arguments (%w0, %w1, ...) whose values the
// caller passes in: each function takes the weights it reads, in the order
// of their numbers.
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

struct ModuleOptions {
  // Empty: @main (subgraph 0) and one function per signature. Else only
  // the signature with this key, as @main.
  std::string signature;
};

Result<ExportResult> export_stablehlo(const Model& model, const ExportOptions& options,
                                      const ModuleOptions& module_options = {});

// "CONV_2D (3), CUSTOM:Foo (1)": ops without a lowering in subgraph 0, the
// signatures' subgraphs and the subgraphs their control flow runs; empty
// when every op has one.
std::string missing_lowerings(const Model& model);

}  // namespace xlite::shlo
