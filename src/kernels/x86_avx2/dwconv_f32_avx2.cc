// SPDX-License-Identifier: Apache-2.0
// float32 depthwise convolution, AVX2 + FMA: interior pixels 3 at a time x 2
// vectors (16 channels); edge pixels 4 vectors (32 channels) at a time.
#include "kernels/dwconv_f32_impl.h"
#include "kernels/x86_avx2/vec_avx2.h"

namespace xlite::kernels {

extern const DwConvF32Kernel dwconv_f32_avx2 = {&impl::dwconv_f32<VecAvx2, 4, 3, 2>};

}  // namespace xlite::kernels
