// SPDX-License-Identifier: Apache-2.0
// float32 Winograd F(4x4, 3x3) transforms, portable: 8-float arrays the
// compiler may vectorise.
#include "kernels/winograd_f32_impl.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels {

extern const WinogradF32Kernel winograd_f32_portable = {&impl::winograd_f32_input<VecPortable>,
                                                        &impl::winograd_f32_output<VecPortable>};

}  // namespace xlite::kernels
