// SPDX-License-Identifier: Apache-2.0
// SQUEEZE: drops size-1 dimensions, the listed ones (negative counts from
// the back) or, with an empty squeeze_dims, all of them. TFLite rejects a
// listed dimension that is not 1 (squeeze.cc). The bytes are unchanged.
#include <cstring>

#include "ops/common/layout.h"
#include "ops/kernel.h"

namespace xlite::ops::squeeze {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const std::vector<int64_t> dims = ctx.attrs().get_ints("squeeze_dims");
  std::vector<bool> drop(in.rank(), false);
  if (dims.empty()) {
    for (int i = 0; i < in.rank(); ++i) drop[i] = in.shape[i] == 1;
  } else {
    for (int64_t d : dims) {
      int axis;
      XLITE_RETURN_IF_ERROR(layout::normalize_axis(d, in.rank(), "squeeze dimension", &axis));
      if (in.shape[axis] != 1)
        return Status::error("squeeze dimension " + std::to_string(d) + " has size " +
                             std::to_string(in.shape[axis]) + ", not 1");
      drop[axis] = true;
    }
  }
  out.shape.clear();
  for (int i = 0; i < in.rank(); ++i)
    if (!drop[i]) out.shape.push_back(in.shape[i]);
  out.dtype = in.dtype;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (out.data != in.data && in.bytes > 0) std::memmove(out.data, in.data, in.bytes);
  return ok_status();
}

}  // namespace xlite::ops::squeeze
