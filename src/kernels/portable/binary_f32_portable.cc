// SPDX-License-Identifier: Apache-2.0
// float32 elementwise binary ops, portable: the shared row loop over
// 8-float arrays the compiler may vectorise.
#include "kernels/binary_f32_impl.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels {

extern const BinaryF32Kernel binary_f32_portable = {&impl::binary_f32<VecPortable>};

}  // namespace xlite::kernels
