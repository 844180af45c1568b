// SPDX-License-Identifier: Apache-2.0
// The parsing half of the text IR (ir/text.h): a line-oriented reader with
// a small cursor; every error names the line and what was expected.
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "ir/text.h"

namespace xlite {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

class Cursor {
 public:
  Cursor(std::string_view line, int line_no) : s_(line), line_no_(line_no) {}

  void skip_space() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_;
  }
  bool at_end() {
    skip_space();
    return p_ >= s_.size();
  }
  bool peek(std::string_view tok) {
    skip_space();
    return s_.substr(p_, tok.size()) == tok;
  }
  bool accept(std::string_view tok) {
    if (!peek(tok)) return false;
    p_ += tok.size();
    return true;
  }
  Status expect(std::string_view tok) {
    if (accept(tok)) return ok_status();
    return fail("expected '" + std::string(tok) + "'");
  }
  Status fail(const std::string& what) const {
    return Status::error("line " + std::to_string(line_no_) + ": " + what + " at column " + std::to_string(p_ + 1) +
                         ": " + std::string(s_));
  }
  // [A-Za-z0-9_]+
  std::string word() {
    skip_space();
    size_t b = p_;
    while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_')) ++p_;
    return std::string(s_.substr(b, p_ - b));
  }
  Result<std::string> string_literal() {
    skip_space();
    if (p_ >= s_.size() || s_[p_] != '"') return fail("expected a quoted string");
    ++p_;
    std::string out;
    while (p_ < s_.size() && s_[p_] != '"') {
      char c = s_[p_++];
      if (c == '\\' && p_ < s_.size()) {
        c = s_[p_++];
        if (c == 'x') {
          if (p_ + 2 > s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[p_])) ||
              !std::isxdigit(static_cast<unsigned char>(s_[p_ + 1])))
            return fail("bad \\x escape");
          c = static_cast<char>(hex_value(s_[p_]) * 16 + hex_value(s_[p_ + 1]));
          p_ += 2;
        }
      }
      out += c;
    }
    if (p_ >= s_.size()) return fail("unterminated string");
    ++p_;
    return out;
  }
  // A number token: returns its text; `is_real` when it has '.', 'e' or is inf/nan.
  Result<std::string> number(bool* is_real) {
    skip_space();
    size_t b = p_;
    if (p_ < s_.size() && (s_[p_] == '-' || s_[p_] == '+')) ++p_;
    while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '.' ||
                              ((s_[p_] == '-' || s_[p_] == '+') && (s_[p_ - 1] == 'e' || s_[p_ - 1] == 'E'))))
      ++p_;
    std::string t(s_.substr(b, p_ - b));
    if (t.empty() || t == "-" || t == "+") return fail("expected a number");
    *is_real = t.find_first_of(".eEn") != std::string::npos;
    return t;
  }
  Result<int64_t> integer() {
    bool r;
    auto t = number(&r);
    if (!t.ok()) return t.status();
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(t->c_str(), &end, 10);
    if (r || *end != '\0' || errno) return fail("expected an integer, got '" + *t + "'");
    return static_cast<int64_t>(v);
  }
  Result<double> real() {
    bool r;
    auto t = number(&r);
    if (!t.ok()) return t.status();
    char* end = nullptr;
    const double v = std::strtod(t->c_str(), &end);
    if (*end != '\0') return fail("expected a number, got '" + *t + "'");
    return v;
  }
  Result<int32_t> tensor_ref() {
    if (accept("_")) return -1;
    if (!accept("%")) return fail("expected a tensor (%N or _)");
    auto v = integer();
    if (!v.ok()) return v.status();
    if (*v < 0 || *v > std::numeric_limits<int32_t>::max() / 2) return fail("tensor index out of range");
    return static_cast<int32_t>(*v);
  }
  Result<std::vector<uint8_t>> hex_bytes() {
    skip_space();
    std::vector<uint8_t> out;
    while (p_ + 1 < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[p_])) &&
           std::isxdigit(static_cast<unsigned char>(s_[p_ + 1]))) {
      out.push_back(static_cast<uint8_t>(hex_value(s_[p_]) * 16 + hex_value(s_[p_ + 1])));
      p_ += 2;
    }
    return out;
  }

 private:
  std::string_view s_;
  int line_no_;
  size_t p_ = 0;
};

