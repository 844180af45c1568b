// SPDX-License-Identifier: Apache-2.0
// Reference MAXIMUM over a broadcast map. Quantized inputs are compared as
// stored integers: the quantization spec requires inputs and output to share
// scale and zero point, so no rescaling happens (TFLite maximum_minimum.cc).
#pragma once

#include "ops/common/broadcast.h"

namespace xlite::ref {

// TFLite's MaximumOp is `a > b ? a : b`: a NaN in b wins, a NaN in a loses.
template <typename T>
void maximum(const bcast::Map& m, const T* a, const T* b, T* out) {
  bcast::apply(m, a, b, out, [](T x, T y) { return x > y ? x : y; });
}

}  // namespace xlite::ref
