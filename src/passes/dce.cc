// SPDX-License-Identifier: Apache-2.0
// Dead-code elimination.
//
// Dead: a pure op (rewrite.h) none of whose outputs is a graph output or is
// read by an op that is not dead. Ops with effects (control flow, custom
// ops, variables) are roots like the graph outputs and are never removed.
// Afterwards tensors nothing refers to are dropped (compact_tensors).
// Tests: tests/passes/dce.txt.
#include "passes/passes.h"

namespace xlite::passes {

bool dce(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    std::vector<int> uses = use_counts(g);
    std::vector<bool> dead(g.ops.size(), false);
    int removed = 0;
    // Reverse order: removing an op can make its producers dead.
    for (size_t i = g.ops.size(); i-- > 0;) {
      const Op& op = g.ops[i];
      if (!is_pure(g, op)) continue;
      bool used = false;
      for (int32_t t : op.outputs) used = used || (t >= 0 && uses[t] > 0);
      if (used) continue;
      dead[i] = true;
      ++removed;
      log.add("removed dead " + op_label(g, static_cast<int>(i)));
      for (int32_t t : op.inputs)
        if (t >= 0) --uses[t];
    }
    if (removed) erase_ops(g, dead);
    const size_t before = g.tensors.size();
    compact_tensors(m, static_cast<int>(s));
    if (removed || g.tensors.size() != before) changed = true;
    if (g.tensors.size() != before)
      log.add("dropped " + std::to_string(before - g.tensors.size()) + " unused tensors in subgraph " +
              std::to_string(s));
  }
  return changed;
}

}  // namespace xlite::passes