Result<std::vector<int32_t>> parse_dims(Cursor& c) {
  XLITE_RETURN_IF_ERROR(c.expect("["));
  std::vector<int32_t> d;
  if (c.accept("]")) return d;
  do {
    auto v = c.integer();
    if (!v.ok()) return v.status();
    if (*v < -1 || *v > std::numeric_limits<int32_t>::max()) return c.fail("dimension out of range");
    d.push_back(static_cast<int32_t>(*v));
  } while (c.accept(","));
  XLITE_RETURN_IF_ERROR(c.expect("]"));
  return d;
}

// `name: type` after the %N of a declaration.
Status parse_decl_rest(Cursor& c, Tensor* t) {
  if (c.peek("\"")) {
    auto name = c.string_literal();
    if (!name.ok()) return name.status();
    t->name = *name;
  }
  XLITE_RETURN_IF_ERROR(c.expect(":"));
  const std::string dt = c.word();
  auto dtype = dtype_from_name(dt);
  if (!dtype) return c.fail("unknown dtype '" + dt + "'");
  t->dtype = *dtype;
  auto shape = parse_dims(c);
  if (!shape.ok()) return shape.status();
  t->shape = *shape;
  if (c.accept("sig")) {
    auto sig = parse_dims(c);
    if (!sig.ok()) return sig.status();
    t->shape_signature = *sig;
  }
  if (c.accept("q(")) {
    Quantization& q = t->quant;
    if (c.accept("custom")) {
      auto d = c.string_literal();
      if (!d.ok()) return d.status();
      q.details = *d;
    } else if (c.accept("axis=")) {
      auto axis = c.integer();
      if (!axis.ok()) return axis.status();
      q.axis = static_cast<int32_t>(*axis);
      XLITE_RETURN_IF_ERROR(c.expect(","));
      XLITE_RETURN_IF_ERROR(c.expect("["));
      do {
        auto s = c.real();
        if (!s.ok()) return s.status();
        q.scale.push_back(static_cast<float>(*s));
      } while (c.accept(","));
      XLITE_RETURN_IF_ERROR(c.expect("]"));
      XLITE_RETURN_IF_ERROR(c.expect(","));
      XLITE_RETURN_IF_ERROR(c.expect("["));
      if (!c.accept("]")) {
        do {
          auto z = c.integer();
          if (!z.ok()) return z.status();
          q.zero_point.push_back(*z);
        } while (c.accept(","));
        XLITE_RETURN_IF_ERROR(c.expect("]"));
      }
    } else {
      auto s = c.real();
      if (!s.ok()) return s.status();
      XLITE_RETURN_IF_ERROR(c.expect(","));
      auto z = c.integer();
      if (!z.ok()) return z.status();
      q.scale = {static_cast<float>(*s)};
      q.zero_point = {*z};
    }
    XLITE_RETURN_IF_ERROR(c.expect(")"));
  }
  if (c.accept("sparse")) return c.fail("sparse tensors have no text form");
  return ok_status();
}

template <typename T>
Status append_number(Cursor& c, std::vector<uint8_t>* out) {
  T v{};
  if constexpr (std::is_same_v<T, float>) {
    auto r = c.real();
    if (!r.ok()) return r.status();
    v = static_cast<float>(*r);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (c.accept("true")) v = true;
    else if (c.accept("false")) v = false;
    else return c.fail("expected true or false");
  } else {
    auto r = c.integer();
    if (!r.ok()) return r.status();
    if (*r < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
        (*r > 0 && static_cast<uint64_t>(*r) > static_cast<uint64_t>(std::numeric_limits<T>::max())))
      return c.fail("value out of range for the dtype");
    v = static_cast<T>(*r);
  }
  const size_t at = out->size();
  out->resize(at + sizeof(T));
  std::memcpy(out->data() + at, &v, sizeof(T));
  return ok_status();
}

