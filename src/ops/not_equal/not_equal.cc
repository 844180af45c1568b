// SPDX-License-Identifier: Apache-2.0
// NOT_EQUAL: x != y elementwise, a bool output (see common/comparison.h).
#include "ops/common/comparison.h"

namespace xlite::ops::not_equal {

Status prepare(KernelContext& ctx) { return comparison::prepare(ctx); }

Status eval(KernelContext& ctx) {
  return comparison::eval(ctx, [](auto x, auto y) { return x != y; });
}

}  // namespace xlite::ops::not_equal
