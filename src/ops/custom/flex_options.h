// SPDX-License-Identifier: Apache-2.0
// Reads a custom op's options stored as a FlexBuffers map (what TFLite's
// converter writes for custom ops, Operator.custom_options_format =
// FLEXBUFFERS), after checking the bytes with the FlexBuffers verifier so a
// damaged model is an error, never an out-of-bounds read.
#pragma once

#include <flatbuffers/flexbuffers.h>

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"

namespace xlite::ops::custom {

class FlexOptions {
 public:
  static Result<FlexOptions> parse(std::span<const uint8_t> bytes) {
    if (bytes.empty()) return Status::error("custom_options are empty; expected a FlexBuffers map");
    if (!flexbuffers::VerifyBuffer(bytes.data(), bytes.size()))
      return Status::error("custom_options are not a valid FlexBuffers buffer");
    flexbuffers::Reference root = flexbuffers::GetRoot(bytes.data(), bytes.size());
    if (!root.IsMap()) return Status::error("custom_options are not a FlexBuffers map");
    return FlexOptions(root.AsMap());
  }

  bool has(const char* key) const { return !map_[key].IsNull(); }
  // Absent keys fail with the key's name; `fallback` overloads default.
  Result<int32_t> get_int(const char* key) const {
    flexbuffers::Reference r = map_[key];
    if (!r.IsNumeric() && !r.IsBool()) return missing(key, "a number");
    return r.AsInt32();
  }
  int32_t get_int(const char* key, int32_t fallback) const { return has(key) ? map_[key].AsInt32() : fallback; }
  Result<float> get_float(const char* key) const {
    flexbuffers::Reference r = map_[key];
    if (!r.IsNumeric()) return missing(key, "a number");
    return r.AsFloat();
  }
  bool get_bool(const char* key, bool fallback) const { return has(key) ? map_[key].AsBool() : fallback; }

 private:
  explicit FlexOptions(flexbuffers::Map m) : map_(m) {}
  static Status missing(const char* key, const char* what) {
    return Status::error(std::string("custom_options: '") + key + "' is missing or not " + what);
  }
  flexbuffers::Map map_;
};

}  // namespace xlite::ops::custom
