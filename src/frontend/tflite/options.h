// SPDX-License-Identifier: Apache-2.0
// Turns an operator's options table (BuiltinOptions / BuiltinOptions2) into
// IR attributes, generically, through the schema's reflection data: attribute
// names are the schema's field names and absent fields take the schema's
// defaults. One function instead of a hand-written parser per options table.
#pragma once

#include <bit>
#include <cstring>
#include <string_view>
#include <vector>

#include "flatbuffers/flatbuffers.h"

#include "base/status.h"
#include "ir/attrs.h"

namespace xlite::tflite_reader {

// Copies a verified flatbuffer vector of scalars. memcpy, because the
// flatbuffers Verifier only checks 4-byte alignment of a vector, so a
// crafted file can place a vector of 8-byte values at an address that is
// not a multiple of 8. Flatbuffers are little-endian, as are the hosts
// xlite targets.
static_assert(std::endian::native == std::endian::little, "xlite reads flatbuffers on little-endian hosts");
template <typename In, typename Out>
std::vector<Out> copy_scalar_vector(const flatbuffers::Vector<In>* v) {
  if (v == nullptr) return {};
  std::vector<In> raw(v->size());
  if (!raw.empty()) std::memcpy(raw.data(), v->Data(), raw.size() * sizeof(In));
  if constexpr (std::is_same_v<In, Out>) {
    return raw;
  } else {
    return std::vector<Out>(raw.begin(), raw.end());
  }
}

// `table_name` is the union member name, e.g. "Conv2DOptions".
Status options_to_attrs(std::string_view table_name, const flatbuffers::Table* table, Attrs* out);

}  // namespace xlite::tflite_reader
