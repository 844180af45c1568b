// SPDX-License-Identifier: Apache-2.0
// WHILE (cond_subgraph_index, body_subgraph_index): the loop variables
// start as the inputs; while cond(vars) is true, vars = body(vars); the
// outputs are the final vars. The body must keep every variable's dtype and
// shape (loops that grow a tensor are not supported yet).
#include <cstring>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::while_op {
namespace {

struct State : OpState {
  int cond = 0, body = 0;
};

std::vector<const RtTensor*> inputs_of(KernelContext& ctx) {
  std::vector<const RtTensor*> v;
  for (int k = 0; k < ctx.num_inputs(); ++k) v.push_back(ctx.input(k));
  return v;
}

bool truthy(const RtTensor& t) {
  switch (t.dtype) {
    case DType::kBool:
    case DType::kUInt8:
    case DType::kInt8: return t.data[0] != 0;
    case DType::kInt32: return t.as<int32_t>()[0] != 0;
    case DType::kFloat32: return t.as<float>()[0] != 0.0f;
    default: return false;
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  SubgraphRunner* run = ctx.subgraphs();
  if (run == nullptr) return Status::error("needs an executor that runs subgraphs");
  State* s = ctx.make_state<State>();
  s->cond = static_cast<int>(ctx.attrs().get_int("cond_subgraph_index", -1));
  s->body = static_cast<int>(ctx.attrs().get_int("body_subgraph_index", -1));
  if (ctx.num_outputs() != ctx.num_inputs())
    return Status::error("has " + std::to_string(ctx.num_inputs()) + " inputs but " +
                         std::to_string(ctx.num_outputs()) + " outputs");
  const std::vector<const RtTensor*> in = inputs_of(ctx);
  std::vector<const RtTensor*> cond_out, body_out;
  XLITE_RETURN_IF_ERROR(run->prepare_subgraph(s->cond, in, &cond_out).with_context("cond subgraph: "));
  if (cond_out.size() != 1 || cond_out[0]->num_elements() != 1)
    return Status::error("cond subgraph must return one scalar");
  XLITE_RETURN_IF_ERROR(run->prepare_subgraph(s->body, in, &body_out).with_context("body subgraph: "));
  if (body_out.size() != in.size()) return Status::error("body subgraph returns a different number of values");
  for (size_t k = 0; k < in.size(); ++k) {
    if (body_out[k]->dtype != in[k]->dtype || body_out[k]->shape != in[k]->shape)
      return Status::error("body changes loop variable " + std::to_string(k) + " from " +
                           shape_to_string(in[k]->shape) + " to " + shape_to_string(body_out[k]->shape) +
                           ", which is not supported yet");
    RtTensor& o = ctx.output(static_cast<int>(k));
    o.dtype = in[k]->dtype;
    o.shape = in[k]->shape;
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  SubgraphRunner* run = ctx.subgraphs();
  const State& s = *ctx.state<State>();
  std::vector<const RtTensor*> vars;
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    RtTensor& o = ctx.output(k);
    std::memcpy(o.data, ctx.input(k)->data, o.bytes);
    vars.push_back(&o);
  }
  std::vector<const RtTensor*> cond_out, body_out;
  for (;;) {
    XLITE_RETURN_IF_ERROR(run->run_subgraph(s.cond, vars, &cond_out));
    if (!truthy(*cond_out[0])) break;
    XLITE_RETURN_IF_ERROR(run->run_subgraph(s.body, vars, &body_out));
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      RtTensor& o = ctx.output(k);
      std::memcpy(o.data, body_out[k]->data, o.bytes);
    }
  }
  return ok_status();
}

}  // namespace xlite::ops::while_op
