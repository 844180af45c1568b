// SPDX-License-Identifier: Apache-2.0
// RELU_N1_TO_1: min(max(x, -1), 1). float32, int8, uint8 (TFLite has no int16
// version); the arithmetic is RELU's (ops/relu/relu.cc).
#include "ops/kernel.h"
#include "ops/relu/relu_x.h"

namespace xlite::ops::relu_n1_to_1 {

Status prepare(KernelContext& ctx) { return relu::prepare_x(ctx, relu::Kind::kReluN1To1); }
Status eval(KernelContext& ctx) { return relu::eval_x(ctx, relu::Kind::kReluN1To1); }

}  // namespace xlite::ops::relu_n1_to_1
