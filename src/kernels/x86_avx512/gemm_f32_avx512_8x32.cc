// SPDX-License-Identifier: Apache-2.0
// float32 GEMM, AVX-512: 8 rows x 32 columns (16 zmm accumulators).
#include "kernels/gemm_f32_impl.h"
#include "kernels/x86_avx512/vec_avx512.h"

namespace xlite::kernels {

extern const GemmF32Kernel gemm_f32_avx512_8x32 = {8, 32, &impl::gemm_f32<VecAvx512, 8, 2>};

}  // namespace xlite::kernels
