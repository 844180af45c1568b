// SPDX-License-Identifier: Apache-2.0
// The prepare/eval that RELU, RELU6 and RELU_N1_TO_1 share: they differ only
// in the clamp bounds and in which dtypes TFLite accepts.
#pragma once

#include "ops/kernel.h"

namespace xlite::ops::relu {

enum class Kind { kRelu, kRelu6, kReluN1To1 };

Status prepare_x(KernelContext& ctx, Kind kind);
Status eval_x(KernelContext& ctx, Kind kind);

}  // namespace xlite::ops::relu
