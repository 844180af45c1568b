// SPDX-License-Identifier: Apache-2.0
#include "ops/lowerings.h"

namespace xlite {

#define XLITE_LOWERING(op, ns) \
  namespace ops::ns {          \
  Status lower(shlo::LowerContext& ctx); \
  }
#include "ops/lowerings.def"
#undef XLITE_LOWERING

#define XLITE_CUSTOM_LOWERING(code, ns) \
  namespace ops::custom::ns {           \
  Status lower(shlo::LowerContext& ctx); \
  }
#include "ops/custom/custom_lowerings.def"
#undef XLITE_CUSTOM_LOWERING

namespace {
struct Lowering {
  OpKind kind;
  shlo::LowerFn fn;
};
constexpr Lowering kLowerings[] = {
#define XLITE_LOWERING(op, ns) {OpKind::op, &ops::ns::lower},
#include "ops/lowerings.def"
#undef XLITE_LOWERING
};
struct CustomLowering {
  const char* code;
  shlo::LowerFn fn;
};
// The trailing sentinel keeps the array valid while the list is empty.
constexpr CustomLowering kCustomLowerings[] = {
#define XLITE_CUSTOM_LOWERING(code, ns) {code, &ops::custom::ns::lower},
#include "ops/custom/custom_lowerings.def"
#undef XLITE_CUSTOM_LOWERING
    {nullptr, nullptr},
};
}  // namespace

shlo::LowerFn find_lowering(OpKind kind) {
  for (const Lowering& l : kLowerings)
    if (l.kind == kind) return l.fn;
  return nullptr;
}

shlo::LowerFn find_lowering(const Op& op) {
  if (op.kind != OpKind::CUSTOM) return find_lowering(op.kind);
  for (const CustomLowering& l : kCustomLowerings)
    if (l.code != nullptr && op.custom_code == l.code) return l.fn;
  return nullptr;
}

std::vector<OpKind> lowered_ops() {
  std::vector<OpKind> out;
  for (const Lowering& l : kLowerings) out.push_back(l.kind);
  return out;
}

bool has_integer_lowering(OpKind kind) {
  static constexpr OpKind kInteger[] = {
#define XLITE_INTEGER_LOWERING(op) OpKind::op,
#include "ops/integer_lowerings.def"
#undef XLITE_INTEGER_LOWERING
  };
  for (OpKind k : kInteger)
    if (k == kind) return true;
  return false;
}

}  // namespace xlite
