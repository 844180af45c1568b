// SPDX-License-Identifier: Apache-2.0
// PADV2 is PAD with a constant_values input; TFLite registers one kernel for
// both, and so do we.
#include "ops/kernel.h"

namespace xlite::ops::pad {
Status prepare(KernelContext& ctx);
Status eval(KernelContext& ctx);
}  // namespace xlite::ops::pad

namespace xlite::ops::padv2 {

Status prepare(KernelContext& ctx) {
  if (ctx.input(2) == nullptr) return Status::error("PADV2 needs a constant_values input");
  return pad::prepare(ctx);
}
Status eval(KernelContext& ctx) { return pad::eval(ctx); }

}  // namespace xlite::ops::padv2
