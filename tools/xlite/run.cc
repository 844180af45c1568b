// SPDX-License-Identifier: Apache-2.0
// `xlite run MODEL`: runs a model with the reference executor on inputs from
// .npy files or generated ones, prints a summary of each output and can
// write them as .npy.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "base/npy.h"
#include "commands.h"
#include "frontend/tflite/reader.h"
#include "inputs.h"
#include "runtime/executor.h"

namespace xlite::cli {
namespace {

using nlohmann::json;

std::string describe(DType t, const std::vector<int32_t>& shape) {
  return std::string(dtype_name(t)) + shape_to_string(shape);
}

std::vector<int32_t> to_i32(const std::vector<int64_t>& v) { return std::vector<int32_t>(v.begin(), v.end()); }

bool is_quantized_int(const RtTensor& t) {
  return (t.dtype == DType::kInt8 || t.dtype == DType::kUInt8 || t.dtype == DType::kInt16) && t.quant &&
         t.quant->scale.size() == 1;
}

// Element i as a real number (dequantized when the tensor is quantized).
double real_value(const RtTensor& t, int64_t i) {
  double v = 0;
  switch (t.dtype) {
    case DType::kFloat32: v = t.as<float>()[i]; break;
    case DType::kFloat64: v = t.as<double>()[i]; break;
    case DType::kInt8: v = t.as<int8_t>()[i]; break;
    case DType::kUInt8: v = t.as<uint8_t>()[i]; break;
    case DType::kInt16: v = t.as<int16_t>()[i]; break;
    case DType::kInt32: v = t.as<int32_t>()[i]; break;
    case DType::kInt64: v = static_cast<double>(t.as<int64_t>()[i]); break;
    case DType::kBool: v = t.as<uint8_t>()[i] ? 1 : 0; break;
    default: return std::nan("");
  }
  if (is_quantized_int(t)) v = (v - t.zero_point()) * t.scale();
  return v;
}

// A float array for a quantized input, converted as TFLite's QUANTIZE does:
// q = clamp(round(x / scale) + zero_point).
Status quantize_into(const NpyArray& a, RtTensor& t) {
  const float* x = reinterpret_cast<const float*>(a.data.data());
  const int64_t n = t.num_elements();
  const float scale = t.scale();
  const int32_t zp = t.zero_point();
  int32_t lo = t.dtype == DType::kUInt8 ? 0 : t.dtype == DType::kInt8 ? -128 : -32768;
  int32_t hi = t.dtype == DType::kUInt8 ? 255 : t.dtype == DType::kInt8 ? 127 : 32767;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t q = std::clamp(static_cast<int32_t>(std::round(x[i] / scale)) + zp, lo, hi);
    if (t.dtype == DType::kUInt8) t.as<uint8_t>()[i] = static_cast<uint8_t>(q);
    if (t.dtype == DType::kInt8) t.as<int8_t>()[i] = static_cast<int8_t>(q);
    if (t.dtype == DType::kInt16) t.as<int16_t>()[i] = static_cast<int16_t>(q);
  }
  return ok_status();
}

json summarize(const std::string& name, const RtTensor& t) {
  json j;
  j["name"] = name;
  j["dtype"] = std::string(dtype_name(t.dtype));
  j["shape"] = t.shape;
  const int64_t n = t.num_elements();
  double mn = INFINITY, mx = -INFINITY, sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double v = real_value(t, i);
    mn = std::min(mn, v);
    mx = std::max(mx, v);
    sum += v;
  }
  if (n > 0) {
    j["min"] = mn;
    j["max"] = mx;
    j["mean"] = sum / static_cast<double>(n);
  }
  // Classifier-shaped: [N] or [1, N] scores.
  const bool classifier = (t.rank() == 1 || (t.rank() == 2 && t.dim(0) == 1)) && n >= 2 && n <= 100000;
  if (classifier) {
    std::vector<int64_t> idx(n);
    for (int64_t i = 0; i < n; ++i) idx[i] = i;
    const int64_t k = std::min<int64_t>(5, n);
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), [&](int64_t a, int64_t b) {
      const double va = real_value(t, a), vb = real_value(t, b);
      return va > vb || (va == vb && a < b);
    });
    json top = json::array();
    for (int64_t i = 0; i < k; ++i) top.push_back({{"index", idx[i]}, {"score", real_value(t, idx[i])}});
    j["top5"] = top;
  }
  return j;
}

std::string safe_file_name(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return out.empty() ? "output" : out;
}

}  // namespace

