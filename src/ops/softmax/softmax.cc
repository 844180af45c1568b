// SPDX-License-Identifier: Apache-2.0
// SOFTMAX (beta) over the last dimension. float32 for now.
#include "ops/softmax/softmax_ref.h"

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::softmax {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (in.rank() < 1) return Status::error("input must have rank >= 1");
  if (in.dtype != DType::kFloat32) return check::unsupported_dtype(in, "input");
  out.shape = in.shape;
  out.dtype = in.dtype;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int32_t depth = in.dim(-1);
  const int64_t rows = depth ? in.num_elements() / depth : 0;
  ref::softmax_float(rows, depth, static_cast<float>(ctx.attrs().get_float("beta", 1.0)), in.as<float>(),
                     out.as<float>());
  return ok_status();
}

}  // namespace xlite::ops::softmax
