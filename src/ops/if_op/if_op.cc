// SPDX-License-Identifier: Apache-2.0
// IF (then_subgraph_index, else_subgraph_index): input 0 is the condition
// (a scalar), the rest go to the branch it picks; the outputs are that
// branch's. Both branches must give outputs of the same dtypes and shapes.
#include <cstring>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::if_op {
namespace {

struct State : OpState {
  int then_branch = 0, else_branch = 0;
};

std::vector<const RtTensor*> branch_inputs(KernelContext& ctx) {
  std::vector<const RtTensor*> v;
  for (int k = 1; k < ctx.num_inputs(); ++k) v.push_back(ctx.input(k));
  return v;
}

}  // namespace

Status prepare(KernelContext& ctx) {
  SubgraphRunner* run = ctx.subgraphs();
  if (run == nullptr) return Status::error("needs an executor that runs subgraphs");
  if (ctx.num_inputs() < 1 || ctx.input(0)->num_elements() != 1)
    return Status::error("input 0 must be a scalar condition");
  State* s = ctx.make_state<State>();
  s->then_branch = static_cast<int>(ctx.attrs().get_int("then_subgraph_index", -1));
  s->else_branch = static_cast<int>(ctx.attrs().get_int("else_subgraph_index", -1));
  const std::vector<const RtTensor*> in = branch_inputs(ctx);
  std::vector<const RtTensor*> then_out, else_out;
  XLITE_RETURN_IF_ERROR(run->prepare_subgraph(s->then_branch, in, &then_out).with_context("then branch: "));
  XLITE_RETURN_IF_ERROR(run->prepare_subgraph(s->else_branch, in, &else_out).with_context("else branch: "));
  if (then_out.size() != static_cast<size_t>(ctx.num_outputs()) || else_out.size() != then_out.size())
    return Status::error("branches must return " + std::to_string(ctx.num_outputs()) + " outputs");
  for (size_t k = 0; k < then_out.size(); ++k) {
    if (then_out[k]->dtype != else_out[k]->dtype || then_out[k]->shape != else_out[k]->shape)
      return Status::error("branches disagree on output " + std::to_string(k) + ": " +
                           shape_to_string(then_out[k]->shape) + " vs " + shape_to_string(else_out[k]->shape) +
                           " (dynamic outputs are not supported yet)");
    RtTensor& o = ctx.output(static_cast<int>(k));
    o.dtype = then_out[k]->dtype;
    o.shape = then_out[k]->shape;
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const State& s = *ctx.state<State>();
  const RtTensor& c = *ctx.input(0);
  bool cond = false;
  for (size_t b = 0; b < c.bytes; ++b) cond = cond || c.data[b] != 0;  // any nonzero scalar
  std::vector<const RtTensor*> out;
  XLITE_RETURN_IF_ERROR(ctx.subgraphs()->run_subgraph(cond ? s.then_branch : s.else_branch, branch_inputs(ctx), &out));
  for (int k = 0; k < ctx.num_outputs(); ++k) std::memcpy(ctx.output(k).data, out[k]->data, ctx.output(k).bytes);
  return ok_status();
}

}  // namespace xlite::ops::if_op
