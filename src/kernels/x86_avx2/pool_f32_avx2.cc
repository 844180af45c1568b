// SPDX-License-Identifier: Apache-2.0
// float32 max / average pooling, AVX2: 8 channels a vector, 32 at a time.
#include "kernels/pool_f32_impl.h"
#include "kernels/x86_avx2/vec_avx2.h"

namespace xlite::kernels {

extern const PoolF32Kernel pool_f32_avx2 = {&impl::pool_f32<VecAvx2>};

}  // namespace xlite::kernels
