// SPDX-License-Identifier: Apache-2.0
// ARG_MIN: ARG_MAX's kernel with the comparison reversed.
#include "ops/kernel.h"

namespace xlite::ops::arg_max {
Status prepare_arg(KernelContext& ctx);
Status eval_arg(KernelContext& ctx, bool is_max);
}  // namespace xlite::ops::arg_max

namespace xlite::ops::arg_min {

Status prepare(KernelContext& ctx) { return arg_max::prepare_arg(ctx); }
Status eval(KernelContext& ctx) { return arg_max::eval_arg(ctx, false); }

}  // namespace xlite::ops::arg_min
