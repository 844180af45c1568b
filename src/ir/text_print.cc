// SPDX-License-Identifier: Apache-2.0
// The printing half of the text IR (ir/text.h).
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "ir/text.h"

namespace xlite {
namespace {

std::string quoted(std::string_view s) { return quote_string(s); }

std::string real_f(float f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(f));
  return buf;
}

std::string dims(std::span<const int32_t> d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "]";
}

std::string tensor_type(const Tensor& t) {
  std::string s = std::string(dtype_name(t.dtype)) + dims(t.shape);
  if (!t.shape_signature.empty() && t.shape_signature != t.shape) s += " sig" + dims(t.shape_signature);
  const Quantization& q = t.quant;
  if (!q.details.empty()) {
    s += " q(custom " + quoted(q.details) + ")";
  } else if (q.scale.size() == 1 && !q.per_axis()) {
    s += " q(" + real_f(q.scale[0]) + ", " + std::to_string(q.zero_point.empty() ? 0 : q.zero_point[0]) + ")";
  } else if (!q.scale.empty()) {
    s += " q(axis=" + std::to_string(q.axis) + ", [";
    for (size_t i = 0; i < q.scale.size(); ++i) s += (i ? "," : "") + real_f(q.scale[i]);
    s += "], [";
    for (size_t i = 0; i < q.zero_point.size(); ++i) s += (i ? "," : "") + std::to_string(q.zero_point[i]);
    s += "])";
  }
  if (t.sparsity) s += " sparse";
  return s;
}

std::string decl(const Graph& g, int32_t t) {
  std::string s = "%" + std::to_string(t);
  if (!g.tensors[t].name.empty()) s += " " + quoted(g.tensors[t].name);
  return s + ": " + tensor_type(g.tensors[t]);
}

template <typename T>
void append_values(std::string* s, std::span<const uint8_t> data) {
  const size_t n = data.size() / sizeof(T);
  for (size_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, data.data() + i * sizeof(T), sizeof(T));
    if (i) *s += ", ";
    if constexpr (std::is_same_v<T, float>) {
      *s += real_f(v);
    } else if constexpr (std::is_same_v<T, bool>) {
      *s += v ? "true" : "false";
    } else {
      *s += std::to_string(static_cast<std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>>(v));
    }
  }
}

std::string constant_data(const Tensor& t, const PrintOptions& opt) {
  if (opt.external) {
    std::vector<uint8_t>& blob = *opt.external;
    blob.resize((blob.size() + 63) / 64 * 64, 0);
    const size_t at = blob.size();
    blob.insert(blob.end(), t.data.begin(), t.data.end());
    return "@" + std::to_string(at) + "+" + std::to_string(t.data.size());
  }
  const int64_t n = num_elements(t.shape).value_or(-1);
  if (n < 0 || n > opt.max_inline_elements || t.sparsity)
    return "<" + std::to_string(t.data.size()) + " bytes>";
  std::string s = "[";
  switch (t.dtype) {
    case DType::kFloat32: append_values<float>(&s, t.data); break;
    case DType::kInt8: append_values<int8_t>(&s, t.data); break;
    case DType::kUInt8: append_values<uint8_t>(&s, t.data); break;
    case DType::kInt16: append_values<int16_t>(&s, t.data); break;
    case DType::kInt32: append_values<int32_t>(&s, t.data); break;
    case DType::kInt64: append_values<int64_t>(&s, t.data); break;
    case DType::kBool: append_values<bool>(&s, t.data); break;
    default: {
      s = "0x";
      char buf[4];
      for (uint8_t b : t.data) {
        std::snprintf(buf, sizeof buf, "%02x", b);
        s += buf;
      }
      return s;
    }
  }
  return s + "]";
}

std::string operand_list(const std::vector<int32_t>& ts) {
  std::string s;
  for (size_t i = 0; i < ts.size(); ++i) s += (i ? ", " : "") + (ts[i] < 0 ? std::string("_") : "%" + std::to_string(ts[i]));
  return s;
}

}  // namespace

std::string print_graph(const Model& model, int subgraph, const PrintOptions& opt) {
  const Graph& g = model.subgraphs[subgraph];
  std::string s = "subgraph " + std::to_string(subgraph) + " " + quoted(g.name) + " {\n";
  std::vector<bool> declared(g.tensors.size(), false);
  for (int32_t t : g.inputs) {
    if (t < 0 || declared[t]) continue;
    s += "  " + decl(g, t) + " = input\n";
    declared[t] = true;
  }
  std::vector<bool> produced(g.tensors.size(), false);
  for (const Op& op : g.ops)
    for (int32_t t : op.outputs)
      if (t >= 0) produced[t] = true;
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    if (declared[t] || produced[t]) continue;
    const Tensor& tt = g.tensors[t];
    const int32_t ti = static_cast<int32_t>(t);
    if (tt.is_variable)
      s += "  " + decl(g, ti) + " = variable\n";
    else if (tt.is_constant())
      s += "  " + decl(g, ti) + " = const " + constant_data(tt, opt) + "\n";
    else
      s += "  " + decl(g, ti) + " = unused\n";
  }
  for (const Op& op : g.ops) {
    s += "  ";
    for (size_t k = 0; k < op.outputs.size(); ++k) s += (k ? ", " : "") + decl(g, op.outputs[k]);
    if (!op.outputs.empty()) s += " = ";
    s += op.kind == OpKind::CUSTOM ? "CUSTOM:" + quoted(op.custom_code) : std::string(op_name(op.kind));
    if (op.version != 1) s += ".v" + std::to_string(op.version);
    s += "(" + operand_list(op.inputs) + ")";
    if (!op.attrs.empty()) {
      s += " {";
      bool first = true;
      for (const Attr& a : op.attrs.items()) {
        s += (first ? "" : ", ") + a.name + "=" + format_attr_value(a.value);
        first = false;
      }
      s += "}";
    }
    if (!op.custom_options.empty()) {
      s += " custom_options 0x";
      char buf[4];
      for (uint8_t b : op.custom_options) {
        std::snprintf(buf, sizeof buf, "%02x", b);
        s += buf;
      }
    }
    if (!op.intermediates.empty()) s += " intermediates(" + operand_list(op.intermediates) + ")";
    s += "\n";
  }
  s += "  return " + operand_list(g.outputs) + "\n}\n";
  return s;
}

std::string print_model(const Model& model, const PrintOptions& opt) {
  std::string s;
  for (size_t i = 0; i < model.subgraphs.size(); ++i) s += print_graph(model, static_cast<int>(i), opt);
  for (const Signature& sig : model.signatures) {
    s += "signature " + quoted(sig.key) + " subgraph " + std::to_string(sig.subgraph) + " inputs(";
    for (size_t i = 0; i < sig.inputs.size(); ++i)
      s += (i ? ", " : "") + quoted(sig.inputs[i].name) + "=%" + std::to_string(sig.inputs[i].tensor);
    s += ") outputs(";
    for (size_t i = 0; i < sig.outputs.size(); ++i)
      s += (i ? ", " : "") + quoted(sig.outputs[i].name) + "=%" + std::to_string(sig.outputs[i].tensor);
    s += ")\n";
  }
  return s;
}

}  // namespace xlite
