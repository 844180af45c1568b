// SPDX-License-Identifier: Apache-2.0
// The variant lists (from kernels.def) and select().
#include "kernels/kernels.h"

#include <type_traits>
#include <vector>

namespace xlite::kernels {

#define XLITE_KERNEL_VARIANT(Kind, isa, name) extern const Kind name;
#include "kernels/kernels.def"
#undef XLITE_KERNEL_VARIANT

template <class K>
std::span<const Variant<K>> variants() {
  static const std::vector<Variant<K>> list = [] {
    std::vector<Variant<K>> v;
#define XLITE_KERNEL_VARIANT(Kind, isa, name) \
  if constexpr (std::is_same_v<K, Kind>) v.push_back({#name, Isa::isa, &name});
#include "kernels/kernels.def"
#undef XLITE_KERNEL_VARIANT
    return v;
  }();
  return list;
}

template <class K>
const Variant<K>& select(Isa cap, const CpuFeatures& cpu) {
  const std::span<const Variant<K>> all = variants<K>();
  for (const Variant<K>& v : all)
    if (static_cast<int>(v.isa) <= static_cast<int>(cap) && isa_supported(v.isa, cpu)) return v;
  return all.back();  // portable: every kind has one (kernels_test checks)
}

template std::span<const Variant<GemmF32Kernel>> variants<GemmF32Kernel>();
template std::span<const Variant<DwConvF32Kernel>> variants<DwConvF32Kernel>();
template std::span<const Variant<PeakF32Kernel>> variants<PeakF32Kernel>();
template std::span<const Variant<PeakI8Kernel>> variants<PeakI8Kernel>();
template std::span<const Variant<LogisticF32Kernel>> variants<LogisticF32Kernel>();
template std::span<const Variant<PreluF32Kernel>> variants<PreluF32Kernel>();
template std::span<const Variant<SumRowsF32Kernel>> variants<SumRowsF32Kernel>();
template std::span<const Variant<HardSwishF32Kernel>> variants<HardSwishF32Kernel>();
template std::span<const Variant<BinaryF32Kernel>> variants<BinaryF32Kernel>();
template std::span<const Variant<PoolF32Kernel>> variants<PoolF32Kernel>();
template std::span<const Variant<WinogradF32Kernel>> variants<WinogradF32Kernel>();
template std::span<const Variant<GemmI8Kernel>> variants<GemmI8Kernel>();
template std::span<const Variant<DwConvI8Kernel>> variants<DwConvI8Kernel>();
template std::span<const Variant<RequantI8Kernel>> variants<RequantI8Kernel>();
template std::span<const Variant<MulI8Kernel>> variants<MulI8Kernel>();
template std::span<const Variant<LutU8Kernel>> variants<LutU8Kernel>();
template const Variant<GemmF32Kernel>& select<GemmF32Kernel>(Isa, const CpuFeatures&);
template const Variant<DwConvF32Kernel>& select<DwConvF32Kernel>(Isa, const CpuFeatures&);
template const Variant<PeakF32Kernel>& select<PeakF32Kernel>(Isa, const CpuFeatures&);
template const Variant<PeakI8Kernel>& select<PeakI8Kernel>(Isa, const CpuFeatures&);
template const Variant<LogisticF32Kernel>& select<LogisticF32Kernel>(Isa, const CpuFeatures&);
template const Variant<PreluF32Kernel>& select<PreluF32Kernel>(Isa, const CpuFeatures&);
template const Variant<SumRowsF32Kernel>& select<SumRowsF32Kernel>(Isa, const CpuFeatures&);
template const Variant<HardSwishF32Kernel>& select<HardSwishF32Kernel>(Isa, const CpuFeatures&);
template const Variant<BinaryF32Kernel>& select<BinaryF32Kernel>(Isa, const CpuFeatures&);
template const Variant<PoolF32Kernel>& select<PoolF32Kernel>(Isa, const CpuFeatures&);
template const Variant<WinogradF32Kernel>& select<WinogradF32Kernel>(Isa, const CpuFeatures&);
template const Variant<GemmI8Kernel>& select<GemmI8Kernel>(Isa, const CpuFeatures&);
template const Variant<DwConvI8Kernel>& select<DwConvI8Kernel>(Isa, const CpuFeatures&);
template const Variant<RequantI8Kernel>& select<RequantI8Kernel>(Isa, const CpuFeatures&);
template const Variant<MulI8Kernel>& select<MulI8Kernel>(Isa, const CpuFeatures&);
template const Variant<LutU8Kernel>& select<LutU8Kernel>(Isa, const CpuFeatures&);

}  // namespace xlite::kernels
