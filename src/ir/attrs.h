// SPDX-License-Identifier: Apache-2.0
// Op attributes: a small ordered name -> value map. The TFLite reader fills it
// from an op's options table (names are the schema's field names, enums are
// their integer values); passes may add attributes of their own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace xlite {

using AttrValue = std::variant<int64_t, double, bool, std::string,
                               std::vector<int64_t>, std::vector<double>>;

struct Attr {
  std::string name;
  AttrValue value;
};

class Attrs {
 public:
  void set(std::string name, AttrValue value);
  const AttrValue* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }

  // Typed getters return `fallback` when the attribute is absent or has
  // another type; bools and ints convert to each other.
  int64_t get_int(std::string_view name, int64_t fallback = 0) const;
  double get_float(std::string_view name, double fallback = 0.0) const;
  bool get_bool(std::string_view name, bool fallback = false) const;
  std::vector<int64_t> get_ints(std::string_view name) const;

  const std::vector<Attr>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Attr> items_;
};

// The text IR's spelling of a value, which keeps its type: 1 is an int,
// 1.0 a double, [1,2] ints, f[1.0,2.5] doubles, "s" a string (escaped).
std::string format_attr_value(const AttrValue& v);
// A double that reads back exactly and always reads as a double.
std::string format_real(double d);
// "text" with quotes, backslashes and control characters escaped.
std::string quote_string(std::string_view s);

}  // namespace xlite
