// SPDX-License-Identifier: Apache-2.0
// The optimised kernel variants and the one place that picks among them.
//
// Each kind of kernel (GemmF32Kernel, DwConvF32Kernel, ...) has several
// variants, one per instruction set (src/kernels/<isa>/), listed in
// kernels.def best first. select<K>() returns the first variant the CPU can
// run, optionally capped at a lower ISA (tests force every variant this
// way; see docs/architecture.md). Variants are stateless functions over
// ranges of output rows, so a thread pool can split the work.
#pragma once

#include <span>

#include "kernels/binary_f32.h"
#include "kernels/conv_i8.h"
#include "kernels/cpu_features.h"
#include "kernels/dwconv_f32.h"
#include "kernels/gemm_f32.h"
#include "kernels/hard_swish_f32.h"
#include "kernels/logistic_f32.h"
#include "kernels/lut_u8.h"
#include "kernels/mul_i8.h"
#include "kernels/peak.h"
#include "kernels/prelu_f32.h"
#include "kernels/pool_f32.h"
#include "kernels/sum_rows_f32.h"
#include "kernels/winograd_f32.h"

namespace xlite::kernels {

template <class K>
struct Variant {
  const char* name;  // e.g. "gemm_f32_avx512_8x32"
  Isa isa;
  const K* kernel;
};

// Every compiled variant of kind K, best first, including ones this CPU
// cannot run. The last one is always portable.
template <class K>
std::span<const Variant<K>> variants();

// The best variant that this CPU supports and whose ISA is at most `cap`.
template <class K>
const Variant<K>& select(Isa cap = kBestIsa, const CpuFeatures& cpu = cpu_features());

extern template std::span<const Variant<GemmF32Kernel>> variants<GemmF32Kernel>();
extern template std::span<const Variant<DwConvF32Kernel>> variants<DwConvF32Kernel>();
extern template std::span<const Variant<PeakF32Kernel>> variants<PeakF32Kernel>();
extern template std::span<const Variant<PeakI8Kernel>> variants<PeakI8Kernel>();
extern template std::span<const Variant<LogisticF32Kernel>> variants<LogisticF32Kernel>();
extern template std::span<const Variant<PreluF32Kernel>> variants<PreluF32Kernel>();
extern template std::span<const Variant<SumRowsF32Kernel>> variants<SumRowsF32Kernel>();
extern template std::span<const Variant<HardSwishF32Kernel>> variants<HardSwishF32Kernel>();
extern template std::span<const Variant<BinaryF32Kernel>> variants<BinaryF32Kernel>();
extern template std::span<const Variant<PoolF32Kernel>> variants<PoolF32Kernel>();
extern template std::span<const Variant<WinogradF32Kernel>> variants<WinogradF32Kernel>();
extern template std::span<const Variant<GemmI8Kernel>> variants<GemmI8Kernel>();
extern template std::span<const Variant<DwConvI8Kernel>> variants<DwConvI8Kernel>();
extern template std::span<const Variant<RequantI8Kernel>> variants<RequantI8Kernel>();
extern template std::span<const Variant<MulI8Kernel>> variants<MulI8Kernel>();
extern template std::span<const Variant<LutU8Kernel>> variants<LutU8Kernel>();
extern template const Variant<GemmF32Kernel>& select<GemmF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<DwConvF32Kernel>& select<DwConvF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<PeakF32Kernel>& select<PeakF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<PeakI8Kernel>& select<PeakI8Kernel>(Isa, const CpuFeatures&);
extern template const Variant<LogisticF32Kernel>& select<LogisticF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<PreluF32Kernel>& select<PreluF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<SumRowsF32Kernel>& select<SumRowsF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<HardSwishF32Kernel>& select<HardSwishF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<BinaryF32Kernel>& select<BinaryF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<PoolF32Kernel>& select<PoolF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<WinogradF32Kernel>& select<WinogradF32Kernel>(Isa, const CpuFeatures&);
extern template const Variant<GemmI8Kernel>& select<GemmI8Kernel>(Isa, const CpuFeatures&);
extern template const Variant<DwConvI8Kernel>& select<DwConvI8Kernel>(Isa, const CpuFeatures&);
extern template const Variant<RequantI8Kernel>& select<RequantI8Kernel>(Isa, const CpuFeatures&);
extern template const Variant<MulI8Kernel>& select<MulI8Kernel>(Isa, const CpuFeatures&);
extern template const Variant<LutU8Kernel>& select<LutU8Kernel>(Isa, const CpuFeatures&);

}  // namespace xlite::kernels
