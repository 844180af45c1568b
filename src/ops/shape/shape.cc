// SPDX-License-Identifier: Apache-2.0
// SHAPE: the input's dimensions as a 1-D int32 or int64 tensor (the output
// tensor's type, which the converter sets from out_type).
#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::shape {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (out.dtype != DType::kInt32 && out.dtype != DType::kInt64) return check::unsupported_dtype(out, "output");
  out.shape = {in.rank()};
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  for (int d = 0; d < in.rank(); ++d) {
    if (out.dtype == DType::kInt32) out.as<int32_t>()[d] = in.shape[d];
    else out.as<int64_t>()[d] = in.shape[d];
  }
  return ok_status();
}

}  // namespace xlite::ops::shape
