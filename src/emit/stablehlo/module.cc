// SPDX-License-Identifier: Apache-2.0
#include "emit/stablehlo/module.h"

#include <cmath>
#include <cstring>
#include <map>

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

}  // namespace

std::string missing_lowerings(const Model& model) {
  std::map<std::string, int> missing;
  if (model.subgraphs.empty()) return {};
  for (const Op& op : model.subgraphs[0].ops)
    if (op.kind == OpKind::CUSTOM || find_lowering(op.kind) == nullptr) ++missing[op_display_name(op)];
  std::string s;
  for (const auto& [name, n] : missing) s += (s.empty() ? "" : ", ") + name + " (" + std::to_string(n) + ")";
  return s;
}

Result<ExportResult> export_stablehlo(const Model& model, const ExportOptions& options) {
  if (model.subgraphs.empty()) return Status::error("the model has no subgraphs");
  const Graph& g = model.subgraphs[0];
  const std::string missing = missing_lowerings(model);
  if (!missing.empty()) return Status::error("no StableHLO lowering yet for: " + missing);

  ExportResult result;
  if (options.quant == QuantMode::kInteger) {
    // Ops that touch a quantized tensor need an integer lowering.
    std::map<std::string, int> missing_int;
    for (const Op& op : g.ops) {
      bool q = false;
      for (int32_t t : op.inputs) q = q || (t >= 0 && quantized(g.tensors[t]));
      for (int32_t t : op.outputs) q = q || (t >= 0 && quantized(g.tensors[t]));
      if (q && !has_integer_lowering(op.kind)) ++missing_int[op_display_name(op)];
    }
    std::string s;
    for (const auto& [name, n] : missing_int) s += (s.empty() ? "" : ", ") + name + " (" + std::to_string(n) + ")";
    if (!s.empty()) return Status::error("no --quant=integer lowering yet for: " + s + " (--quant=float exports them)");
  }
  // Quantized tensors need a --quant mode; name the first one found.
  for (const Tensor& t : g.tensors) {
    if (!quantized(t)) continue;
    if (options.quant == QuantMode::kNone)
      return Status::error("tensor '" + t.name + "' is quantized (" + std::string(dtype_name(t.dtype)) +
                           "): export with --quant=float or --quant=integer");
    XLITE_RETURN_IF_ERROR(check_quant(t));
  }
  for (const Tensor& t : g.tensors) {
    if (!t.has_rank) return Status::error("tensor '" + t.name + "' has unknown rank");
    XLITE_RETURN_IF_ERROR(check_type({t.dtype, dims64(t.shape)}).with_context("tensor '" + t.name + "': "));
  }

  Builder b;
  std::vector<std::optional<Value>> values(g.tensors.size());
  std::string args;
  for (size_t i = 0; i < g.inputs.size(); ++i) {
    const Tensor& t = g.tensors[g.inputs[i]];
    const TType ty{t.dtype, dims64(t.shape)};
    const std::string name = "%arg" + std::to_string(i);
    args += (i ? ", " : "") + name + ": " + type_str(ty);
    values[g.inputs[i]] = Value{name, ty};
    for (size_t d = 0; d < t.shape_signature.size(); ++d)
      if (t.shape_signature[d] < 0)
        result.notes.push_back("input '" + t.name + "' dim " + std::to_string(d) + " is dynamic (-1); exported at " +
                               shape_to_string(t.shape));
  }
  // Dequantize quantized inputs where the body starts.
  if (options.quant == QuantMode::kFloat)
    for (int32_t in : g.inputs)
      if (quantized(g.tensors[in])) values[in] = dequantize(b, *values[in], g.tensors[in]);

  std::vector<std::string> weight_args;
  auto materialize = [&](int ti) -> Result<Value> {
    const Tensor& t = g.tensors[ti];
    if (!t.is_constant()) return Status::error("tensor '" + t.name + "' is read before it is written");
    TType ty{t.dtype, dims64(t.shape)};
    std::vector<uint8_t> deq;
    std::span<const uint8_t> bytes = t.data;
    if (options.quant == QuantMode::kFloat && quantized(t)) {
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
    if (options.external_weights && static_cast<int64_t>(bytes.size()) >= options.external_min_bytes &&
        ty.dtype != DType::kBool) {
      ExternalWeight w;
      w.name = "w" + std::to_string(result.weights.size());
      w.type = ty;
      w.data.assign(bytes.begin(), bytes.end());
      w.tensor = t.name;
      weight_args.push_back("%" + w.name + ": " + type_str(ty));
      result.weights.push_back(std::move(w));
      return Value{"%" + result.weights.back().name, ty};
    }
    return b.constant(ty, bytes);
  };
  LowerContext ctx(b, model, g, options, values, materialize);

  for (size_t i = 0; i < g.ops.size(); ++i) {
    const Op& op = g.ops[i];
    ctx.set_op(op);
    b.comment(std::to_string(i) + ": " + op_display_name(op));
    const Status st = find_lowering(op.kind)(ctx);
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
      if (options.quant == QuantMode::kFloat && quantized(g.tensors[o]))
        values[o] = fake_quantize(b, *values[o], g.tensors[o], false);
    }
  }

  std::string ret_vals, ret_types;
  for (size_t i = 0; i < g.outputs.size(); ++i) {
    const int32_t o = g.outputs[i];
    if (!values[o]) {
      Result<Value> v = materialize(o);
      if (!v.ok()) return v.status();
      values[o] = v.value();
    }
    Value v = *values[o];
    if (options.quant == QuantMode::kFloat && quantized(g.tensors[o]))
      v = fake_quantize(b, v, g.tensors[o], true);
    ret_vals += (i ? ", " : "") + v.name;
    ret_types += (i ? ", " : "") + type_str(v.type);
  }
  for (const std::string& w : weight_args) args += (args.empty() ? "" : ", ") + w;

  std::string& out = result.text;
  out = "// StableHLO exported by xlite from a TFLite model (subgraph 0).\n";
  out += "module @xlite {\n";
  out += "  func.func public @main(" + args + ") -> (" + ret_types + ") {\n";
  out += b.text();
  out += "    \"func.return\"(" + ret_vals + ") : (" + ret_types + ") -> ()\n";
  out += "  }\n}\n";
  return result;
}

}  // namespace xlite::shlo
