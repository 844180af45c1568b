// SPDX-License-Identifier: Apache-2.0
#include "emit/stablehlo/builder.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace xlite::shlo {
namespace {

template <typename T>
std::string join(std::span<const T> v, const char* sep = ", ") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += std::to_string(v[i]);
  }
  return s;
}

const char* cmp_name(Cmp c) {
  switch (c) {
    case Cmp::EQ: return "EQ";
    case Cmp::NE: return "NE";
    case Cmp::LT: return "LT";
    case Cmp::LE: return "LE";
    case Cmp::GT: return "GT";
    case Cmp::GE: return "GE";
  }
  return "EQ";
}

bool is_float(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat16 || t == DType::kBFloat16 || t == DType::kFloat64;
}

// A finite double as an MLIR float literal (always with '.' or 'e' so it
// parses as a float); inf and NaN as the element's bit pattern in hex.
std::string float_literal(double v, DType t) {
  if (std::isfinite(v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    std::string s = buf;
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
  }
  const bool neg = v < 0;
  if (t == DType::kFloat16) return std::isnan(v) ? "0x7E00" : neg ? "0xFC00" : "0x7C00";
  if (t == DType::kBFloat16) return std::isnan(v) ? "0x7FC0" : neg ? "0xFF80" : "0x7F80";
  if (t == DType::kFloat64)
    return std::isnan(v) ? "0x7FF8000000000000" : neg ? "0xFFF0000000000000" : "0x7FF0000000000000";
  return std::isnan(v) ? "0x7FC00000" : neg ? "0xFF800000" : "0x7F800000";
}

}  // namespace

Result<std::string> element_type(DType t) {
  switch (t) {
    case DType::kFloat32: return std::string("f32");
    case DType::kFloat16: return std::string("f16");
    case DType::kBFloat16: return std::string("bf16");
    case DType::kFloat64: return std::string("f64");
    case DType::kInt8: return std::string("i8");
    case DType::kUInt8: return std::string("ui8");
    case DType::kInt16: return std::string("i16");
    case DType::kUInt16: return std::string("ui16");
    case DType::kInt32: return std::string("i32");
    case DType::kUInt32: return std::string("ui32");
    case DType::kInt64: return std::string("i64");
    case DType::kUInt64: return std::string("ui64");
    case DType::kBool: return std::string("i1");
    case DType::kInt4: return std::string("i4");
    case DType::kUInt4: return std::string("ui4");
    case DType::kComplex64: return std::string("complex<f32>");
    case DType::kComplex128: return std::string("complex<f64>");
    case DType::kFloat8E4M3FN: return std::string("f8E4M3FN");
    case DType::kFloat8E5M2: return std::string("f8E5M2");
    default:
      return Status::error("element type " + std::string(dtype_name(t)) + " has no StableHLO equivalent");
  }
}

Status check_type(const TType& t) {
  Result<std::string> e = element_type(t.dtype);
  if (!e.ok()) return e.status();
  for (int64_t d : t.shape)
    if (d < 0) return Status::error("dynamic dimension in a tensor type (StableHLO export needs static shapes)");
  return ok_status();
}

std::string type_str(const TType& t) {
  std::string s = "tensor<";
  for (int64_t d : t.shape) s += std::to_string(d) + "x";
  Result<std::string> e = element_type(t.dtype);
  s += e.ok() ? e.value() : std::string("?");
  return s + ">";
}

std::string i64_array(std::span<const int64_t> v) {
  return v.empty() ? "array<i64>" : "array<i64: " + join(v) + ">";
}

std::string i64_pairs(std::span<const std::pair<int64_t, int64_t>> v) {
  std::string s = "dense<[";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", [" : "[") + std::to_string(v[i].first) + ", " + std::to_string(v[i].second) + "]";
  if (v.empty()) return "dense<> : tensor<0x2xi64>";
  return s + "]> : tensor<" + std::to_string(v.size()) + "x2xi64>";
}

