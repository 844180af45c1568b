// SPDX-License-Identifier: Apache-2.0
#include <array>

#include "ops/kernel.h"

namespace xlite {

#define XLITE_KERNEL(op, ns)                    \
  namespace ops::ns {                           \
  Status prepare(KernelContext& ctx);           \
  Status eval(KernelContext& ctx);              \
  }
#include "ops/kernels.def"
#undef XLITE_KERNEL

namespace {
constexpr OpKernel kKernels[] = {
#define XLITE_KERNEL(op, ns) {OpKind::op, &ops::ns::prepare, &ops::ns::eval},
#include "ops/kernels.def"
#undef XLITE_KERNEL
};
}  // namespace

const OpKernel* find_kernel(OpKind kind) {
  for (const OpKernel& k : kKernels)
    if (k.kind == kind) return &k;
  return nullptr;
}

std::vector<OpKind> implemented_ops() {
  std::vector<OpKind> out;
  for (const OpKernel& k : kKernels) out.push_back(k.kind);
  return out;
}

}  // namespace xlite
