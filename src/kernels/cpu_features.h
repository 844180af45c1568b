// SPDX-License-Identifier: Apache-2.0
// What the CPU running xlite can execute, read once from CPUID and XGETBV
// (an instruction set counts only when the OS also saves its registers).
// On targets other than x86 every flag is false and only the portable
// kernels run.
#pragma once

namespace xlite::kernels {

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool f16c = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512dq = false;
  bool avx512vl = false;
  bool avx512vnni = false;
  bool avxvnni = false;  // the VEX (256-bit) encoding of VNNI
};

// The instruction-set levels kernels are written for. Each level implies the
// ones before it, so "at most level L" is a well-defined cap for tests and
// for forcing a slower path.
enum class Isa : int {
  kPortable = 0,    // plain C++, any target
  kAvx2 = 1,        // AVX2 + FMA + F16C
  kAvx512 = 2,      // AVX-512 F + BW + DQ + VL (and everything in kAvx2)
  kAvx512Vnni = 3,  // kAvx512 + AVX-512 VNNI
};
inline constexpr Isa kBestIsa = Isa::kAvx512Vnni;

// Detected once, on first use; thread-safe.
const CpuFeatures& cpu_features();
// Detection from raw CPUID words, for tests: leaf 1 ECX, leaf 7 (subleaf 0)
// EBX/ECX, leaf 7 subleaf 1 EAX, and XCR0.
CpuFeatures features_from_cpuid(unsigned leaf1_ecx, unsigned leaf7_ebx, unsigned leaf7_ecx, unsigned leaf7_1_eax,
                                unsigned long long xcr0);

bool isa_supported(Isa isa, const CpuFeatures& f = cpu_features());
// The highest level this CPU supports.
Isa best_isa(const CpuFeatures& f = cpu_features());
const char* isa_name(Isa isa);

}  // namespace xlite::kernels
