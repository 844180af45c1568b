// SPDX-License-Identifier: Apache-2.0
// TFLite_Detection_PostProcess: the options parser shared by the runtime
// kernel (detection_postprocess.cc) and the StableHLO lowering
// (detection_postprocess_lower.cc), so both read the FlexBuffers map alike.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "ops/custom/detection_postprocess/detection_postprocess_ref.h"

namespace xlite::ops::custom::detection_postprocess {

// The op's custom_options (a FlexBuffers map with LiteRT's keys), checked:
// an error names a missing key or a value out of range.
Result<ref::Params> parse_options(std::span<const uint8_t> bytes);

}  // namespace xlite::ops::custom::detection_postprocess