// `@OFFSET+SIZE`: a view of the external blob.
Result<std::span<const uint8_t>> parse_external(Cursor& c, std::span<const uint8_t> external) {
  auto off = c.integer();
  if (!off.ok()) return off.status();
  XLITE_RETURN_IF_ERROR(c.expect("+"));
  auto size = c.integer();
  if (!size.ok()) return size.status();
  if (*off < 0 || *size < 0 || static_cast<uint64_t>(*off) > external.size() ||
      static_cast<uint64_t>(*size) > external.size() - static_cast<uint64_t>(*off))
    return c.fail("constant data @" + std::to_string(*off) + "+" + std::to_string(*size) + " lies outside the " +
                  std::to_string(external.size()) + "-byte data block");
  return external.subspan(static_cast<size_t>(*off), static_cast<size_t>(*size));
}

Result<std::vector<uint8_t>> parse_constant(Cursor& c, const Tensor& t) {
  if (c.accept("<")) return c.fail("constant data was elided when printed; it cannot be parsed back");
  if (c.accept("0x")) return c.hex_bytes();
  XLITE_RETURN_IF_ERROR(c.expect("["));
  std::vector<uint8_t> out;
  if (c.accept("]")) return out;
  do {
    Status st;
    switch (t.dtype) {
      case DType::kFloat32: st = append_number<float>(c, &out); break;
      case DType::kInt8: st = append_number<int8_t>(c, &out); break;
      case DType::kUInt8: st = append_number<uint8_t>(c, &out); break;
      case DType::kInt16: st = append_number<int16_t>(c, &out); break;
      case DType::kInt32: st = append_number<int32_t>(c, &out); break;
      case DType::kInt64: st = append_number<int64_t>(c, &out); break;
      case DType::kBool: st = append_number<bool>(c, &out); break;
      default: return c.fail("a " + std::string(dtype_name(t.dtype)) + " constant is written as 0x<hex bytes>");
    }
    XLITE_RETURN_IF_ERROR(st);
  } while (c.accept(","));
  XLITE_RETURN_IF_ERROR(c.expect("]"));
  return out;
}

Result<AttrValue> parse_attr_value(Cursor& c) {
  if (c.peek("\"")) {
    auto s = c.string_literal();
    if (!s.ok()) return s.status();
    return AttrValue(*s);
  }
  if (c.accept("true")) return AttrValue(true);
  if (c.accept("false")) return AttrValue(false);
  if (c.accept("f[")) {
    std::vector<double> v;
    if (!c.accept("]")) {
      do {
        auto r = c.real();
        if (!r.ok()) return r.status();
        v.push_back(*r);
      } while (c.accept(","));
      XLITE_RETURN_IF_ERROR(c.expect("]"));
    }
    return AttrValue(v);
  }
  if (c.accept("[")) {
    std::vector<int64_t> v;
    if (!c.accept("]")) {
      do {
        auto r = c.integer();
        if (!r.ok()) return r.status();
        v.push_back(*r);
      } while (c.accept(","));
      XLITE_RETURN_IF_ERROR(c.expect("]"));
    }
    return AttrValue(v);
  }
  bool is_real = false;
  auto t = c.number(&is_real);
  if (!t.ok()) return t.status();
  if (is_real) return AttrValue(std::strtod(t->c_str(), nullptr));
  char* end = nullptr;
  const long long v = std::strtoll(t->c_str(), &end, 10);
  if (*end != '\0') return c.fail("bad attribute value '" + *t + "'");
  return AttrValue(static_cast<int64_t>(v));
}

// Declared tensors of one subgraph, by index.
struct GraphBuilder {
  Graph g;
  std::vector<bool> declared;
  // Every declaration takes a line, so no index can exceed the text's
  // length: a larger one is refused before anything is allocated for it.
  int64_t max_index = 0;

