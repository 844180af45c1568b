// SPDX-License-Identifier: Apache-2.0
// RESHAPE: the new shape comes from the 1-D int32 shape input when there is
// one, else from the new_shape option; one -1 entry takes what remains.
// The bytes are unchanged, so eval is a copy.
#include <cstring>

#include "ops/common/checks.h"
#include "ops/kernel.h"

namespace xlite::ops::reshape {

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor* shape_t = ctx.input(1);
  RtTensor& out = ctx.output(0);
  std::vector<int64_t> want;
  if (shape_t && shape_t->rank() == 1 && shape_t->dtype == DType::kInt32) {
    if (!shape_t->constant)
      return Status::error("a shape computed at run time is not supported yet");
    const int32_t* d = shape_t->as<int32_t>();
    want.assign(d, d + shape_t->num_elements());
  } else {
    want = ctx.attrs().get_ints("new_shape");
  }
  int stretch = -1;
  int64_t known = 1;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i] == -1) {
      if (stretch >= 0) return Status::error("new shape has more than one -1");
      stretch = static_cast<int>(i);
    } else if (want[i] < 0) {
      return Status::error("new shape has a negative dimension");
    } else {
      known *= want[i];
    }
  }
  const int64_t n = in.num_elements();
  if (stretch >= 0) {
    if (known == 0 || n % known != 0)
      return Status::error("cannot infer the -1 dimension for " + std::to_string(n) + " elements");
    want[stretch] = n / known;
    known = n;
  }
  if (known != n)
    return Status::error("new shape holds " + std::to_string(known) + " elements, input has " + std::to_string(n));
  out.shape.assign(want.begin(), want.end());
  out.dtype = in.dtype;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  if (out.data != in.data) std::memcpy(out.data, in.data, in.bytes);
  return ok_status();
}

}  // namespace xlite::ops::reshape
