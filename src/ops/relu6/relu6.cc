// SPDX-License-Identifier: Apache-2.0
// RELU6: min(max(x, 0), 6). float32, int8, uint8, symmetric int16; the
// arithmetic is RELU's (ops/relu/relu.cc) with an upper bound of 6.
#include "ops/kernel.h"
#include "ops/relu/relu_x.h"

namespace xlite::ops::relu6 {

Status prepare(KernelContext& ctx) { return relu::prepare_x(ctx, relu::Kind::kRelu6); }
Status eval(KernelContext& ctx) { return relu::eval_x(ctx, relu::Kind::kRelu6); }

}  // namespace xlite::ops::relu6