std::string Builder::fresh() { return "%v" + std::to_string((*counter_)++); }

void Builder::raw(std::string_view line) {
  text_.append(indent_, ' ');
  text_ += line;
  text_ += '\n';
}

void Builder::comment(std::string_view s) { raw("// " + std::string(s)); }

std::string Builder::types_of(std::span<const Value> operands) const {
  std::string s = "(";
  for (size_t i = 0; i < operands.size(); ++i) s += (i ? ", " : "") + type_str(operands[i].type);
  return s + ")";
}

std::vector<Value> Builder::op_n(std::string_view name, std::span<const Value> operands,
                                 std::span<const TType> results, std::string_view attrs,
                                 std::string_view regions) {
  std::vector<Value> out;
  std::string line;
  const std::string base = fresh();
  if (results.size() == 1) {
    out.push_back({base, results[0]});
    line = base + " = ";
  } else if (!results.empty()) {
    for (size_t i = 0; i < results.size(); ++i) out.push_back({base + "#" + std::to_string(i), results[i]});
    line = base + ":" + std::to_string(results.size()) + " = ";
  }
  line += "\"" + std::string(name) + "\"(";
  for (size_t i = 0; i < operands.size(); ++i) line += (i ? ", " : "") + operands[i].name;
  line += ")";
  if (!regions.empty()) line += " (" + std::string(regions) + ")";
  if (!attrs.empty()) line += " {" + std::string(attrs) + "}";
  line += " : " + types_of(operands) + " -> ";
  if (results.size() == 1) {
    line += type_str(results[0]);
  } else {
    line += "(";
    for (size_t i = 0; i < results.size(); ++i) line += (i ? ", " : "") + type_str(results[i]);
    line += ")";
  }
  raw(line);
  return out;
}

Value Builder::op(std::string_view name, std::span<const Value> operands, const TType& result,
                  std::string_view attrs, std::string_view regions) {
  return op_n(name, operands, std::span<const TType>(&result, 1), attrs, regions).front();
}

std::string Builder::scalar_body(std::string_view binary_op, DType t) {
  const std::string ty = type_str({t, {}});
  const std::string a = fresh(), b = fresh(), r = fresh();
  return "{\n^bb0(" + a + ": " + ty + ", " + b + ": " + ty + "):\n  " + r + " = \"" + std::string(binary_op) + "\"(" +
         a + ", " + b + ") : (" + ty + ", " + ty + ") -> " + ty + "\n  \"stablehlo.return\"(" + r + ") : (" + ty +
         ") -> ()\n}";
}

Value Builder::constant(const TType& t, std::span<const uint8_t> bytes) {
  std::string lit;
  const int64_t n = t.num_elements();
  if (n == 0) {
    lit = "dense<[]>";
  } else if (t.dtype == DType::kBool) {
    // i1 has no portable hex form: spell the elements out.
    std::string s;
    for (int64_t i = 0; i < n; ++i) s += (i ? ", " : "") + std::string(bytes[i] ? "true" : "false");
    lit = n == 1 ? "dense<" + s + ">" : "dense<[" + s + "]>";
    if (t.rank() > 1) {
      // A flat list needs the tensor's nesting; a splat-free rank>1 bool
      // tensor is spelled as the rank-1 list reshaped below.
      Value flat = constant({DType::kBool, {n}}, bytes);
      return reshape(flat, t.shape);
    }
  } else {
    static const char* kHex = "0123456789ABCDEF";
    lit.reserve(bytes.size() * 2 + 16);
    lit = "dense<\"0x";
    for (uint8_t c : bytes) {
      lit += kHex[c >> 4];
      lit += kHex[c & 15];
    }
    lit += "\">";
  }
  const std::string name = fresh();
  raw(name + " = \"stablehlo.constant\"() {value = " + lit + " : " + type_str(t) + "} : () -> " + type_str(t));
  return {name, t};
}

