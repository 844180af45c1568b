// SPDX-License-Identifier: Apache-2.0
// OpKind and the static facts about each op, all generated from ops.def.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace xlite {

enum class OpKind : int32_t {
#define XLITE_OP(name, code, min_in, max_in, min_out, max_out) name = code,
#include "ir/ops.def"
#undef XLITE_OP
};

struct OpInfo {
  OpKind kind;
  std::string_view name;
  int32_t builtin_code;
  int min_inputs, max_inputs;    // max -1: unbounded
  int min_outputs, max_outputs;  // max -1: unbounded
};

// Every op the IR knows, in builtin-code order.
std::span<const OpInfo> all_ops();
// nullopt for codes the op list does not know (a newer schema's op).
std::optional<OpKind> op_kind_from_builtin_code(int64_t code);
std::optional<OpKind> op_kind_from_name(std::string_view name);
const OpInfo& op_info(OpKind kind);
std::string_view op_name(OpKind kind);

}  // namespace xlite
