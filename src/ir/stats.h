// SPDX-License-Identifier: Apache-2.0
// "How big is this model": op histogram, parameter count, weight bytes and
// an estimate of multiply-accumulates, for `xlite inspect` and comparisons
// between two designs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace xlite {

struct ModelStats {
  std::map<std::string, int64_t> op_counts;               // all subgraphs
  std::vector<std::map<std::string, int64_t>> op_counts_per_subgraph;
  int64_t parameters = 0;    // elements of constant tensors, each buffer once
  int64_t weight_bytes = 0;  // bytes of those buffers as stored
  int64_t macs = 0;          // conv/depthwise/FC/transpose-conv/matmul MACs
  uint64_t file_bytes = 0;
};

// MACs of one op with its static shapes (0 for ops that are not
// multiply-accumulate heavy). Expects a verified model.
int64_t op_macs(const Graph& g, const Op& op);
ModelStats compute_stats(const Model& model);

}  // namespace xlite
