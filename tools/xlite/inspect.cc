// SPDX-License-Identifier: Apache-2.0
// `xlite inspect MODEL [--json]`.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.h"
#include "frontend/tflite/reader.h"
#include "ir/stats.h"

namespace xlite::cli {

void print_error(const std::string& message) { std::fprintf(stderr, "xlite: error: %s\n", message.c_str()); }

namespace {

using nlohmann::json;

json tensor_json(const Graph& g, int32_t index) {
  const Tensor& t = g.tensors[index];
  json j;
  j["name"] = t.name;
  j["index"] = index;
  j["shape"] = t.shape;
  j["shape_signature"] = t.shape_signature.empty() ? t.shape : t.shape_signature;
  j["dtype"] = std::string(dtype_name(t.dtype));
  if (t.quant.is_quantized()) {
    j["quantization"] = {{"scale", t.quant.scale},
                         {"zero_point", t.quant.zero_point},
                         {"quantized_dimension", t.quant.axis}};
    if (!t.quant.details.empty()) j["quantization"]["details"] = t.quant.details;
  } else {
    j["quantization"] = nullptr;
  }
  return j;
}

json build_json(const std::string& path, const Model& m, const ModelStats& st) {
  json j;
  j["file"] = path;
  j["file_bytes"] = st.file_bytes;
  j["schema_version"] = m.schema_version;
  j["description"] = m.description;
  j["subgraphs"] = m.subgraphs.size();
  json details = json::array();
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    const Graph& g = m.subgraphs[s];
    json d;
    d["index"] = s;
    d["name"] = g.name;
    d["tensors"] = g.tensors.size();
    d["ops"] = g.ops.size();
    d["op_counts"] = st.op_counts_per_subgraph[s];
    json ins = json::array(), outs = json::array();
    for (int32_t t : g.inputs) ins.push_back(tensor_json(g, t));
    for (int32_t t : g.outputs) outs.push_back(tensor_json(g, t));
    d["inputs"] = ins;
    d["outputs"] = outs;
    details.push_back(d);
  }
  j["subgraph_details"] = details;
  json sigs = json::array();
  for (const Signature& sig : m.signatures) {
    json sj;
    sj["key"] = sig.key;
    sj["subgraph"] = sig.subgraph;
    for (auto [key, list] : {std::pair{"inputs", &sig.inputs}, std::pair{"outputs", &sig.outputs}}) {
      json arr = json::array();
      for (const SignatureTensor& t : *list) arr.push_back({{"name", t.name}, {"tensor", t.tensor}});
      sj[key] = arr;
    }
    sigs.push_back(sj);
  }
  j["signatures"] = sigs;
  j["inputs"] = details[0]["inputs"];
  j["outputs"] = details[0]["outputs"];
  j["op_counts"] = st.op_counts;
  j["parameters"] = st.parameters;
  j["weight_bytes"] = st.weight_bytes;
  j["macs"] = st.macs;
  return j;
}

// 1234567 -> "1,234,567"
std::string grouped(int64_t v) {
  std::string s = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return v < 0 ? "-" + out : out;
}

// 1.2 M, 3.4 G: for quantities people compare at a glance.
std::string human(double v, const char* unit) {
  const char* prefixes[] = {"", "k", "M", "G", "T"};
  int p = 0;
  while (v >= 1000.0 && p < 4) {
    v /= 1000.0;
    ++p;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, p ? "%.2f %s%s" : "%.0f %s%s", v, prefixes[p], unit);
  return buf;
}

std::string tensor_line(const Graph& g, int32_t index) {
  const Tensor& t = g.tensors[index];
  std::string s = "  [" + std::to_string(index) + "] '" + t.name + "' " + std::string(dtype_name(t.dtype)) +
                  shape_to_string(t.shape);
  if (!t.shape_signature.empty() && t.shape_signature != t.shape)
    s += " (signature " + shape_to_string(t.shape_signature) + ")";
  const Quantization& q = t.quant;
  if (!q.details.empty()) {
    s += " quant=" + q.details;
  } else if (q.scale.size() == 1) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " scale=%.9g zero_point=%lld", q.scale[0],
                  static_cast<long long>(q.zero_point.empty() ? 0 : q.zero_point[0]));
    s += buf;
  } else if (q.scale.size() > 1) {
    s += " per-axis(" + std::to_string(q.scale.size()) + " scales, axis " + std::to_string(q.axis) + ")";
  }
  return s;
}

void print_text(const std::string& path, const Model& m, const ModelStats& st) {
  std::printf("model      %s\n", path.c_str());
  std::printf("file       %s bytes (%s)\n", grouped(st.file_bytes).c_str(), human(st.file_bytes, "B").c_str());
  std::printf("schema     version %u%s%s\n", m.schema_version, m.description.empty() ? "" : ", ",
              m.description.c_str());
  std::printf("params     %s (%s weight bytes)\n", grouped(st.parameters).c_str(), grouped(st.weight_bytes).c_str());
  std::printf("MACs       %s (%s)\n", grouped(st.macs).c_str(), human(static_cast<double>(st.macs), "MAC").c_str());
  std::printf("subgraphs  %zu\n", m.subgraphs.size());
  for (const Signature& sig : m.signatures) {
    std::printf("signature  '%s' -> subgraph %d: (", sig.key.c_str(), sig.subgraph);
    for (size_t i = 0; i < sig.inputs.size(); ++i) std::printf("%s%s", i ? ", " : "", sig.inputs[i].name.c_str());
    std::printf(") -> (");
    for (size_t i = 0; i < sig.outputs.size(); ++i) std::printf("%s%s", i ? ", " : "", sig.outputs[i].name.c_str());
    std::printf(")\n");
  }
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    const Graph& g = m.subgraphs[s];
    std::printf("\nsubgraph %zu%s%s: %zu tensors, %zu ops\n", s, g.name.empty() ? "" : " ", g.name.c_str(),
                g.tensors.size(), g.ops.size());
    std::printf(" inputs\n");
    for (int32_t t : g.inputs) std::printf("%s\n", tensor_line(g, t).c_str());
    std::printf(" outputs\n");
    for (int32_t t : g.outputs) std::printf("%s\n", tensor_line(g, t).c_str());
    std::printf(" ops\n");
    for (const auto& [name, n] : st.op_counts_per_subgraph[s]) std::printf("  %-28s %lld\n", name.c_str(), static_cast<long long>(n));
  }
}

}  // namespace

int run_inspect(const InspectArgs& args) {
  // Loaded only to report a bad library; inspect runs no kernel.
  auto custom_ops = load_custom_ops(args.custom_ops);
  if (!custom_ops.ok()) {
    print_error(custom_ops.status().message());
    return 1;
  }
  Result<Model> m = load_tflite_file(args.model);
  if (!m.ok()) {
    print_error(args.model + ": " + m.status().message());
    return 1;
  }
  const ModelStats st = compute_stats(m.value());
  if (args.json) {
    // Names in a model are bytes; invalid UTF-8 is shown as U+FFFD, not fatal.
    std::cout << build_json(args.model, m.value(), st).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    print_text(args.model, m.value(), st);
  }
  return 0;
}

}  // namespace xlite::cli
