// SPDX-License-Identifier: Apache-2.0
// EXP: float32 with std::exp (reference_ops::Exp); int8 through a 256-entry
// table built in float (TFLite exp.cc Prepare, LUTPopulate<int8_t>).
#include <cmath>

#include "ops/common/lut.h"
#include "ops/common/unary.h"

namespace xlite::ops::exp {
namespace {

struct State : OpState {
  int8_t table[256];
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(in, out));
  State* s = ctx.make_state<State>();
  if (in.dtype == DType::kFloat32) return ok_status();
  if (in.dtype != DType::kInt8) return check::unsupported_dtype(in, "input");
  XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
  lut::populate(in.scale(), in.zero_point(), out.scale(), out.zero_point(), [](float v) { return std::exp(v); },
                s->table);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int64_t n = in.num_elements();
  if (in.dtype == DType::kFloat32) {
    for (int64_t i = 0; i < n; ++i) out.as<float>()[i] = std::exp(in.as<float>()[i]);
  } else {
    lut::lookup(in.as<int8_t>(), n, ctx.state<State>()->table, out.as<int8_t>());
  }
  return ok_status();
}

}  // namespace xlite::ops::exp
