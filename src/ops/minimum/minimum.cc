// SPDX-License-Identifier: Apache-2.0
// MINIMUM: elementwise with NumPy broadcasting (common/select_binary.h).
#include "ops/minimum/minimum_ref.h"

#include "ops/common/select_binary.h"

namespace xlite::ops::minimum {
namespace {

template <typename T>
struct Kernel {
  static void run(const bcast::Map& m, const T* a, const T* b, T* out) { ref::minimum<T>(m, a, b, out); }
};

}  // namespace

Status prepare(KernelContext& ctx) { return select_binary::prepare(ctx, kernels::BinaryF32Op::kMinimum); }
Status eval(KernelContext& ctx) { return select_binary::eval<Kernel>(ctx); }

}  // namespace xlite::ops::minimum
