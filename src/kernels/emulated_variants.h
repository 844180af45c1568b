// SPDX-License-Identifier: Apache-2.0
// Test-only: the AVX-512 variants' shapes (16 lanes; 8x32 GEMM tiles; 4x2
// depthwise pixel tiles) instantiated over plain C++ 16-lane vectors. A
// machine without AVX-512 cannot run the real variants, but the loop nests,
// tails and tile dispatch they share with these still get checked against
// the reference here; only the intrinsic wrappers in vec_avx512.h are left
// to machines that have AVX-512.
#pragma once

#include <string>
#include <vector>

#include "kernels/dwconv_f32_impl.h"
#include "kernels/gemm_f32_impl.h"
#include "kernels/kernels.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels::testing {

inline const GemmF32Kernel kGemmF32Avx512Emulated = {8, 32, &impl::gemm_f32<VecPortableT<16>, 8, 2>};
inline const DwConvF32Kernel kDwConvF32Avx512Emulated = {&impl::dwconv_f32<VecPortableT<16>, 4, 4, 2>};

// The emulation of the variant `name` (which this CPU cannot run), if any.
inline bool emulation(const std::string& name, Variant<GemmF32Kernel>* out) {
  if (name != "gemm_f32_avx512_8x32") return false;
  *out = {"gemm_f32_avx512_8x32 (emulated)", Isa::kPortable, &kGemmF32Avx512Emulated};
  return true;
}
inline bool emulation(const std::string& name, Variant<DwConvF32Kernel>* out) {
  if (name != "dwconv_f32_avx512") return false;
  *out = {"dwconv_f32_avx512 (emulated)", Isa::kPortable, &kDwConvF32Avx512Emulated};
  return true;
}

}  // namespace xlite::kernels::testing
