// SPDX-License-Identifier: Apache-2.0
#include "ir/graph.h"

#include "base/checked_math.h"

namespace xlite {

std::string op_display_name(const Op& op) {
  if (op.kind == OpKind::CUSTOM) return "CUSTOM:" + op.custom_code;
  return std::string(op_name(op.kind));
}

std::optional<int64_t> num_elements(std::span<const int32_t> shape) {
  int64_t n = 1;
  for (int32_t d : shape) {
    if (d < 0) return std::nullopt;
    auto m = checked_mul(n, d);
    if (!m) return std::nullopt;
    n = *m;
  }
  return n;
}

std::string shape_to_string(std::span<const int32_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

std::span<const uint8_t> Model::own(std::vector<uint8_t> bytes) {
  auto p = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  owned.push_back(p);
  return {p->data(), p->size()};
}

}  // namespace xlite
