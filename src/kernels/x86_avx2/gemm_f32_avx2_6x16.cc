// SPDX-License-Identifier: Apache-2.0
// float32 GEMM, AVX2 + FMA: 6 rows x 16 columns (12 ymm accumulators, 2
// for weights, 1 broadcast: all 16 registers).
#include "kernels/gemm_f32_impl.h"
#include "kernels/x86_avx2/vec_avx2.h"

namespace xlite::kernels {

extern const GemmF32Kernel gemm_f32_avx2_6x16 = {6, 16, &impl::gemm_f32<VecAvx2, 6, 2>};

}  // namespace xlite::kernels
