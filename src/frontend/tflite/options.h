// SPDX-License-Identifier: Apache-2.0
// Turns an operator's options table (BuiltinOptions / BuiltinOptions2) into
// IR attributes, generically, through the schema's reflection data: attribute
// names are the schema's field names and absent fields take the schema's
// defaults. One function instead of a hand-written parser per options table.
#pragma once

#include <string_view>

#include "base/status.h"
#include "ir/attrs.h"

namespace flatbuffers {
class Table;
}

namespace xlite::tflite_reader {

// `table_name` is the union member name, e.g. "Conv2DOptions".
Status options_to_attrs(std::string_view table_name, const flatbuffers::Table* table, Attrs* out);

}  // namespace xlite::tflite_reader
