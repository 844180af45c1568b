// SPDX-License-Identifier: Apache-2.0
// int8 DEPTHWISE_CONV_2D (conv_i8.h), AVX-512 VNNI: dwconv_i8_impl.h over
// 32 channels a block (four 128-bit lanes); VPDPWSSD adds the pairwise
// products of a tap pair into the int32 sums in one instruction (exact and
// wrapping: not the saturating VPDPWSSDS).
#include "kernels/dwconv_i8_impl.h"
#include "kernels/x86_avx512vnni/vec_avx512vnni.h"

namespace xlite::kernels {

extern const DwConvI8Kernel dwconv_i8_avx512vnni = {&impl::dwconv_i8<VecI16Avx512Vnni>,
                                                    &impl::dwconv_i8_scratch_bytes<VecI16Avx512Vnni>,
                                                    VecI16Avx512Vnni::kBlock};

}  // namespace xlite::kernels
