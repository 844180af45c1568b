// SPDX-License-Identifier: Apache-2.0
// Test-only: the AVX-512 variants' shapes (16 lanes; 8x32 GEMM tiles; 4x2
// depthwise pixel tiles; the VNNI int8 GEMM's 12x32 tiles and uint8-quads
// format) instantiated over plain C++ 16-lane vectors. A
// machine without AVX-512 cannot run the real variants, but the loop nests,
// tails and tile dispatch they share with these still get checked against
// the reference here; only the intrinsic wrappers in vec_avx512.h are left
// to machines that have AVX-512.
#pragma once

#include <string>
#include <vector>

#include "kernels/dwconv_f32_impl.h"
#include "kernels/gemm_f32_impl.h"
#include "kernels/gemm_i8_u8_impl.h"
#include "kernels/kernels.h"
#include "kernels/portable/vec_portable.h"

namespace xlite::kernels::testing {

// VPDPBUSD in plain C++: per int32 lane, the four uint8 x int8 byte
// products added to the lane, wrapping.
struct VecI32DotPortable16 {
  static constexpr int kLanes = 16;
  struct T {
    uint32_t v[kLanes];
  };
  static T load(const int32_t* p) {
    T r;
    __builtin_memcpy(r.v, p, sizeof r.v);
    return r;
  }
  static void store(int32_t* p, T x) { __builtin_memcpy(p, x.v, sizeof x.v); }
  static void store_partial(int32_t* p, T x, int n) {
    for (int i = 0; i < n; ++i) p[i] = static_cast<int32_t>(x.v[i]);
  }
  static T broadcast4(const uint8_t* p) {
    T r;
    uint32_t quad;
    __builtin_memcpy(&quad, p, sizeof quad);
    for (uint32_t& x : r.v) x = quad;
    return r;
  }
  static T dot(T acc, T a, T w) {
    uint8_t ab[4 * kLanes];
    int8_t wb[4 * kLanes];
    __builtin_memcpy(ab, a.v, sizeof ab);
    __builtin_memcpy(wb, w.v, sizeof wb);
    for (int l = 0; l < kLanes; ++l)
      for (int e = 0; e < 4; ++e) acc.v[l] += static_cast<uint32_t>(int32_t{ab[4 * l + e]} * int32_t{wb[4 * l + e]});
    return acc;
  }
};

inline const GemmI8Kernel kGemmI8Avx512VnniEmulated = {12, 32, GemmI8Format::kQuadsU8,
                                                       &impl::gemm_i8_u8<VecI32DotPortable16, 12, 2>,
                                                       &impl::gemm_i8_u8_load_a<VecI32DotPortable16>};

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

inline bool emulation(const std::string& name, Variant<GemmI8Kernel>* out) {
  if (name != "gemm_i8_avx512vnni_12x32") return false;
  *out = {"gemm_i8_avx512vnni_12x32 (emulated)", Isa::kPortable, &kGemmI8Avx512VnniEmulated};
  return true;
}

}  // namespace xlite::kernels::testing
