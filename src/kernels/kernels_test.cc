// SPDX-License-Identifier: Apache-2.0
// The variant registry, selection and CPU feature decoding, and the peak
// measurement.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "kernels/kernels.h"

namespace xlite::kernels {
namespace {

template <class K>
void check_kind(const char* prefix) {
  const auto all = variants<K>();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.back().isa, Isa::kPortable) << prefix << ": a portable variant must come last";
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(std::string(all[i].name).rfind(prefix, 0), 0u) << all[i].name;
    EXPECT_NE(std::string(all[i].name).find(isa_name(all[i].isa)), std::string::npos)
        << all[i].name << " should name its ISA " << isa_name(all[i].isa);
    if (i > 0) {
      EXPECT_LE(static_cast<int>(all[i].isa), static_cast<int>(all[i - 1].isa)) << "best first";
    }
  }
  // Capped selection never exceeds the cap or the CPU.
  for (Isa cap : {Isa::kPortable, Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni}) {
    const Variant<K>& v = select<K>(cap);
    EXPECT_LE(static_cast<int>(v.isa), static_cast<int>(cap));
    EXPECT_TRUE(isa_supported(v.isa));
  }
  EXPECT_EQ(select<K>(Isa::kPortable).isa, Isa::kPortable);
  // With no features at all, the portable variant.
  EXPECT_EQ(select<K>(kBestIsa, CpuFeatures{}).isa, Isa::kPortable);
}

TEST(Kernels, EveryKindHasOrderedVariantsEndingInPortable) {
  check_kind<GemmF32Kernel>("gemm_f32_");
  check_kind<DwConvF32Kernel>("dwconv_f32_");
  check_kind<PeakF32Kernel>("peak_f32_");
  check_kind<PeakI8Kernel>("peak_i8_");
  check_kind<LogisticF32Kernel>("logistic_f32_");
  check_kind<BinaryF32Kernel>("binary_f32_");
  check_kind<PoolF32Kernel>("pool_f32_");
  check_kind<GemmI8Kernel>("gemm_i8_");
  check_kind<DwConvI8Kernel>("dwconv_i8_");
  check_kind<RequantI8Kernel>("requant_i8_");
  check_kind<MulI8Kernel>("mul_i8_");
  check_kind<LutU8Kernel>("lut_u8_");
}

TEST(Kernels, SelectTakesTheBestSupported) {
  const Variant<GemmF32Kernel>& best = select<GemmF32Kernel>();
  for (const auto& v : variants<GemmF32Kernel>())
    if (isa_supported(v.isa)) {
      EXPECT_STREQ(best.name, v.name);
      break;
    }
#if defined(__x86_64__)
  // A CPU with AVX2 and FMA but no AVX-512 gets the AVX2 variant.
  CpuFeatures avx2;
  avx2.avx2 = avx2.fma = avx2.f16c = true;
  EXPECT_EQ(select<GemmF32Kernel>(kBestIsa, avx2).isa, Isa::kAvx2);
  CpuFeatures all = avx2;
  all.avx512f = all.avx512bw = all.avx512dq = all.avx512vl = all.avx512vnni = true;
  EXPECT_EQ(select<GemmF32Kernel>(kBestIsa, all).isa, Isa::kAvx512);
  EXPECT_EQ(select<GemmF32Kernel>(Isa::kAvx2, all).isa, Isa::kAvx2);
  EXPECT_EQ(select<PeakI8Kernel>(kBestIsa, all).isa, Isa::kAvx512Vnni);
#endif
}

TEST(CpuFeatures, DecodesCpuidAndRequiresOsSupport) {
  const unsigned leaf1 = (1u << 12) | (1u << 27) | (1u << 28) | (1u << 29);  // FMA OSXSAVE AVX F16C
  const unsigned leaf7_ebx = (1u << 5) | (1u << 16) | (1u << 17) | (1u << 30) | (1u << 31);
  const unsigned leaf7_ecx = 1u << 11;
  CpuFeatures f = features_from_cpuid(leaf1, leaf7_ebx, leaf7_ecx, 1u << 4, 0xe7);
  EXPECT_TRUE(f.avx2 && f.fma && f.f16c && f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl && f.avx512vnni &&
              f.avxvnni);
  EXPECT_EQ(best_isa(f), Isa::kAvx512Vnni);
  // The OS saves YMM but not ZMM state: AVX2 only.
  f = features_from_cpuid(leaf1, leaf7_ebx, leaf7_ecx, 0, 0x7);
  EXPECT_TRUE(f.avx2);
  EXPECT_FALSE(f.avx512f || f.avx512vnni);
  EXPECT_EQ(best_isa(f), Isa::kAvx2);
  // No OS support for AVX state at all.
  f = features_from_cpuid(leaf1, leaf7_ebx, leaf7_ecx, 0, 0x3);
  EXPECT_FALSE(f.avx2 || f.fma || f.avx512f);
  EXPECT_EQ(best_isa(f), Isa::kPortable);
  // AVX-512 F without BW/DQ/VL is not the kAvx512 level.
  f = features_from_cpuid(leaf1, (1u << 5) | (1u << 16), 0, 0, 0xe7);
  EXPECT_TRUE(f.avx512f);
  EXPECT_EQ(best_isa(f), Isa::kAvx2);
}

TEST(CpuFeatures, ThisMachine) {
  const CpuFeatures& f = cpu_features();
  std::cout << "[   INFO   ] best ISA here: " << isa_name(best_isa()) << " (avx2=" << f.avx2 << " fma=" << f.fma
            << " avx512f=" << f.avx512f << " avx512vnni=" << f.avx512vnni << ")\n";
#if !defined(__x86_64__) && !defined(__i386__)
  EXPECT_EQ(best_isa(), Isa::kPortable);
#endif
}

TEST(Peak, EveryRunnableLoopCountsOperations) {
  for (const auto& v : variants<PeakF32Kernel>())
    if (isa_supported(v.isa)) {
      float sink = 0;
      EXPECT_GT(v.kernel->run(1000, &sink), 0u) << v.name;
    }
  for (const auto& v : variants<PeakI8Kernel>())
    if (isa_supported(v.isa)) {
      int32_t sink = 0;
      EXPECT_GT(v.kernel->run(1000, &sink), 0u) << v.name;
    }
}

TEST(Peak, MeasuresPositiveRates) {
  const PeakResult r = measure_peak(0.05);
  std::cout << "[   INFO   ] peak (short run): " << r.f32_gflops << " GFLOP/s fp32 (" << r.f32_variant << "), "
            << r.i8_gops << " GOP/s int8 (" << r.i8_variant << ")\n";
  EXPECT_GT(r.f32_gflops, 0);
  EXPECT_GT(r.i8_gops, 0);
  EXPECT_GT(std::strlen(r.f32_variant), 0u);
  const PeakResult p = measure_peak(0.02, Isa::kPortable);
  EXPECT_STREQ(p.f32_variant, "peak_f32_portable");
}

}  // namespace
}  // namespace xlite::kernels
