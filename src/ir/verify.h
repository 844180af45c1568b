// SPDX-License-Identifier: Apache-2.0
// What a well-formed Model is. verify() returns the first problem as one line
// naming the subgraph, op, tensor and the problem; ok() means every later
// stage may index tensors, read constant data and walk ops without checks.
//
// Checked: indices in range; op input/output counts (ops.def); shapes
// (no negative dims, no overflowing sizes, shape_signature consistent);
// constant byte sizes against shape x dtype; quantization vector lengths
// against the quantized dimension; sparse (TACO) metadata; dataflow (every
// tensor read is an input, constant, variable or written by an earlier op;
// written once; graph outputs produced); subgraph references and call cycles;
// signatures.
#pragma once

#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace xlite {

Status verify(const Model& model);
// The checks on one subgraph alone (no cross-subgraph references).
Status verify_graph(const Model& model, int subgraph_index);

// Subgraphs an op runs (WHILE/IF bodies, CALL_ONCE, STABLEHLO_* regions):
// every option field that holds one has "subgraph" in its schema name.
std::vector<int64_t> called_subgraphs(const Op& op);

// Names a place in a model for error messages, e.g.
// "subgraph 0 op 3 (CONV_2D) input 1 tensor 7 'conv/w': ".
std::string where_tensor(const Graph& g, int subgraph, int tensor);
std::string where_op(const Graph& g, int subgraph, int op);

}  // namespace xlite
