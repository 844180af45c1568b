// SPDX-License-Identifier: Apache-2.0
// Small shared vocabulary of the passes: who reads a tensor, which ops are
// pure, rewiring uses, and dropping tensors nothing refers to.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/graph.h"

namespace xlite::passes {

// What a pass says it did, one line per change ("fused RELU (op 5) into
// CONV_2D (op 4)"), for `xlite compile`.
struct PassLog {
  std::vector<std::string> lines;
  void add(std::string line) { lines.push_back(std::move(line)); }
};

// Pure: the outputs depend only on the inputs' values and the op has no
// other effect, so it may be removed, merged or evaluated ahead of time.
// That is every op xlite has a kernel for, except control flow (its bodies
// may hold state), and ops that read a variable tensor.
bool is_pure(const Graph& g, const Op& op);

// Number of reads of each tensor by ops (inputs and intermediates) and as a
// graph output.
std::vector<int> use_counts(const Graph& g);
// Index of the op writing each tensor, -1 for none.
std::vector<int> producers(const Graph& g);
bool is_graph_output(const Graph& g, int32_t t);

// Every op input reading `from` reads `to` instead (graph outputs too, when
// `graph_outputs` is set).
void replace_uses(Graph& g, int32_t from, int32_t to, bool graph_outputs);

// Removes the ops marked in `dead` (indices into g.ops).
void erase_ops(Graph& g, const std::vector<bool>& dead);

// Drops tensors no op, graph input/output or signature refers to, and
// renumbers the rest in order; signatures of this subgraph follow.
void compact_tensors(Model& m, int subgraph);

// erase_ops then compact_tensors on subgraph `subgraph`, the end of a pass
// that replaced ops; returns true (the model changed).
bool drop_ops(Model& m, int subgraph, const std::vector<bool>& dead);

// A PAD's amounts, [before, after] per dimension, from its constant int32
// or int64 [rank, 2] input; false when it is not such a constant.
bool read_pad_amounts(const Tensor& t, std::vector<std::pair<int64_t, int64_t>>* pads);

// "CONV_2D (op 4)".
std::string op_label(const Graph& g, int op);

}  // namespace xlite::passes
