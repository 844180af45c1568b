// SPDX-License-Identifier: Apache-2.0
// int8 GEMM (the uint8-quads format, int32 sums; conv_i8.h), AVX-512 VNNI:
// 12 rows x 32 columns. Per group of four k, a row's four A bytes are
// broadcast and VPDPBUSD against 16 columns' four weights each adds 64
// exact products: 24 accumulators, 2 weight vectors and a broadcast of the
// 32 zmm registers.
#include "kernels/gemm_i8_u8_impl.h"
#include "kernels/x86_avx512vnni/vec_avx512vnni.h"

namespace xlite::kernels {

extern const GemmI8Kernel gemm_i8_avx512vnni_12x32 = {12, 32, GemmI8Format::kQuadsU8,
                                                      &impl::gemm_i8_u8<VecI32Avx512Vnni, 12, 2>,
                                                      &impl::gemm_i8_u8_load_a<VecI32Avx512Vnni>};

}  // namespace xlite::kernels
