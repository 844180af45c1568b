// SPDX-License-Identifier: Apache-2.0
// float32 GEMM in plain C++: 4 rows x 8 columns.
#include "kernels/gemm_f32_impl.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels {

extern const GemmF32Kernel gemm_f32_portable_4x8 = {4, 8, &impl::gemm_f32<VecPortable, 4, 1>};

}  // namespace xlite::kernels
