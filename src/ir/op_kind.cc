// SPDX-License-Identifier: Apache-2.0
#include "ir/op_kind.h"

#include <algorithm>
#include <array>

namespace xlite {
namespace {

constexpr OpInfo kOps[] = {
#define XLITE_OP(name, code, min_in, max_in, min_out, max_out) \
  {OpKind::name, #name, code, min_in, max_in, min_out, max_out},
#include "ir/ops.def"
#undef XLITE_OP
};

// ops.def lists builtins densely by code; op_info() indexes by it.
constexpr bool codes_are_dense() {
  for (size_t i = 0; i < std::size(kOps); ++i)
    if (kOps[i].builtin_code != static_cast<int32_t>(i)) return false;
  return true;
}
static_assert(codes_are_dense(), "ops.def must list builtin codes 0..N-1 in order");

}  // namespace

std::span<const OpInfo> all_ops() { return kOps; }

std::optional<OpKind> op_kind_from_builtin_code(int64_t code) {
  if (code < 0 || code >= static_cast<int64_t>(std::size(kOps))) return std::nullopt;
  return kOps[code].kind;
}

std::optional<OpKind> op_kind_from_name(std::string_view name) {
  for (const OpInfo& info : kOps)
    if (info.name == name) return info.kind;
  return std::nullopt;
}

const OpInfo& op_info(OpKind kind) { return kOps[static_cast<int32_t>(kind)]; }

std::string_view op_name(OpKind kind) { return op_info(kind).name; }

}  // namespace xlite
