// SPDX-License-Identifier: Apache-2.0
// float32 depthwise convolution in plain C++: 8 channels, 2 interior pixels
// at a time.
#include "kernels/dwconv_f32_impl.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels {

extern const DwConvF32Kernel dwconv_f32_portable = {&impl::dwconv_f32<VecPortable, 1, 2, 1>};

}  // namespace xlite::kernels
