// SPDX-License-Identifier: Apache-2.0
// MAXIMUM: elementwise with NumPy broadcasting (common/select_binary.h).
#include "ops/maximum/maximum_ref.h"

#include "ops/common/select_binary.h"

namespace xlite::ops::maximum {
namespace {

template <typename T>
struct Kernel {
  static void run(const bcast::Map& m, const T* a, const T* b, T* out) { ref::maximum<T>(m, a, b, out); }
};

}  // namespace

Status prepare(KernelContext& ctx) { return select_binary::prepare(ctx, kernels::BinaryF32Op::kMaximum); }
Status eval(KernelContext& ctx) { return select_binary::eval<Kernel>(ctx); }

}  // namespace xlite::ops::maximum
