// SPDX-License-Identifier: Apache-2.0
#include "kernels/cpu_features.h"

#include <initializer_list>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace xlite::kernels {

CpuFeatures features_from_cpuid(unsigned leaf1_ecx, unsigned leaf7_ebx, unsigned leaf7_ecx, unsigned leaf7_1_eax,
                                unsigned long long xcr0) {
  auto bit = [](unsigned long long word, int b) { return ((word >> b) & 1) != 0; };
  CpuFeatures f;
  // AVX state (XMM and YMM) must be enabled by the OS: XCR0 bits 1 and 2.
  const bool os_avx = bit(leaf1_ecx, 27) && bit(leaf1_ecx, 28) && (xcr0 & 0x6) == 0x6;
  // AVX-512 also needs opmask, ZMM_Hi256 and Hi16_ZMM state: XCR0 bits 5-7.
  const bool os_avx512 = os_avx && (xcr0 & 0xe0) == 0xe0;
  if (os_avx) {
    f.fma = bit(leaf1_ecx, 12);
    f.f16c = bit(leaf1_ecx, 29);
    f.avx2 = bit(leaf7_ebx, 5);
    f.avxvnni = bit(leaf7_1_eax, 4);
  }
  if (os_avx512) {
    f.avx512f = bit(leaf7_ebx, 16);
    f.avx512dq = bit(leaf7_ebx, 17);
    f.avx512bw = bit(leaf7_ebx, 30);
    f.avx512vl = bit(leaf7_ebx, 31);
    f.avx512vnni = bit(leaf7_ecx, 11);
  }
  return f;
}

namespace {

CpuFeatures detect() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return {};
  const unsigned max_leaf = eax;
  unsigned leaf1_ecx = 0, leaf7_ebx = 0, leaf7_ecx = 0, leaf7_1_eax = 0;
  unsigned long long xcr0 = 0;
  __cpuid(1, eax, ebx, ecx, edx);
  leaf1_ecx = ecx;
  if (max_leaf >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    leaf7_ebx = ebx;
    leaf7_ecx = ecx;
    if (eax >= 1) {
      __cpuid_count(7, 1, eax, ebx, ecx, edx);
      leaf7_1_eax = eax;
    }
  }
  if ((leaf1_ecx >> 27) & 1) {  // OSXSAVE: XGETBV is available
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
  }
  return features_from_cpuid(leaf1_ecx, leaf7_ebx, leaf7_ecx, leaf7_1_eax, xcr0);
#else
  return {};
#endif
}

}  // namespace

const CpuFeatures& cpu_features() {
  static const CpuFeatures f = detect();
  return f;
}

bool isa_supported(Isa isa, const CpuFeatures& f) {
  const bool avx2 = f.avx2 && f.fma && f.f16c;
  const bool avx512 = avx2 && f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl;
  switch (isa) {
    case Isa::kPortable:
      return true;
    case Isa::kAvx2:
      return avx2;
    case Isa::kAvx512:
      return avx512;
    case Isa::kAvx512Vnni:
      return avx512 && f.avx512vnni;
  }
  return false;
}

Isa best_isa(const CpuFeatures& f) {
  for (Isa isa : {Isa::kAvx512Vnni, Isa::kAvx512, Isa::kAvx2})
    if (isa_supported(isa, f)) return isa;
  return Isa::kPortable;
}

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::kPortable:
      return "portable";
    case Isa::kAvx2:
      return "avx2";
    case Isa::kAvx512:
      return "avx512";
    case Isa::kAvx512Vnni:
      return "avx512vnni";
  }
  return "?";
}

}  // namespace xlite::kernels
