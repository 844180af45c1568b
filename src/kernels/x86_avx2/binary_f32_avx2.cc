// SPDX-License-Identifier: Apache-2.0
// float32 elementwise binary ops, AVX2: 16 floats a step, masked tails.
#include "kernels/binary_f32_impl.h"
#include "kernels/x86_avx2/vec_avx2.h"

namespace xlite::kernels {

extern const BinaryF32Kernel binary_f32_avx2 = {&impl::binary_f32<VecAvx2>};

}  // namespace xlite::kernels