Value Builder::splat(DType t, std::span<const int64_t> shape, double v) {
  TType ty{t, std::vector<int64_t>(shape.begin(), shape.end())};
  std::string lit;
  if (t == DType::kBool) {
    lit = v != 0 ? "true" : "false";
  } else if (is_float(t)) {
    lit = float_literal(v, t);
  } else {
    lit = std::to_string(static_cast<long long>(v));
  }
  const std::string name = fresh();
  raw(name + " = \"stablehlo.constant\"() {value = dense<" + lit + "> : " + type_str(ty) + "} : () -> " +
      type_str(ty));
  return {name, ty};
}

Value Builder::binary(std::string_view name, const Value& a, const Value& b) {
  const Value ops[] = {a, b};
  return op(name, ops, a.type);
}

Value Builder::unary(std::string_view name, const Value& a) {
  const Value ops[] = {a};
  return op(name, ops, a.type);
}

Value Builder::compare(const Value& a, const Value& b, Cmp dir) {
  const Value ops[] = {a, b};
  std::string attrs = "comparison_direction = #stablehlo<comparison_direction " + std::string(cmp_name(dir)) + ">";
  if (is_float(a.type.dtype)) attrs += ", compare_type = #stablehlo<comparison_type FLOAT>";
  return op("stablehlo.compare", ops, a.type.with_dtype(DType::kBool), attrs);
}

Value Builder::select(const Value& pred, const Value& t, const Value& f) {
  const Value ops[] = {pred, t, f};
  return op("stablehlo.select", ops, t.type);
}

Value Builder::clamp(const Value& lo, const Value& x, const Value& hi) {
  const Value ops[] = {lo, x, hi};
  return op("stablehlo.clamp", ops, x.type);
}

Value Builder::convert(const Value& a, DType to) {
  if (a.type.dtype == to) return a;
  const Value ops[] = {a};
  return op("stablehlo.convert", ops, a.type.with_dtype(to));
}

Value Builder::reshape(const Value& a, std::vector<int64_t> shape) {
  if (shape == a.type.shape) return a;
  const Value ops[] = {a};
  return op("stablehlo.reshape", ops, a.type.with_shape(std::move(shape)));
}

Value Builder::broadcast_in_dim(const Value& a, std::vector<int64_t> shape, std::span<const int64_t> dims) {
  const Value ops[] = {a};
  return op("stablehlo.broadcast_in_dim", ops, a.type.with_shape(std::move(shape)),
            "broadcast_dimensions = " + i64_array(dims));
}

Value Builder::broadcast_to(const Value& a, std::vector<int64_t> shape) {
  if (a.type.shape == shape) return a;
  const int offset = static_cast<int>(shape.size()) - a.type.rank();
  // Size-1 dims that must grow are dropped first: broadcast_in_dim maps
  // operand dims onto result dims of equal size or from size 1.
  std::vector<int64_t> dims;
  for (int i = 0; i < a.type.rank(); ++i) dims.push_back(i + offset);
  return broadcast_in_dim(a, std::move(shape), dims);
}

Value Builder::transpose(const Value& a, std::span<const int64_t> perm) {
  std::vector<int64_t> shape;
  bool identity = true;
  for (size_t i = 0; i < perm.size(); ++i) {
    shape.push_back(a.type.shape[perm[i]]);
    identity = identity && perm[i] == static_cast<int64_t>(i);
  }
  if (identity) return a;
  const Value ops[] = {a};
  return op("stablehlo.transpose", ops, a.type.with_shape(std::move(shape)), "permutation = " + i64_array(perm));
}

Value Builder::slice(const Value& a, std::span<const int64_t> start, std::span<const int64_t> limit,
                     std::span<const int64_t> strides) {
  std::vector<int64_t> shape;
  for (size_t i = 0; i < start.size(); ++i)
    shape.push_back(std::max<int64_t>(0, (limit[i] - start[i] + strides[i] - 1) / strides[i]));
  const Value ops[] = {a};
  return op("stablehlo.slice", ops, a.type.with_shape(std::move(shape)),
            "start_indices = " + i64_array(start) + ", limit_indices = " + i64_array(limit) +
                ", strides = " + i64_array(strides));
}

