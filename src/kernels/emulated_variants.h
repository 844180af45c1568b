// SPDX-License-Identifier: Apache-2.0
// Test-only: the AVX-512 variants' shapes (16 lanes; 8x32 GEMM tiles; 4x2
// depthwise pixel tiles; the VNNI int8 GEMM's 12x32 tiles and uint8-quads
// format; the VNNI int8 depthwise's 32-channel blocks in four 128-bit
// lanes) instantiated over plain C++ vectors of 512 bits. A
// machine without AVX-512 cannot run the real variants, but the loop nests,
// tails and tile dispatch they share with these still get checked against
// the reference here; only the intrinsic wrappers in vec_avx512.h are left
// to machines that have AVX-512.
#pragma once

#include <string>
#include <vector>

#include "kernels/dwconv_f32_impl.h"
#include "kernels/dwconv_i8_impl.h"
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

// 512 bits as 32 int16 or 16 int32, with the in-lane semantics of the
// AVX-512 instructions the int8 depthwise uses (Intel's definitions):
// VPUNPCKLWD/VPUNPCKHWD interleave the low/high four int16 of each 128-bit
// lane, VPERMQ picks 64-bit groups, VPDPWSSD adds each int32 lane's two
// int16 products, wrapping.
struct VecI16Portable32 {
  static constexpr int kBlock = 32;
  struct I {
    int16_t h[32];
  };
  static I load(const void* p) {
    I r;
    __builtin_memcpy(r.h, p, sizeof r.h);
    return r;
  }
  static void store(void* p, I v) { __builtin_memcpy(p, v.h, sizeof v.h); }
  static I widen(const int8_t* p) {
    I r;
    for (int i = 0; i < 32; ++i) r.h[i] = p[i];
    return r;
  }
  static I set1_16(int16_t v) {
    I r;
    for (int16_t& x : r.h) x = v;
    return r;
  }
  static I sub16(I a, I b) {
    for (int i = 0; i < 32; ++i) a.h[i] = static_cast<int16_t>(a.h[i] - b.h[i]);
    return a;
  }
  static I to_cached(I v) {
    static constexpr int kOrder[8] = {0, 4, 1, 5, 2, 6, 3, 7};
    I r;
    for (int g = 0; g < 8; ++g)
      for (int e = 0; e < 4; ++e) r.h[4 * g + e] = v.h[4 * kOrder[g] + e];
    return r;
  }
  static I unpack16(I a, I b, int half) {
    I r;
    for (int lane = 0; lane < 4; ++lane)
      for (int e = 0; e < 4; ++e) {
        r.h[8 * lane + 2 * e] = a.h[8 * lane + 4 * half + e];
        r.h[8 * lane + 2 * e + 1] = b.h[8 * lane + 4 * half + e];
      }
    return r;
  }
  static I unpacklo16(I a, I b) { return unpack16(a, b, 0); }
  static I unpackhi16(I a, I b) { return unpack16(a, b, 1); }
  static I dot(I acc, I x, I w) {
    uint32_t lanes[16];
    __builtin_memcpy(lanes, acc.h, sizeof lanes);
    for (int j = 0; j < 16; ++j)
      lanes[j] += static_cast<uint32_t>(int32_t{x.h[2 * j]} * w.h[2 * j] + int32_t{x.h[2 * j + 1]} * w.h[2 * j + 1]);
    __builtin_memcpy(acc.h, lanes, sizeof lanes);
    return acc;
  }
};

inline const DwConvI8Kernel kDwConvI8Avx512VnniEmulated = {&impl::dwconv_i8<VecI16Portable32>,
                                                           &impl::dwconv_i8_scratch_bytes<VecI16Portable32>,
                                                           VecI16Portable32::kBlock};

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

inline bool emulation(const std::string& name, Variant<DwConvI8Kernel>* out) {
  if (name != "dwconv_i8_avx512vnni") return false;
  *out = {"dwconv_i8_avx512vnni (emulated)", Isa::kPortable, &kDwConvI8Avx512VnniEmulated};
  return true;
}

}  // namespace xlite::kernels::testing
