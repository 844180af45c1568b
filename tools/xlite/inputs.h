// SPDX-License-Identifier: Apache-2.0
// Generated inputs, shared by `xlite run` and `xlite bench`.
#pragma once

#include <random>

#include "runtime/tensor.h"

namespace xlite::cli {

// Fills t with random values of its dtype: floats uniform in [-1, 1), int8 /
// uint8 / int16 over their whole range, int32 / int64 in [0, 9], bool 0 or 1;
// other types get zeros.
void fill_random(RtTensor& t, std::mt19937& rng);

}  // namespace xlite::cli