  Status declare(Cursor& c, int32_t index, Tensor t) {
    if (index > max_index) return c.fail("tensor %" + std::to_string(index) + " is beyond any the text can declare");
    if (index >= static_cast<int32_t>(declared.size())) {
      declared.resize(index + 1, false);
      g.tensors.resize(index + 1);
    }
    if (declared[index]) return c.fail("tensor %" + std::to_string(index) + " is declared twice");
    declared[index] = true;
    g.tensors[index] = std::move(t);
    return ok_status();
  }
};

// Operands up to `close`, or to the end of the line when `close` is empty.
Result<std::vector<int32_t>> parse_operands(Cursor& c, std::string_view close) {
  std::vector<int32_t> v;
  if (close.empty() ? c.at_end() : c.accept(close)) return v;
  do {
    auto t = c.tensor_ref();
    if (!t.ok()) return t.status();
    v.push_back(*t);
  } while (c.accept(","));
  if (!close.empty()) XLITE_RETURN_IF_ERROR(c.expect(close));
  return v;
}

// One line inside a subgraph's braces.
Status parse_graph_line(Cursor& c, Model* model, GraphBuilder* b, std::span<const uint8_t> external) {
  if (c.accept("return")) {
    auto outs = parse_operands(c, "");
    if (!outs.ok()) return outs.status();
    b->g.outputs = *outs;
    return c.at_end() ? ok_status() : c.fail("unexpected text after return");
  }
  // Declarations of the op's outputs (or of one tensor), then "=".
  std::vector<std::pair<int32_t, Tensor>> decls;
  while (c.peek("%")) {
    auto idx = c.tensor_ref();
    if (!idx.ok()) return idx.status();
    Tensor t;
    XLITE_RETURN_IF_ERROR(parse_decl_rest(c, &t));
    decls.emplace_back(*idx, std::move(t));
    if (!c.accept(",")) break;
  }
  if (!decls.empty()) XLITE_RETURN_IF_ERROR(c.expect("="));
  if (decls.size() == 1) {
    auto& [idx, t] = decls[0];
    if (c.accept("input")) {
      b->g.inputs.push_back(idx);
      return b->declare(c, idx, std::move(t));
    }
    if (c.accept("variable")) {
      t.is_variable = true;
      return b->declare(c, idx, std::move(t));
    }
    if (c.accept("unused")) return b->declare(c, idx, std::move(t));
    if (c.accept("const")) {
      if (c.accept("@")) {
        auto view = parse_external(c, external);
        if (!view.ok()) return view.status();
        t.data = *view;
        return b->declare(c, idx, std::move(t));
      }
      auto data = parse_constant(c, t);
      if (!data.ok()) return data.status();
      t.data = model->own(std::move(*data));
      return b->declare(c, idx, std::move(t));
    }
  }
  Op op;
  if (c.accept("CUSTOM:")) {
    auto code = c.string_literal();
    if (!code.ok()) return code.status();
    op.kind = OpKind::CUSTOM;
    op.custom_code = *code;
  } else {
    const std::string name = c.word();
    auto kind = op_kind_from_name(name);
    if (!kind) return c.fail("unknown op '" + name + "'");
    op.kind = *kind;
  }
  if (c.accept(".v")) {
    auto v = c.integer();
    if (!v.ok()) return v.status();
    op.version = static_cast<int32_t>(*v);
  }
  XLITE_RETURN_IF_ERROR(c.expect("("));
  auto ins = parse_operands(c, ")");
  if (!ins.ok()) return ins.status();
  op.inputs = *ins;
  if (c.accept("{")) {
    do {
      const std::string name = c.word();
      if (name.empty()) return c.fail("expected an attribute name");
      XLITE_RETURN_IF_ERROR(c.expect("="));
      auto v = parse_attr_value(c);
      if (!v.ok()) return v.status();
      op.attrs.set(name, std::move(*v));
    } while (c.accept(","));
    XLITE_RETURN_IF_ERROR(c.expect("}"));
  }
  if (c.accept("custom_options")) {
    XLITE_RETURN_IF_ERROR(c.expect("0x"));
    auto bytes = c.hex_bytes();
    if (!bytes.ok()) return bytes.status();
    op.custom_options = model->own(std::move(*bytes));
  }
  if (c.accept("intermediates(")) {
    auto im = parse_operands(c, ")");
    if (!im.ok()) return im.status();
    op.intermediates = *im;
  }
  if (!c.at_end()) return c.fail("unexpected text after the op");
  for (auto& [idx, t] : decls) {
    op.outputs.push_back(idx);
    XLITE_RETURN_IF_ERROR(b->declare(c, idx, std::move(t)));
  }
  b->g.ops.push_back(std::move(op));
  return ok_status();
}

