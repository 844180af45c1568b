// SPDX-License-Identifier: Apache-2.0
// float32 Winograd F(4x4, 3x3) transforms, AVX2: 8 channels a vector.
#include "kernels/winograd_f32_impl.h"
#include "kernels/x86_avx2/vec_avx2.h"

namespace xlite::kernels {

extern const WinogradF32Kernel winograd_f32_avx2 = {&impl::winograd_f32_input<VecAvx2>,
                                                     &impl::winograd_f32_output<VecAvx2>};

}  // namespace xlite::kernels
