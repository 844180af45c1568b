// SPDX-License-Identifier: Apache-2.0
// Small helpers for prepare(): each returns an error naming the operand.
#pragma once

#include <string>

#include "base/status.h"
#include "runtime/tensor.h"

namespace xlite::check {

inline Status rank(const RtTensor& t, int want, const char* what) {
  if (t.rank() == want) return ok_status();
  return Status::error(std::string(what) + " must have rank " + std::to_string(want) + ", has shape " +
                       shape_to_string(t.shape));
}

inline Status dtype(const RtTensor& t, DType want, const char* what) {
  if (t.dtype == want) return ok_status();
  return Status::error(std::string(what) + " must be " + std::string(dtype_name(want)) + ", is " +
                       std::string(dtype_name(t.dtype)));
}

inline Status per_tensor_quant(const RtTensor& t, const char* what) {
  if (t.quant && t.quant->scale.size() == 1 && t.quant->zero_point.size() == 1 && t.quant->scale[0] > 0)
    return ok_status();
  return Status::error(std::string(what) + " needs one positive scale and zero point");
}

inline Status unsupported_dtype(const RtTensor& t, const char* what) {
  return Status::error(std::string(what) + " of type " + std::string(dtype_name(t.dtype)) + " is not supported yet");
}

}  // namespace xlite::check
