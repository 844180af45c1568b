// SPDX-License-Identifier: Apache-2.0
// float32 "vector" traits in plain C++ (an array of kWidth floats, loops the
// compiler may vectorise for the baseline target); see gemm_f32_impl.h.
// The portable variants use 8 lanes; tests also instantiate 16 lanes to run
// the AVX-512 variants' tile shapes on machines without AVX-512.
#pragma once

namespace xlite::kernels {
namespace {

template <int Width>
struct VecPortableT {
  static constexpr int kWidth = Width;
  struct T {
    float v[kWidth];
  };
  static T load(const float* p) {
    T r;
    for (int i = 0; i < kWidth; ++i) r.v[i] = p[i];
    return r;
  }
  static void store(float* p, T x) {
    for (int i = 0; i < kWidth; ++i) p[i] = x.v[i];
  }
  static T load_partial(const float* p, int n) {
    T r;
    for (int i = 0; i < kWidth; ++i) r.v[i] = i < n ? p[i] : 0.0f;
    return r;
  }
  static void store_partial(float* p, T x, int n) {
    for (int i = 0; i < n; ++i) p[i] = x.v[i];
  }
  static T zero() { return set1(0.0f); }
  static T add(T a, T b) {
    for (int i = 0; i < kWidth; ++i) a.v[i] += b.v[i];
    return a;
  }
  static T sub(T a, T b) {
    for (int i = 0; i < kWidth; ++i) a.v[i] -= b.v[i];
    return a;
  }
  static T mul(T a, T b) {
    for (int i = 0; i < kWidth; ++i) a.v[i] *= b.v[i];
    return a;
  }
  static T div(T a, T b) {
    for (int i = 0; i < kWidth; ++i) a.v[i] /= b.v[i];
    return a;
  }
  static T set1(float x) {
    T r;
    for (int i = 0; i < kWidth; ++i) r.v[i] = x;
    return r;
  }
  static T broadcast(const float* p) { return set1(*p); }
  static T fma(T a, T b, T c) {
    for (int i = 0; i < kWidth; ++i) c.v[i] += a.v[i] * b.v[i];
    return c;
  }
  // As the reference's std::max(x, lo) / std::min(x, hi): NaN stays NaN.
  static T max(T lo, T x) {
    for (int i = 0; i < kWidth; ++i) x.v[i] = lo.v[i] > x.v[i] ? lo.v[i] : x.v[i];
    return x;
  }
  static T min(T hi, T x) {
    for (int i = 0; i < kWidth; ++i) x.v[i] = hi.v[i] < x.v[i] ? hi.v[i] : x.v[i];
    return x;
  }
};

using VecPortable = VecPortableT<8>;

}  // namespace
}  // namespace xlite::kernels
