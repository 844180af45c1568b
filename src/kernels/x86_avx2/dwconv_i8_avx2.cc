// SPDX-License-Identifier: Apache-2.0
// int8 DEPTHWISE_CONV_2D (conv_i8.h), AVX2: dwconv_i8_impl.h over 16
// channels a block (two 128-bit lanes), VPUNPCK[LH]WD + VPMADDWD + VPADDD.
#include "kernels/dwconv_i8_impl.h"
#include "kernels/x86_avx2/vec_avx2.h"

namespace xlite::kernels {

extern const DwConvI8Kernel dwconv_i8_avx2 = {&impl::dwconv_i8<VecI16Avx2>, &impl::dwconv_i8_scratch_bytes<VecI16Avx2>,
                                              VecI16Avx2::kBlock};

}  // namespace xlite::kernels
