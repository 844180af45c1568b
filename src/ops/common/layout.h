// SPDX-License-Identifier: Apache-2.0
// Shared by the data-movement ops (pad, slice, transpose, gather, ...):
// they move whole elements without looking at them, so one byte-copying
// kernel serves every fixed-size dtype, and prepare() needs the same few
// checks (axis ranges, constant shape-defining inputs, element sizes).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "runtime/tensor.h"

namespace xlite::layout {

// Bytes per element; sub-byte and variable-size types cannot be moved
// element by element.
inline Status element_bytes(const RtTensor& t, const char* what, size_t* out) {
  const int bits = dtype_bits(t.dtype);
  if (bits <= 0 || bits % 8 != 0)
    return Status::error(std::string(what) + " of type " + std::string(dtype_name(t.dtype)) +
                         " is not supported yet");
  *out = static_cast<size_t>(bits / 8);
  return ok_status();
}

// TFLite's convention: an axis in [-rank, rank) counts from the back when negative.
inline Status normalize_axis(int64_t axis, int rank, const char* what, int* out) {
  if (axis < -rank || axis >= rank)
    return Status::error(std::string(what) + " " + std::to_string(axis) + " is out of range for rank " +
                         std::to_string(rank));
  *out = static_cast<int>(axis < 0 ? axis + rank : axis);
  return ok_status();
}

// The values of a shape-defining int32/int64 input. Outputs are sized in
// prepare(), so the input must be a constant.
inline Status const_ints(const RtTensor* t, const char* what, std::vector<int64_t>* out) {
  if (t == nullptr) return Status::error(std::string(what) + " is missing");
  if (t->dtype != DType::kInt32 && t->dtype != DType::kInt64)
    return Status::error(std::string(what) + " must be int32 or int64, is " + std::string(dtype_name(t->dtype)));
  if (!t->constant) return Status::error(std::string(what) + " computed at run time is not supported yet");
  const int64_t n = t->num_elements();
  out->resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    (*out)[i] = t->dtype == DType::kInt32 ? t->as<int32_t>()[i] : t->as<int64_t>()[i];
  return ok_status();
}

inline bool same_quant(const RtTensor& a, const RtTensor& b) {
  return a.scale() == b.scale() && a.zero_point() == b.zero_point();
}

// Data movement must not reinterpret quantized values: where TFLite
// requires equal parameters, so do we.
inline Status require_same_quant(const RtTensor& in, const RtTensor& out, const char* in_name) {
  if (same_quant(in, out)) return ok_status();
  return Status::error(std::string(in_name) + " and output must have the same scale and zero point");
}

inline Status require_same_dtype(const RtTensor& a, const RtTensor& b, const char* a_name, const char* b_name) {
  if (a.dtype == b.dtype) return ok_status();
  return Status::error(std::string(a_name) + " is " + std::string(dtype_name(a.dtype)) + " but " + b_name + " is " +
                       std::string(dtype_name(b.dtype)));
}

inline Status fits_int32(int64_t v, const char* what) {
  if (v >= 0 && v <= INT32_MAX) return ok_status();
  return Status::error(std::string(what) + " " + std::to_string(v) + " is not a valid dimension");
}

// Elements between consecutive indices of each dimension, row-major.
inline std::vector<int64_t> strides_of(std::span<const int32_t> shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

inline int64_t product(std::span<const int32_t> shape, size_t begin, size_t end) {
  int64_t n = 1;
  for (size_t i = begin; i < end && i < shape.size(); ++i) n *= shape[i];
  return n;
}

// Visits every index of `shape` in row-major order as fn(idx, flat); nothing
// for an empty shape with a zero dim, once for a scalar.
template <typename Fn>
void for_each_index(std::span<const int32_t> shape, Fn&& fn) {
  for (int32_t d : shape)
    if (d <= 0) return;
  std::vector<int32_t> idx(shape.size(), 0);
  int64_t flat = 0;
  while (true) {
    fn(static_cast<const int32_t*>(idx.data()), flat);
    ++flat;
    int k = static_cast<int>(shape.size()) - 1;
    while (k >= 0 && ++idx[k] == shape[k]) idx[k--] = 0;
    if (k < 0) return;
  }
}

inline void copy_element(uint8_t* dst, int64_t dst_index, const uint8_t* src, int64_t src_index, size_t elem) {
  std::memcpy(dst + dst_index * static_cast<int64_t>(elem), src + src_index * static_cast<int64_t>(elem), elem);
}

}  // namespace xlite::layout
