// SPDX-License-Identifier: Apache-2.0
// float32 depthwise convolution, AVX-512: interior pixels 4 at a time x 2
// vectors (32 channels); edge pixels 4 vectors (64 channels) at a time.
#include "kernels/dwconv_f32_impl.h"
#include "kernels/x86_avx512/vec_avx512.h"

namespace xlite::kernels {

extern const DwConvF32Kernel dwconv_f32_avx512 = {&impl::dwconv_f32<VecAvx512, 4, 4, 2>};

}  // namespace xlite::kernels