Value Builder::concatenate(std::span<const Value> parts, int64_t dim) {
  TType t = parts[0].type;
  t.shape[dim] = 0;
  for (const Value& p : parts) t.shape[dim] += p.type.shape[dim];
  return op("stablehlo.concatenate", parts, t, "dimension = " + std::to_string(dim) + " : i64");
}

Value Builder::pad(const Value& a, const Value& pad_value, std::span<const int64_t> low,
                   std::span<const int64_t> high, std::span<const int64_t> interior) {
  std::vector<int64_t> inner(low.size(), 0);
  if (!interior.empty()) inner.assign(interior.begin(), interior.end());
  std::vector<int64_t> shape;
  for (size_t i = 0; i < low.size(); ++i) {
    const int64_t d = a.type.shape[i];
    shape.push_back(low[i] + high[i] + d + std::max<int64_t>(0, d - 1) * inner[i]);
  }
  const Value ops[] = {a, pad_value};
  return op("stablehlo.pad", ops, a.type.with_shape(std::move(shape)),
            "edge_padding_low = " + i64_array(low) + ", edge_padding_high = " + i64_array(high) +
                ", interior_padding = " + i64_array(inner));
}

Value Builder::reverse(const Value& a, std::span<const int64_t> dims) {
  if (dims.empty()) return a;
  const Value ops[] = {a};
  return op("stablehlo.reverse", ops, a.type, "dimensions = " + i64_array(dims));
}

Value Builder::iota(const TType& t, int64_t dim) {
  return op("stablehlo.iota", {}, t, "iota_dimension = " + std::to_string(dim) + " : i64");
}

Value Builder::reduce(const Value& a, const Value& init, std::span<const int64_t> dims,
                      std::string_view binary_op) {
  std::vector<int64_t> shape;
  for (int i = 0; i < a.type.rank(); ++i) {
    bool reduced = false;
    for (int64_t d : dims) reduced = reduced || d == i;
    if (!reduced) shape.push_back(a.type.shape[i]);
  }
  const Value ops[] = {a, init};
  const std::string body = scalar_body(binary_op, a.type.dtype);
  return op("stablehlo.reduce", ops, a.type.with_shape(std::move(shape)), "dimensions = " + i64_array(dims), body);
}

Value Builder::reduce_window(const Value& a, const Value& init, std::span<const int64_t> window,
                             std::span<const int64_t> strides,
                             std::span<const std::pair<int64_t, int64_t>> padding, std::string_view binary_op,
                             const TType& result) {
  const Value ops[] = {a, init};
  const std::string body = scalar_body(binary_op, a.type.dtype);
  return op("stablehlo.reduce_window", ops, result,
            "window_dimensions = " + i64_array(window) + ", window_strides = " + i64_array(strides) +
                ", padding = " + i64_pairs(padding),
            body);
}

Value Builder::dot_general(const Value& lhs, const Value& rhs, std::span<const int64_t> lhs_batch,
                           std::span<const int64_t> rhs_batch, std::span<const int64_t> lhs_contract,
                           std::span<const int64_t> rhs_contract, const TType& result) {
  auto list = [](std::span<const int64_t> v) { return "[" + join(v) + "]"; };
  std::string dn = "dot_dimension_numbers = #stablehlo.dot<";
  std::string sep;
  if (!lhs_batch.empty()) {
    dn += "lhs_batching_dimensions = " + list(lhs_batch) + ", rhs_batching_dimensions = " + list(rhs_batch);
    sep = ", ";
  }
  dn += sep + "lhs_contracting_dimensions = " + list(lhs_contract) +
        ", rhs_contracting_dimensions = " + list(rhs_contract) + ">";
  const Value ops[] = {lhs, rhs};
  return op("stablehlo.dot_general", ops, result, dn);
}

}  // namespace xlite::shlo
