// SPDX-License-Identifier: Apache-2.0
// float32 max / average pooling, portable: the shared loop over 8-float
// arrays the compiler may vectorise.
#include "kernels/pool_f32_impl.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels {

extern const PoolF32Kernel pool_f32_portable = {&impl::pool_f32<VecPortable>};

}  // namespace xlite::kernels