int run_run(const RunArgs& args) {
  auto custom_ops = load_custom_ops(args.custom_ops);
  if (!custom_ops.ok()) {
    print_error(custom_ops.status().message());
    return 1;
  }
  auto loaded = load_compiled(args.model, !args.no_compile);
  if (!loaded.ok()) {
    print_error(args.model + ": " + loaded.status().message());
    return 1;
  }
  std::shared_ptr<const Model> model = loaded.value();
  int subgraph = 0;
  const Signature* sig = nullptr;
  if (!args.signature.empty()) {
    for (const Signature& s : model->signatures)
      if (s.key == args.signature) sig = &s;
    if (sig == nullptr) {
      std::string keys;
      for (const Signature& s : model->signatures) keys += (keys.empty() ? "" : ", ") + s.key;
      print_error(args.model + ": no signature '" + args.signature + "' (the model has: " +
                  (keys.empty() ? "none" : keys) + ")");
      return 1;
    }
    subgraph = sig->subgraph;
  }
  if (args.threads < 1) {
    print_error("--threads must be at least 1");
    return 2;
  }
  auto created = Executor::create(model, subgraph, {.num_threads = args.threads, .reference_kernels = args.reference_kernels,
                                                         .custom_ops = custom_ops.value()});
  if (!created.ok()) {
    print_error(args.model + ": " + created.status().message());
    return 1;
  }
  Executor& ex = *created.value();
  const Graph& g = ex.graph();

  // Input names users may give: the tensor name, or the signature's name.
  auto input_index = [&](const std::string& name) -> int {
    for (int i = 0; i < ex.num_inputs(); ++i) {
      if (ex.input_name(i) == name) return i;
      if (sig)
        for (const SignatureTensor& st : sig->inputs)
          if (st.name == name && st.tensor == g.inputs[i]) return i;
    }
    return -1;
  };
  std::map<int, std::pair<std::string, NpyArray>> given;
  int next_positional = 0;
  for (const std::string& spec : args.inputs) {
    std::string name, path = spec;
    const size_t eq = spec.find('=');
    int index;
    if (eq != std::string::npos && input_index(spec.substr(0, eq)) >= 0) {
      name = spec.substr(0, eq);
      path = spec.substr(eq + 1);
      index = input_index(name);
    } else {
      index = next_positional++;
    }
    if (index >= ex.num_inputs()) {
      print_error("more inputs given than the model's " + std::to_string(ex.num_inputs()));
      return 1;
    }
    auto arr = read_npy(path);
    if (!arr.ok()) {
      print_error(arr.status().message());
      return 1;
    }
    given[index] = {path, std::move(arr.value())};
  }

  // Shapes first (inputs with dynamic dims take the array's shape).
  for (auto& [i, entry] : given) {
    const RtTensor& t = ex.input(i);
    const std::vector<int32_t> shape = to_i32(entry.second.shape);
    if (shape != t.shape) {
      Status st = ex.resize_input(i, shape);
      if (!st.ok()) {
        print_error("input " + std::to_string(i) + " '" + ex.input_name(i) + "' expects " +
                    describe(t.dtype, t.shape) + ", " + entry.first + " holds " +
                    describe(entry.second.dtype, shape));
        return 1;
      }
    }
  }
  if (Status st = ex.allocate(); !st.ok()) {
    print_error(args.model + ": " + st.message());
    return 1;
  }
  std::mt19937 rng(args.seed);
  for (int i = 0; i < ex.num_inputs(); ++i) {
    RtTensor& t = ex.input(i);
    auto it = given.find(i);
    if (it == given.end()) {
      if (args.zeros) {
        std::memset(t.data, 0, t.bytes);
      } else {
        fill_random(t, rng);
      }
      continue;
    }
    const NpyArray& a = it->second.second;
    if (a.dtype == t.dtype) {
      std::memcpy(t.data, a.data.data(), t.bytes);
    } else if (args.quantize_inputs && a.dtype == DType::kFloat32 && is_quantized_int(t)) {
      (void)quantize_into(a, t);
    } else {
      std::string hint = a.dtype == DType::kFloat32 && is_quantized_int(t)
                             ? " (pass --quantize-inputs to quantize float data with the input's scale)"
                             : "";
      print_error("input " + std::to_string(i) + " '" + ex.input_name(i) + "' expects " +
                  describe(t.dtype, t.shape) + ", " + it->second.first + " holds " +
                  describe(a.dtype, to_i32(a.shape)) + hint);
      return 1;
    }
  }
  if (Status st = ex.invoke(); !st.ok()) {
    print_error(args.model + ": " + st.message());
    return 1;
  }

  json outs = json::array();
  for (int i = 0; i < ex.num_outputs(); ++i) {
    const RtTensor& t = ex.output(i);
    json s = summarize(ex.output_name(i), t);
    if (!args.output_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(args.output_dir, ec);
      const std::string path =
          args.output_dir + "/output_" + std::to_string(i) + "_" + safe_file_name(ex.output_name(i)) + ".npy";
      std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
      if (Status st = write_npy(path, t.dtype, shape, t.data, t.bytes, args.overwrite); !st.ok()) {
        print_error(st.message());
        return 1;
      }
      s["file"] = path;
    }
    outs.push_back(s);
  }
  if (args.json) {
    std::cout << json{{"model", args.model}, {"outputs", outs}}.dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
    return 0;
  }
  for (int i = 0; i < ex.num_outputs(); ++i) {
    const json& s = outs[i];
    std::printf("output %d '%s' %s%s", i, ex.output_name(i).c_str(), s["dtype"].get<std::string>().c_str(),
                shape_to_string(ex.output(i).shape).c_str());
    if (s.contains("min"))
      std::printf("  min %.6g  max %.6g  mean %.6g", s["min"].get<double>(), s["max"].get<double>(),
                  s["mean"].get<double>());
    std::printf("\n");
    if (s.contains("top5")) {
      std::printf("  top-5:");
      for (const json& e : s["top5"]) std::printf("  [%lld] %.4f", e["index"].get<long long>(), e["score"].get<double>());
      std::printf("\n");
    }
    if (s.contains("file")) std::printf("  written to %s\n", s["file"].get<std::string>().c_str());
  }
  return 0;
}

}  // namespace xlite::cli
