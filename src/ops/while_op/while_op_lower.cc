// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of WHILE: "stablehlo.while" over the loop variables,
// the cond subgraph lowered inline into the cond region (its one-element
// result tested != 0, as the kernel does) and the body subgraph into the
// body region. StableHLO's loop-carried values have one static type, so a
// body that changes a variable's shape or dtype is an error naming it.
#include <algorithm>

#include "emit/stablehlo/lower.h"

namespace xlite::ops::while_op {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (ctx.num_outputs() != ctx.num_inputs())
    return Status::error("has " + std::to_string(ctx.num_inputs()) + " inputs but " +
                         std::to_string(ctx.num_outputs()) + " outputs");
  std::vector<Value> init;
  std::vector<shlo::TType> types;
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    Result<Value> v = ctx.input(k);
    if (!v.ok()) return v.status();
    const shlo::TType out = ctx.output_type(k);
    if (v->type.shape != out.shape || v->type.dtype != out.dtype) {
      // A converter writes a loop variable that may change shape with a
      // dynamic signature and a placeholder shape: say so.
      const Tensor& t = ctx.output_tensor(k);
      const bool dynamic = std::any_of(t.shape_signature.begin(), t.shape_signature.end(), [](int32_t d) { return d < 0; });
      return Status::error("loop variable " + std::to_string(k) + " enters as " + shlo::type_str(v->type) +
                           " but the op's output " + std::to_string(k) + " ('" + t.name + "') is " +
                           shlo::type_str(out) +
                           (dynamic ? " with dynamic shape " + shape_to_string(t.shape_signature) +
                                          ": the loop changes its shape, and StableHLO needs loop variables of one "
                                          "static shape"
                                    : " (StableHLO needs loop variables of one static type)"));
    }
    init.push_back(v.value());
    types.push_back(out);
  }
  const int cond_index = static_cast<int>(ctx.attrs().get_int("cond_subgraph_index", -1));
  const int body_index = static_cast<int>(ctx.attrs().get_int("body_subgraph_index", -1));

  // Each region takes the loop variables as block arguments.
  auto block = [&](shlo::Builder& rb, std::vector<Value>& vars) {
    std::string header = "^bb0(";
    for (size_t k = 0; k < types.size(); ++k) {
      vars.push_back({rb.fresh(), types[k]});
      header += (k ? ", " : "") + vars.back().name + ": " + shlo::type_str(types[k]);
    }
    rb.raw(header + "):");
  };

  shlo::Builder cb = ctx.b.region();
  std::vector<Value> cvars;
  block(cb, cvars);
  Result<std::vector<Value>> c = ctx.lower_subgraph(cb, cond_index, cvars);
  if (!c.ok()) return c.status().with_context("cond subgraph " + std::to_string(cond_index) + ": ");
  if (c->size() != 1 || (*c)[0].type.num_elements() != 1)
    return Status::error("cond subgraph " + std::to_string(cond_index) + " must return one scalar");
  const Value pred = shlo::to_predicate(cb, (*c)[0], /*bitwise=*/false);
  shlo::region_return(cb, std::span<const Value>(&pred, 1));

  shlo::Builder bb = ctx.b.region();
  std::vector<Value> bvars;
  block(bb, bvars);
  Result<std::vector<Value>> body = ctx.lower_subgraph(bb, body_index, bvars);
  if (!body.ok()) return body.status().with_context("body subgraph " + std::to_string(body_index) + ": ");
  if (body->size() != types.size())
    return Status::error("body subgraph " + std::to_string(body_index) + " returns " +
                         std::to_string(body->size()) + " values for " + std::to_string(types.size()) +
                         " loop variables");
  for (size_t k = 0; k < types.size(); ++k) {
    const shlo::TType& got = (*body)[k].type;
    if (got.shape != types[k].shape || got.dtype != types[k].dtype)
      return Status::error("body subgraph " + std::to_string(body_index) + " changes loop variable " +
                           std::to_string(k) + " from " + shlo::type_str(types[k]) + " to " + shlo::type_str(got) +
                           "; StableHLO needs loop variables of one static shape");
  }
  shlo::region_return(bb, body.value());

  const std::string regions = shlo::region_text(cb) + ", " + shlo::region_text(bb);
  const std::vector<Value> results = ctx.b.op_n("stablehlo.while", init, types, {}, regions);
  for (int k = 0; k < ctx.num_outputs(); ++k) ctx.set_output(k, results[k]);
  return ok_status();
}

}  // namespace xlite::ops::while_op