Status parse_signature(Cursor& c, Model* model) {
  Signature sig;
  auto key = c.string_literal();
  if (!key.ok()) return key.status();
  sig.key = *key;
  XLITE_RETURN_IF_ERROR(c.expect("subgraph"));
  auto sg = c.integer();
  if (!sg.ok()) return sg.status();
  sig.subgraph = static_cast<int32_t>(*sg);
  for (auto* list : {&sig.inputs, &sig.outputs}) {
    XLITE_RETURN_IF_ERROR(c.expect(list == &sig.inputs ? "inputs(" : "outputs("));
    if (c.accept(")")) continue;
    do {
      SignatureTensor st;
      auto name = c.string_literal();
      if (!name.ok()) return name.status();
      st.name = *name;
      XLITE_RETURN_IF_ERROR(c.expect("="));
      auto t = c.tensor_ref();
      if (!t.ok()) return t.status();
      st.tensor = *t;
      list->push_back(st);
    } while (c.accept(","));
    XLITE_RETURN_IF_ERROR(c.expect(")"));
  }
  if (!c.at_end()) return c.fail("unexpected text after the signature");
  model->signatures.push_back(std::move(sig));
  return ok_status();
}

}  // namespace

Result<Model> parse_model(std::string_view text) { return parse_model(text, {}, nullptr); }

Result<Model> parse_model(std::string_view text, std::span<const uint8_t> external,
                          std::shared_ptr<const Bytes> storage) {
  Model model;
  model.storage = std::move(storage);
  std::optional<GraphBuilder> current;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    Cursor c(line, line_no);
    if (c.at_end() || c.peek("#")) continue;
    if (current) {
      if (c.accept("}")) {
        std::vector<bool>& d = current->declared;
        for (size_t t = 0; t < d.size(); ++t)
          if (!d[t]) return Status::error("subgraph " + std::to_string(model.subgraphs.size()) + ": tensor %" +
                                          std::to_string(t) + " is never declared");
        model.subgraphs.push_back(std::move(current->g));
        current.reset();
        continue;
      }
      XLITE_RETURN_IF_ERROR(parse_graph_line(c, &model, &*current, external));
      continue;
    }
    if (c.accept("subgraph")) {
      auto idx = c.integer();
      if (!idx.ok()) return idx.status();
      if (*idx != static_cast<int64_t>(model.subgraphs.size()))
        return c.fail("expected subgraph " + std::to_string(model.subgraphs.size()));
      current.emplace();
      current->max_index = static_cast<int64_t>(text.size());
      auto name = c.string_literal();
      if (!name.ok()) return name.status();
      current->g.name = *name;
      XLITE_RETURN_IF_ERROR(c.expect("{"));
      continue;
    }
    if (c.accept("signature")) {
      XLITE_RETURN_IF_ERROR(parse_signature(c, &model));
      continue;
    }
    return c.fail("expected 'subgraph' or 'signature'");
  }
  if (current) return Status::error("line " + std::to_string(line_no) + ": subgraph not closed with '}'");
  if (model.subgraphs.empty()) return Status::error("no subgraph in the text");
  return model;
}

}  // namespace xlite
