// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of IF: "stablehlo.if" on the scalar condition, each
// branch subgraph lowered inline into its region (the region reads the
// branch inputs from the enclosing function, which StableHLO allows).
// Inline regions rather than private functions keep the module one
// function, which XLA and IREE both take, and which to_jax merges whole.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::if_op {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> cond = ctx.input(0);
  if (!cond.ok()) return cond.status();
  if (cond->type.num_elements() != 1) return Status::error("input 0 (the condition) must have one element");
  std::vector<Value> args;
  for (int k = 1; k < ctx.num_inputs(); ++k) {
    Result<Value> v = ctx.input(k);
    if (!v.ok()) return v.status();
    args.push_back(v.value());
  }
  std::vector<shlo::TType> types;
  for (int k = 0; k < ctx.num_outputs(); ++k) types.push_back(ctx.output_type(k));
  // The kernel takes any nonzero byte of the condition as true.
  const Value pred = shlo::to_predicate(ctx.b, cond.value(), /*bitwise=*/true);
  std::string regions;
  for (const char* branch : {"then_subgraph_index", "else_subgraph_index"}) {
    const int index = static_cast<int>(ctx.attrs().get_int(branch, -1));
    shlo::Builder rb = ctx.b.region();
    Result<std::vector<Value>> out = ctx.lower_subgraph(rb, index, args);
    if (!out.ok()) return out.status();
    if (out->size() != types.size())
      return Status::error(std::string(branch) + " " + std::to_string(index) + " returns " +
                           std::to_string(out->size()) + " values, not " + std::to_string(types.size()));
    for (size_t k = 0; k < types.size(); ++k)
      if ((*out)[k].type.shape != types[k].shape || (*out)[k].type.dtype != types[k].dtype)
        return Status::error("subgraph " + std::to_string(index) + " returns " + shlo::type_str((*out)[k].type) +
                             " for output " + std::to_string(k) + " of type " + shlo::type_str(types[k]) +
                             " (StableHLO needs both branches to give the output's static type)");
    shlo::region_return(rb, out.value());
    regions += (regions.empty() ? "" : ", ") + shlo::region_text(rb);
  }
  const std::vector<Value> results = ctx.b.op_n("stablehlo.if", std::span<const Value>(&pred, 1), types, {}, regions);
  for (int k = 0; k < ctx.num_outputs(); ++k) ctx.set_output(k, results[k]);
  return ok_status();
}

}  // namespace xlite::ops::if_op
