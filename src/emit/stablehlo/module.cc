// SPDX-License-Identifier: Apache-2.0
#include "emit/stablehlo/module.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "ops/lowerings.h"

namespace xlite::shlo {
namespace {

bool is_integer(DType t) {
  return t == DType::kInt8 || t == DType::kUInt8 || t == DType::kInt16 || t == DType::kInt32 ||
         t == DType::kInt64;
}

// Element k of an integer tensor's data as int64.
int64_t int_at(const Tensor& t, int64_t k) {
  switch (t.dtype) {
    case DType::kInt8: return reinterpret_cast<const int8_t*>(t.data.data())[k];
    case DType::kUInt8: return t.data[k];
    case DType::kInt16: { int16_t v; std::memcpy(&v, t.data.data() + 2 * k, 2); return v; }
    case DType::kInt32: { int32_t v; std::memcpy(&v, t.data.data() + 4 * k, 4); return v; }
    default: { int64_t v; std::memcpy(&v, t.data.data() + 8 * k, 8); return v; }
  }
}

// A quantized constant's real values as float32 bytes (per-tensor or per
// axis: real = scale * (q - zero_point)).
Result<std::vector<uint8_t>> dequantize_constant(const Tensor& t) {
  if (!t.quant.details.empty() || !is_integer(t.dtype))
    return Status::error("constant '" + t.name + "' has a quantization --quant=float cannot dequantize");
  const int64_t n = num_elements(t.shape).value_or(0);
  const auto& q = t.quant;
  int64_t inner = 1, channels = 1;
  if (q.per_axis()) {
    if (q.axis < 0 || q.axis >= static_cast<int32_t>(t.shape.size()) ||
        t.shape[q.axis] != static_cast<int32_t>(q.scale.size()))
      return Status::error("constant '" + t.name + "': per-axis scales do not match its shape");
    channels = t.shape[q.axis];
    for (size_t d = q.axis + 1; d < t.shape.size(); ++d) inner *= t.shape[d];
  }
  std::vector<uint8_t> out(n * 4);
  for (int64_t k = 0; k < n; ++k) {
    const size_t c = q.per_axis() ? static_cast<size_t>((k / inner) % channels) : 0;
    const int64_t zp = c < q.zero_point.size() ? q.zero_point[c] : 0;
    const float v = static_cast<float>(q.scale[c] * static_cast<double>(int_at(t, k) - zp));
    std::memcpy(out.data() + 4 * k, &v, 4);
  }
  return out;
}

bool quantized(const Tensor& t) { return t.quant.is_quantized(); }

Status check_quant(const Tensor& t) {
  if (!t.quant.details.empty()) return Status::error("tensor '" + t.name + "' uses " + t.quant.details);
  if (t.quant.per_axis() && (t.quant.axis < 0 || t.quant.axis >= static_cast<int32_t>(t.shape.size()) ||
                             t.shape[t.quant.axis] != static_cast<int32_t>(t.quant.scale.size())))
    return Status::error("tensor '" + t.name + "': per-axis scales do not match its shape");
  return ok_status();
}

// scale and zero point of t as full-shape f32 values: splats, or per-axis
// vectors broadcast along the quantized axis.
std::pair<Value, Value> quant_params(Builder& b, const Tensor& t, const std::vector<int64_t>& shape) {
  const auto& q = t.quant;
  if (!q.per_axis()) {
    const double zp = q.zero_point.empty() ? 0 : static_cast<double>(q.zero_point[0]);
    return {b.splat(DType::kFloat32, shape, q.scale[0]), b.splat(DType::kFloat32, shape, zp)};
  }
  const int64_t n = static_cast<int64_t>(q.scale.size());
  std::vector<uint8_t> sb(n * 4), zb(n * 4);
  for (int64_t c = 0; c < n; ++c) {
    const float s = q.scale[c];
    const float z = c < static_cast<int64_t>(q.zero_point.size()) ? static_cast<float>(q.zero_point[c]) : 0.0f;
    std::memcpy(sb.data() + 4 * c, &s, 4);
    std::memcpy(zb.data() + 4 * c, &z, 4);
  }
  const int64_t axis = q.axis;
  const TType vec{DType::kFloat32, {n}};
  return {b.broadcast_in_dim(b.constant(vec, sb), shape, std::span<const int64_t>(&axis, 1)),
          b.broadcast_in_dim(b.constant(vec, zb), shape, std::span<const int64_t>(&axis, 1))};
}

// Rounds a float value to tensor t's quantized grid and back:
// real -> q = clamp(round(real / scale) + zp) -> scale * (q - zp). TFLite
// rounds half away from zero when it quantizes (TfLiteRound).
Value fake_quantize(Builder& b, const Value& x, const Tensor& t, bool to_integer) {
  int32_t qmin = -128, qmax = 127;
  switch (t.dtype) {
    case DType::kUInt8: qmin = 0; qmax = 255; break;
    case DType::kInt16: qmin = -32768; qmax = 32767; break;
    case DType::kInt32: qmin = INT32_MIN; qmax = INT32_MAX; break;
    default: break;
  }
  const auto [scale, zp] = quant_params(b, t, x.type.shape);
  Value q = b.unary("stablehlo.round_nearest_afz", b.div(x, scale));
  q = b.add(q, zp);
  q = b.clamp(b.scalar(DType::kFloat32, qmin), q, b.scalar(DType::kFloat32, qmax));
  if (to_integer) return b.convert(q, t.dtype);
  return b.mul(b.sub(q, zp), scale);
}

Value dequantize(Builder& b, const Value& q, const Tensor& t) {
  const auto [scale, zp] = quant_params(b, t, q.type.shape);
  return b.mul(b.sub(b.convert(q, DType::kFloat32), zp), scale);
}


// The subgraphs an op runs (IF's branches, WHILE's cond and body).
std::vector<int> called_subgraphs(const Op& op) {
  std::vector<int> out;
  for (const char* key : {"then_subgraph_index", "else_subgraph_index", "cond_subgraph_index", "body_subgraph_index"})
    if (op.attrs.has(key)) out.push_back(static_cast<int>(op.attrs.get_int(key, -1)));
  return out;
}

// `roots` and every subgraph their control flow reaches (valid indices only;
// a bad index is an error where the op is lowered).
std::vector<int> reachable(const Model& model, const std::vector<int>& roots) {
  const int n = static_cast<int>(model.subgraphs.size());
  std::vector<bool> seen(n, false);
  std::vector<int> order, todo = roots;
  while (!todo.empty()) {
    const int s = todo.back();
    todo.pop_back();
    if (s < 0 || s >= n || seen[s]) continue;
    seen[s] = true;
    order.push_back(s);
    for (const Op& op : model.subgraphs[s].ops)
      for (int c : called_subgraphs(op)) todo.push_back(c);
  }
  std::sort(order.begin(), order.end());
  return order;
}

std::string missing_in(const Model& model, const std::vector<int>& subgraphs) {
  std::map<std::string, int> missing;
  for (int s : subgraphs)
    for (const Op& op : model.subgraphs[s].ops)
      if (find_lowering(op) == nullptr) ++missing[op_display_name(op)];
  std::string out;
  for (const auto& [name, n] : missing) out += (out.empty() ? "" : ", ") + name + " (" + std::to_string(n) + ")";
  return out;
}

// An MLIR string literal: quotes and backslashes escaped, other bytes
// outside printable ASCII as \XX.
std::string mlir_string(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      out += '\\';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// A symbol name: bare when it is an MLIR bare identifier, else quoted.
std::string symbol(std::string_view name) {
  bool bare = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.');
  return "@" + (bare ? std::string(name) : mlir_string(name));
}

// One public function: `inputs`/`outputs` are tensors of `subgraph`; with
// names, each argument and result carries jax.arg_info/jax.result_info.
struct FunctionSpec {
  std::string name;
  int subgraph = 0;
  std::vector<int32_t> inputs, outputs;
  std::vector<std::string> input_names, output_names;  // empty: no attributes
};

class Emitter {
 public:
  Emitter(const Model& model, const ExportOptions& options, ExportResult& result)
      : model_(model), options_(options), result_(result) {}

  Result<std::string> function(const FunctionSpec& f);

 private:
  TType compute_type(const Tensor& t) const {
    TType ty{t.dtype, dims64(t.shape)};
    if (options_.quant == QuantMode::kFloat && quantized(t)) ty.dtype = DType::kFloat32;
    return ty;
  }
  // Lowers subgraph `sg` into `b` with the tensors in `bound` set to their
  // values (compute types); returns the values of `outputs`.
  Result<std::vector<Value>> lower_graph(Builder& b, int sg, const std::vector<std::pair<int32_t, Value>>& bound,
                                         const std::vector<int32_t>& outputs);
  // A subgraph called by IF/WHILE, inline in a region.
  Result<std::vector<Value>> call(Builder& b, int sg, std::span<const Value> args);
  Result<Value> materialize(Builder& b, int sg, int ti);

  const Model& model_;
  const ExportOptions& options_;
  ExportResult& result_;
  std::map<std::pair<int, int>, size_t> weight_index_;  // (subgraph, tensor) -> result_.weights
  std::set<size_t> used_weights_;                       // by the function being emitted
  std::set<std::string> noted_;
  std::vector<int> active_;  // subgraphs being lowered, outermost first
};

Result<Value> Emitter::materialize(Builder& b, int sg, int ti) {
  const Tensor& t = model_.subgraphs[sg].tensors[ti];
  if (!t.is_constant()) return Status::error("tensor '" + t.name + "' is read before it is written");
  TType ty{t.dtype, dims64(t.shape)};
  std::vector<uint8_t> deq;
  std::span<const uint8_t> bytes = t.data;
  if (options_.quant == QuantMode::kFloat && quantized(t)) {
    Result<std::vector<uint8_t>> d = dequantize_constant(t);
    if (!d.ok()) return d.status();
    deq = std::move(d.value());
    bytes = deq;
    ty.dtype = DType::kFloat32;
  }
  const std::optional<int64_t> want = dtype_storage_bytes(ty.dtype, ty.num_elements());
  if (!want || static_cast<size_t>(*want) != bytes.size())
    return Status::error("constant '" + t.name + "' holds " + std::to_string(bytes.size()) +
                         " bytes, not the size of its shape");
  if (options_.external_weights && static_cast<int64_t>(bytes.size()) >= options_.external_min_bytes &&
      ty.dtype != DType::kBool) {
    // One argument per constant tensor, shared by every function and
    // region that reads it (function arguments are visible in regions).
    auto [it, added] = weight_index_.try_emplace({sg, ti}, result_.weights.size());
    if (added) {
      ExternalWeight w;
      w.name = "w" + std::to_string(it->second);
      w.type = ty;
      w.data.assign(bytes.begin(), bytes.end());
      w.tensor = t.name;
      result_.weights.push_back(std::move(w));
    }
    used_weights_.insert(it->second);
    return Value{"%" + result_.weights[it->second].name, ty};
  }
  return b.constant(ty, bytes);
}

Result<std::vector<Value>> Emitter::call(Builder& b, int sg, std::span<const Value> args) {
  const int n = static_cast<int>(model_.subgraphs.size());
  if (sg < 0 || sg >= n)
    return Status::error("subgraph index " + std::to_string(sg) + " is out of range (the model has " +
                         std::to_string(n) + ")");
  const Graph& g = model_.subgraphs[sg];
  const std::string where = "subgraph " + std::to_string(sg) + " ('" + g.name + "')";
  if (args.size() != g.inputs.size())
    return Status::error(where + " takes " + std::to_string(g.inputs.size()) + " inputs, not " +
                         std::to_string(args.size()));
  std::vector<std::pair<int32_t, Value>> bound;
  for (size_t k = 0; k < args.size(); ++k) {
    const Tensor& t = g.tensors[g.inputs[k]];
    const TType want = compute_type(t);
    if (args[k].type.shape != want.shape || args[k].type.dtype != want.dtype)
      return Status::error(where + " input " + std::to_string(k) + " ('" + t.name + "') is " + type_str(want) +
                           " but is passed " + type_str(args[k].type) +
                           " (StableHLO needs the subgraph's static shapes)");
    bound.emplace_back(g.inputs[k], args[k]);
  }
  Result<std::vector<Value>> out = lower_graph(b, sg, bound, g.outputs);
  if (!out.ok()) return out.status().with_context(where + ": ");
  return out;
}

Result<std::vector<Value>> Emitter::lower_graph(Builder& b, int sg,
                                                const std::vector<std::pair<int32_t, Value>>& bound,
                                                const std::vector<int32_t>& outputs) {
  if (std::find(active_.begin(), active_.end(), sg) != active_.end())
    return Status::error("subgraph " + std::to_string(sg) + " runs itself (recursive control flow cannot export)");
  active_.push_back(sg);
  struct Pop {
    std::vector<int>& v;
    ~Pop() { v.pop_back(); }
  } pop{active_};

  const Graph& g = model_.subgraphs[sg];
  std::vector<std::optional<Value>> values(g.tensors.size());
  for (const auto& [t, v] : bound) values[t] = v;
  LowerContext ctx(b, model_, g, options_, values, [&](int ti) { return materialize(b, sg, ti); });
  ctx.set_subgraph_lowering(
      [this](Builder& rb, int index, std::span<const Value> args) { return call(rb, index, args); });

  for (size_t i = 0; i < g.ops.size(); ++i) {
    const Op& op = g.ops[i];
    ctx.set_op(op);
    b.comment(std::to_string(i) + ": " + op_display_name(op));
    const Status st = find_lowering(op)(ctx);
    const std::string where = "op " + std::to_string(i) + " (" + op_display_name(op) + "): ";
    if (!st.ok()) return st.with_context(where);
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      const int32_t o = op.outputs[k];
      if (o < 0) continue;
      if (!values[o]) return Status::error(where + "the lowering left output " + std::to_string(k) + " unset");
      const TType want = ctx.output_type(k);
      if (values[o]->type.shape != want.shape || values[o]->type.dtype != want.dtype)
        return Status::error(where + "lowering produced " + type_str(values[o]->type) + " for output '" +
                             g.tensors[o].name + "' of type " + type_str(want) + " (internal error)");
      if (options_.quant == QuantMode::kFloat && quantized(g.tensors[o]))
        values[o] = fake_quantize(b, *values[o], g.tensors[o], false);
    }
  }
  std::vector<Value> out;
  for (int32_t o : outputs) {
    if (o < 0 || o >= static_cast<int32_t>(g.tensors.size()))
      return Status::error("output tensor index " + std::to_string(o) + " is out of range");
    if (!values[o]) {
      Result<Value> v = materialize(b, sg, o);
      if (!v.ok()) return v.status();
      values[o] = v.value();
    }
    out.push_back(*values[o]);
  }
  return out;
}

Result<std::string> Emitter::function(const FunctionSpec& f) {
  const Graph& g = model_.subgraphs[f.subgraph];
  Builder b;
  used_weights_.clear();
  std::string args;
  std::vector<std::pair<int32_t, Value>> bound;
  for (size_t i = 0; i < f.inputs.size(); ++i) {
    const int32_t ti = f.inputs[i];
    if (ti < 0 || ti >= static_cast<int32_t>(g.tensors.size()))
      return Status::error("input tensor index " + std::to_string(ti) + " is out of range");
    const Tensor& t = g.tensors[ti];
    const TType ty{t.dtype, dims64(t.shape)};
    const std::string name = "%arg" + std::to_string(i);
    args += (i ? ", " : "") + name + ": " + type_str(ty);
    if (!f.input_names.empty()) args += " {jax.arg_info = " + mlir_string(f.input_names[i]) + "}";
    Value v{name, ty};
    // Dequantize quantized inputs where the body starts.
    if (options_.quant == QuantMode::kFloat && quantized(t)) v = dequantize(b, v, t);
    bound.emplace_back(ti, v);
    for (size_t d = 0; d < t.shape_signature.size(); ++d) {
      std::string note = "input '" + t.name + "' dim " + std::to_string(d) + " is dynamic (-1); exported at " +
                         shape_to_string(t.shape);
      if (t.shape_signature[d] < 0 && noted_.insert(note).second) result_.notes.push_back(std::move(note));
    }
  }
  Result<std::vector<Value>> outs = lower_graph(b, f.subgraph, bound, f.outputs);
  if (!outs.ok()) return outs.status();
  std::string ret_vals, ret_types, results;
  for (size_t i = 0; i < outs->size(); ++i) {
    Value v = (*outs)[i];
    const Tensor& t = g.tensors[f.outputs[i]];
    if (options_.quant == QuantMode::kFloat && quantized(t)) v = fake_quantize(b, v, t, true);
    ret_vals += (i ? ", " : "") + v.name;
    ret_types += (i ? ", " : "") + type_str(v.type);
    results += (i ? ", " : "") + type_str(v.type);
    if (!f.output_names.empty()) results += " {jax.result_info = " + mlir_string(f.output_names[i]) + "}";
  }
  // The weights this function reads, in the order of their numbers.
  for (size_t k : used_weights_) {
    const ExternalWeight& w = result_.weights[k];
    args += (args.empty() ? "" : ", ") + ("%" + w.name + ": " + type_str(w.type));
  }
  std::string out = "  func.func public " + symbol(f.name) + "(" + args + ") -> (" + results + ") {\n";
  out += b.text();
  out += "    \"func.return\"(" + ret_vals + ") : (" + ret_types + ") -> ()\n";
  out += "  }\n";
  return out;
}

// Checks every tensor of the subgraphs an export reads: static types, and
// quantized tensors only with a --quant mode that handles them.
Status check_subgraphs(const Model& model, const std::vector<int>& subgraphs, const ExportOptions& options) {
  if (options.quant == QuantMode::kInteger) {
    // Ops that touch a quantized tensor need an integer lowering.
    std::map<std::string, int> missing_int;
    for (int s : subgraphs) {
      const Graph& g = model.subgraphs[s];
      for (const Op& op : g.ops) {
        bool q = false;
        for (int32_t t : op.inputs) q = q || (t >= 0 && quantized(g.tensors[t]));
        for (int32_t t : op.outputs) q = q || (t >= 0 && quantized(g.tensors[t]));
        if (q && !has_integer_lowering(op.kind)) ++missing_int[op_display_name(op)];
      }
    }
    std::string s;
    for (const auto& [name, n] : missing_int) s += (s.empty() ? "" : ", ") + name + " (" + std::to_string(n) + ")";
    if (!s.empty()) return Status::error("no --quant=integer lowering yet for: " + s + " (--quant=float exports them)");
  }
  for (int s : subgraphs) {
    // Quantized tensors need a --quant mode; name the first one found.
    for (const Tensor& t : model.subgraphs[s].tensors) {
      if (!quantized(t)) continue;
      if (options.quant == QuantMode::kNone)
        return Status::error("tensor '" + t.name + "' is quantized (" + std::string(dtype_name(t.dtype)) +
                             "): export with --quant=float or --quant=integer");
      XLITE_RETURN_IF_ERROR(check_quant(t));
    }
  }
  for (int s : subgraphs)
    for (const Tensor& t : model.subgraphs[s].tensors) {
      if (!t.has_rank) return Status::error("tensor '" + t.name + "' has unknown rank");
      XLITE_RETURN_IF_ERROR(check_type({t.dtype, dims64(t.shape)}).with_context("tensor '" + t.name + "': "));
    }
  return ok_status();
}

FunctionSpec signature_function(const Signature& sig, std::string name) {
  FunctionSpec f;
  f.name = std::move(name);
  f.subgraph = sig.subgraph;
  for (const SignatureTensor& t : sig.inputs) {
    f.inputs.push_back(t.tensor);
    f.input_names.push_back(t.name);
  }
  for (const SignatureTensor& t : sig.outputs) {
    f.outputs.push_back(t.tensor);
    f.output_names.push_back(t.name);
  }
  return f;
}

}  // namespace

std::string missing_lowerings(const Model& model) {
  if (model.subgraphs.empty()) return {};
  std::vector<int> roots = {0};
  for (const Signature& s : model.signatures) roots.push_back(s.subgraph);
  return missing_in(model, reachable(model, roots));
}

Result<ExportResult> export_stablehlo(const Model& model, const ExportOptions& options,
                                      const ModuleOptions& module_options) {
  if (model.subgraphs.empty()) return Status::error("the model has no subgraphs");
  const int n = static_cast<int>(model.subgraphs.size());
  std::vector<FunctionSpec> functions;
  if (!module_options.signature.empty()) {
    const Signature* sig = nullptr;
    std::string keys;
    for (const Signature& s : model.signatures) {
      if (s.key == module_options.signature) sig = &s;
      keys += (keys.empty() ? "'" : ", '") + s.key + "'";
    }
    if (sig == nullptr)
      return Status::error("the model has no signature '" + module_options.signature + "' (" +
                           (keys.empty() ? std::string("it has no signatures") : "it has " + keys) + ")");
    functions.push_back(signature_function(*sig, "main"));
  } else {
    FunctionSpec main;
    main.name = "main";
    main.inputs = model.subgraphs[0].inputs;
    main.outputs = model.subgraphs[0].outputs;
    functions.push_back(std::move(main));
    std::set<std::string> names = {"main"};
    for (const Signature& s : model.signatures) {
      if (!names.insert(s.key).second)
        return Status::error("signature '" + s.key + "' clashes with another function of that name (export it " +
                             "alone with --signature)");
      functions.push_back(signature_function(s, s.key));
    }
  }
  std::vector<int> roots;
  for (const FunctionSpec& f : functions) {
    if (f.subgraph < 0 || f.subgraph >= n)
      return Status::error("signature '" + f.name + "' names subgraph " + std::to_string(f.subgraph) +
                           ", which the model does not have");
    roots.push_back(f.subgraph);
  }
  const std::vector<int> subgraphs = reachable(model, roots);
  const std::string missing = missing_in(model, subgraphs);
  if (!missing.empty()) return Status::error("no StableHLO lowering yet for: " + missing);
  XLITE_RETURN_IF_ERROR(check_subgraphs(model, subgraphs, options));

  ExportResult result;
  Emitter emitter(model, options, result);
  std::string body;
  for (const FunctionSpec& f : functions) {
    Result<std::string> text = emitter.function(f);
    if (!text.ok()) {
      if (functions.size() == 1) return text.status();
      return text.status().with_context("function @" + f.name + ": ");
    }
    body += text.value();
  }
  std::string& out = result.text;
  out = module_options.signature.empty()
            ? "// StableHLO exported by xlite from a TFLite model: @main is subgraph 0"
            : "// StableHLO exported by xlite from a TFLite model: @main is signature " +
                  mlir_string(module_options.signature);
  out += functions.size() > 1 ? ", the other functions its signatures.\n" : ".\n";
  out += "module @xlite {\n" + body + "}\n";
  return result;
}

}  // namespace xlite::shlo
