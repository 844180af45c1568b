// SPDX-License-Identifier: Apache-2.0
// Test-only helpers for comparing kernel variants with the reference
// kernels (DESIGN convention 12): output buffers poisoned with NaN and
// fenced by guard words, random data, and the float tolerance.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kernels/emulated_variants.h"
#include "kernels/kernels.h"

namespace xlite::kernels::testing {

// Distinct quiet-NaN bit patterns: one marks bytes a kernel must never
// write (guards, row padding), one marks outputs it must overwrite.
constexpr uint32_t kGuardBits = 0x7fc0dead;
constexpr uint32_t kPoisonBits = 0x7fc0beef;
constexpr size_t kGuardFloats = 64;  // a cache line beyond the widest vector

inline float bits_to_float(uint32_t b) {
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
inline uint32_t float_to_bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

// n floats, poisoned, with guard words on both sides.
class GuardedFloats {
 public:
  explicit GuardedFloats(size_t n) : mem_(n + 2 * kGuardFloats, bits_to_float(kGuardBits)), n_(n) {
    for (size_t i = 0; i < n; ++i) mem_[kGuardFloats + i] = bits_to_float(kPoisonBits);
  }
  float* data() { return mem_.data() + kGuardFloats; }
  const float* data() const { return mem_.data() + kGuardFloats; }
  size_t size() const { return n_; }
  float& operator[](size_t i) { return data()[i]; }
  float operator[](size_t i) const { return data()[i]; }
  // Marks element i as one the kernel must leave alone (e.g. a stride gap).
  void guard(size_t i) { data()[i] = bits_to_float(kGuardBits); }
  bool guards_intact() const {
    for (size_t i = 0; i < kGuardFloats; ++i)
      if (float_to_bits(mem_[i]) != kGuardBits || float_to_bits(mem_[kGuardFloats + n_ + i]) != kGuardBits)
        return false;
    return true;
  }

 private:
  std::vector<float> mem_;
  size_t n_;
};

inline std::vector<float> random_floats(std::mt19937& rng, size_t n, float lo = -1.0f, float hi = 1.0f) {
  std::uniform_real_distribution<float> u(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = u(rng);
  return v;
}

inline double max_abs(const float* v, size_t n) {
  double m = 0;
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(v[i])) m = std::max(m, std::fabs(static_cast<double>(v[i])));
  return m;
}

// Every element of `got` within 1e-5 of the output's scale of `want`; NaN
// only where want is NaN, infinities equal. The scale is max |want|, or
// `scale` when larger: a clamp (RELU6, [-1, 1]) shrinks the outputs but not
// the sums the rounding error comes from, so callers pass max |unclamped|.
// Returns the first mismatch, or "" when all agree.
inline std::string compare(const float* got, const float* want, size_t n, double scale = 0, double rel = 1e-5) {
  const double tol = rel * std::max(max_abs(want, n), scale);
  for (size_t i = 0; i < n; ++i) {
    if (float_to_bits(got[i]) == kPoisonBits || float_to_bits(got[i]) == kGuardBits)
      return "element " + std::to_string(i) + " was never written";
    if (std::isnan(want[i]) != std::isnan(got[i]) ||
        (!std::isnan(want[i]) && std::isinf(want[i]) && got[i] != want[i]) ||
        (std::isfinite(want[i]) && !(std::fabs(static_cast<double>(got[i]) - want[i]) <= tol)))
      return "element " + std::to_string(i) + ": got " + std::to_string(got[i]) + ", want " +
             std::to_string(want[i]) + " (tolerance " + std::to_string(tol) + ")";
  }
  return "";
}

// The variants of kind K this CPU can run, and the names of those it cannot
// (reported, not failed).
template <class K>
std::vector<Variant<K>> runnable(std::vector<std::string>* skipped = nullptr) {
  std::vector<Variant<K>> out;
  for (const Variant<K>& v : variants<K>()) {
    if (isa_supported(v.isa))
      out.push_back(v);
    else if (skipped)
      skipped->push_back(v.name);
  }
  return out;
}

// runnable<K>() plus, for each variant the CPU cannot run, its plain C++
// emulation where emulated_variants.h has one. `skipped` gets the name of
// every variant not run as itself.
template <class K>
std::vector<Variant<K>> runnable_or_emulated(std::vector<std::string>* skipped = nullptr) {
  std::vector<Variant<K>> out;
  for (const Variant<K>& v : variants<K>()) {
    Variant<K> e;
    if (isa_supported(v.isa))
      out.push_back(v);
    else if (emulation(v.name, &e)) {
      out.push_back(e);
      if (skipped) skipped->push_back(std::string(v.name) + " (its plain C++ emulation ran instead)");
    } else if (skipped) {
      skipped->push_back(v.name);
    }
  }
  return out;
}

// Activation clamps the kernels see: none, RELU, RELU6, RELU_N1_TO_1, and
// a narrow one that clamps most values.
struct Clamp {
  float min, max;
};
inline std::vector<Clamp> clamps() {
  const float inf = INFINITY;
  return {{-inf, inf}, {0.0f, inf}, {0.0f, 6.0f}, {-1.0f, 1.0f}, {-0.25f, 0.125f}};
}

}  // namespace xlite::kernels::testing
