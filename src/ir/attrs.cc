// SPDX-License-Identifier: Apache-2.0
#include "ir/attrs.h"

#include <cstdio>
#include <cstdlib>
#include <type_traits>

namespace xlite {

void Attrs::set(std::string name, AttrValue value) {
  for (Attr& a : items_) {
    if (a.name == name) {
      a.value = std::move(value);
      return;
    }
  }
  items_.push_back({std::move(name), std::move(value)});
}

const AttrValue* Attrs::find(std::string_view name) const {
  for (const Attr& a : items_)
    if (a.name == name) return &a.value;
  return nullptr;
}

int64_t Attrs::get_int(std::string_view name, int64_t fallback) const {
  const AttrValue* v = find(name);
  if (v == nullptr) return fallback;
  if (auto* i = std::get_if<int64_t>(v)) return *i;
  if (auto* b = std::get_if<bool>(v)) return *b ? 1 : 0;
  return fallback;
}

double Attrs::get_float(std::string_view name, double fallback) const {
  const AttrValue* v = find(name);
  if (v == nullptr) return fallback;
  if (auto* d = std::get_if<double>(v)) return *d;
  if (auto* i = std::get_if<int64_t>(v)) return static_cast<double>(*i);
  return fallback;
}

bool Attrs::get_bool(std::string_view name, bool fallback) const {
  const AttrValue* v = find(name);
  if (v == nullptr) return fallback;
  if (auto* b = std::get_if<bool>(v)) return *b;
  if (auto* i = std::get_if<int64_t>(v)) return *i != 0;
  return fallback;
}

std::vector<int64_t> Attrs::get_ints(std::string_view name) const {
  const AttrValue* v = find(name);
  if (v == nullptr) return {};
  if (auto* is = std::get_if<std::vector<int64_t>>(v)) return *is;
  if (auto* i = std::get_if<int64_t>(v)) return {*i};
  return {};
}

std::string quote_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string format_real(double d) {
  // The shortest of %.9g and %.17g that reads back exactly.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", d);
  if (std::strtod(buf, nullptr) != d) std::snprintf(buf, sizeof buf, "%.17g", d);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string format_attr_value(const AttrValue& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          return format_real(x);
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return quote_string(x);
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          std::string s = "[";
          for (size_t i = 0; i < x.size(); ++i) s += (i ? "," : "") + std::to_string(x[i]);
          return s + "]";
        } else {
          std::string s = "f[";
          for (size_t i = 0; i < x.size(); ++i) s += (i ? "," : "") + format_real(x[i]);
          return s + "]";
        }
      },
      v);
}

}  // namespace xlite
