// SPDX-License-Identifier: Apache-2.0
#include "frontend/tflite/reader.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <vector>

#include "base/checked_math.h"
#include "frontend/tflite/options.h"
#include "frontend/tflite/tflite_generated.h"
#include "ir/verify.h"

namespace xlite {
namespace {

namespace fb = ::flatbuffers;

// The format's element types, by TensorType value (schema facts).
std::optional<DType> dtype_from_tflite(tflite::TensorType t) {
  using T = tflite::TensorType;
  switch (t) {
    case T::FLOAT32: return DType::kFloat32;
    case T::FLOAT16: return DType::kFloat16;
    case T::INT32: return DType::kInt32;
    case T::UINT8: return DType::kUInt8;
    case T::INT64: return DType::kInt64;
    case T::STRING: return DType::kString;
    case T::BOOL: return DType::kBool;
    case T::INT16: return DType::kInt16;
    case T::COMPLEX64: return DType::kComplex64;
    case T::INT8: return DType::kInt8;
    case T::FLOAT64: return DType::kFloat64;
    case T::COMPLEX128: return DType::kComplex128;
    case T::UINT64: return DType::kUInt64;
    case T::RESOURCE: return DType::kResource;
    case T::VARIANT: return DType::kVariant;
    case T::UINT32: return DType::kUInt32;
    case T::UINT16: return DType::kUInt16;
    case T::INT4: return DType::kInt4;
    case T::BFLOAT16: return DType::kBFloat16;
    case T::INT2: return DType::kInt2;
    case T::UINT4: return DType::kUInt4;
    case T::FLOAT8_E4M3FN: return DType::kFloat8E4M3FN;
    case T::FLOAT8_E5M2: return DType::kFloat8E5M2;
  }
  return std::nullopt;
}

template <typename T>
std::vector<T> to_vector(const fb::Vector<T>* v) {
  return tflite_reader::copy_scalar_vector<T, T>(v);
}

template <typename Out, typename In>
std::vector<Out> to_vector_as(const fb::Vector<In>* v) {
  return tflite_reader::copy_scalar_vector<In, Out>(v);
}

std::string str(const fb::String* s) { return s ? s->str() : std::string(); }

std::string printable_tag(std::span<const uint8_t> b) {
  std::string s;
  for (uint8_t c : b) {
    if (std::isprint(c)) {
      s += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      s += hex;
    }
  }
  return s;
}

class Reader {
 public:
  explicit Reader(std::shared_ptr<const Bytes> bytes) : bytes_(std::move(bytes)), file_(bytes_->data()) {}

  Result<Model> read() {
    XLITE_RETURN_IF_ERROR(check_container());
    const tflite::Model* m = tflite::GetModel(file_.data());
    if (m->version() != 3)
      return Status::error("schema version " + std::to_string(m->version()) +
                           " is not supported (xlite reads version 3)");
    XLITE_RETURN_IF_ERROR(read_buffers(m));
    XLITE_RETURN_IF_ERROR(read_opcodes(m));

    Model out;
    out.storage = bytes_;
    out.file_bytes = file_.size();
    out.schema_version = m->version();
    out.description = str(m->description());
    if (m->subgraphs() == nullptr || m->subgraphs()->size() == 0)
      return Status::error("model has no subgraphs");
    for (uint32_t s = 0; s < m->subgraphs()->size(); ++s) {
      Graph g;
      XLITE_RETURN_IF_ERROR(read_subgraph(m->subgraphs()->Get(s), s, &g));
      out.subgraphs.push_back(std::move(g));
    }
    if (auto* sigs = m->signature_defs()) {
      for (uint32_t i = 0; i < sigs->size(); ++i) {
        const tflite::SignatureDef* sd = sigs->Get(i);
        Signature sig;
        sig.key = str(sd->signature_key());
        sig.subgraph = static_cast<int32_t>(std::min<uint32_t>(sd->subgraph_index(), INT32_MAX));
        for (auto [list, dst] : {std::pair{sd->inputs(), &sig.inputs}, std::pair{sd->outputs(), &sig.outputs}}) {
          if (list == nullptr) continue;
          for (const tflite::TensorMap* tm : *list)
            dst->push_back({str(tm->name()), static_cast<int32_t>(std::min<uint32_t>(tm->tensor_index(), INT32_MAX))});
        }
        out.signatures.push_back(std::move(sig));
      }
    }
    if (auto* md = m->metadata()) {
      for (uint32_t i = 0; i < md->size(); ++i) {
        const tflite::Metadata* e = md->Get(i);
        if (e->buffer() >= buffers_.size())
          return Status::error("metadata " + std::to_string(i) + " '" + str(e->name()) + "': buffer " +
                               std::to_string(e->buffer()) + " is outside [0, " +
                               std::to_string(buffers_.size()) + ")");
        out.metadata.push_back({str(e->name()), buffers_[e->buffer()]});
      }
    }
    return out;
  }

 private:
  Status check_container() {
    if (file_.size() < 8)
      return Status::error("file is " + std::to_string(file_.size()) +
                           " bytes, too small to be a TFLite model");
    if (!fb::BufferHasIdentifier(file_.data(), tflite::ModelIdentifier()))
      return Status::error("not a TFLite model: file identifier is '" + printable_tag(file_.subspan(4, 4)) +
                           "', expected 'TFL3'");
    // Data stored past the flatbuffer (Buffer.offset) may take the file past
    // the 2 GB a flatbuffer can address; the flatbuffer itself lies in front.
    const size_t fb_len = std::min<size_t>(file_.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
    fb::Verifier verifier(file_.data(), fb_len, /*max_depth=*/64, /*max_tables=*/10'000'000);
    if (!tflite::VerifyModelBuffer(verifier))
      return Status::error("flatbuffer verification failed: the file is truncated or corrupt");
    return ok_status();
  }

  Status read_buffers(const tflite::Model* m) {
    if (m->buffers() == nullptr) return ok_status();
    buffers_.reserve(m->buffers()->size());
    for (uint32_t i = 0; i < m->buffers()->size(); ++i) {
      const tflite::Buffer* b = m->buffers()->Get(i);
      if (b->offset() > 1) {
        auto end = checked_add_u64(b->offset(), b->size());
        if (!end || *end > file_.size())
          return Status::error("buffer " + std::to_string(i) + ": offset " + std::to_string(b->offset()) +
                               " + size " + std::to_string(b->size()) + " is past the end of the file (" +
                               std::to_string(file_.size()) + " bytes)");
        buffers_.push_back(file_.subspan(b->offset(), b->size()));
      } else if (b->data() != nullptr) {
        buffers_.push_back({b->data()->data(), b->data()->size()});
      } else {
        buffers_.push_back({});
      }
    }
    return ok_status();
  }

  Status read_opcodes(const tflite::Model* m) {
    if (m->operator_codes() == nullptr) return ok_status();
    for (uint32_t i = 0; i < m->operator_codes()->size(); ++i) {
      const tflite::OperatorCode* oc = m->operator_codes()->Get(i);
      // max() of both fields: old files only set the deprecated byte, newer
      // ones store 127 there for codes >= 127 (schema 3a).
      const int64_t code = std::max<int64_t>(static_cast<int64_t>(oc->builtin_code()),
                                             static_cast<int64_t>(oc->deprecated_builtin_code()));
      OpCode c;
      c.code = code;
      c.kind = op_kind_from_builtin_code(code);
      c.version = oc->version();
      c.custom = str(oc->custom_code());
      opcodes_.push_back(std::move(c));
    }
    return ok_status();
  }

  Status read_tensor(const tflite::Tensor* src, Tensor* t, const std::string& at) {
    t->name = str(src->name());
    auto dt = dtype_from_tflite(src->type());
    if (!dt)
      return Status::error(at + "unknown tensor type " + std::to_string(static_cast<int>(src->type())));
    t->dtype = *dt;
    t->shape = to_vector(src->shape());
    t->shape_signature = to_vector(src->shape_signature());
    t->has_rank = src->has_rank() || src->shape() != nullptr;
    t->is_variable = src->is_variable();
    if (src->buffer() >= buffers_.size() && !(src->buffer() == 0 && buffers_.empty()))
      return Status::error(at + "buffer " + std::to_string(src->buffer()) + " is outside [0, " +
                           std::to_string(buffers_.size()) + ")");
    t->buffer = static_cast<int32_t>(src->buffer());
    // Buffer 0 is the format's empty sentinel: never data.
    if (src->buffer() != 0) t->data = buffers_[src->buffer()];
    if (const tflite::QuantizationParameters* q = src->quantization()) {
      t->quant.scale = to_vector(q->scale());
      t->quant.zero_point = to_vector(q->zero_point());
      t->quant.min = to_vector(q->min());
      t->quant.max = to_vector(q->max());
      t->quant.axis = q->quantized_dimension();
      if (q->details_type() != tflite::QuantizationDetails::NONE) {
        const char* name = tflite::EnumNameQuantizationDetails(q->details_type());
        t->quant.details = (name && *name) ? name : "unknown";
      }
    }
    if (const tflite::SparsityParameters* sp = src->sparsity()) {
      Sparsity s;
      s.traversal_order = to_vector(sp->traversal_order());
      s.block_map = to_vector(sp->block_map());
      if (auto* dims = sp->dim_metadata()) {
        for (uint32_t l = 0; l < dims->size(); ++l) {
          const tflite::DimensionMetadata* dm = dims->Get(l);
          SparseDim d;
          d.sparse = dm->format() == tflite::DimensionType::SPARSE_CSR;
          d.dense_size = dm->dense_size();
          if (d.sparse) {
            auto seg = index_vector(dm->array_segments_type(), dm->array_segments());
            auto idx = index_vector(dm->array_indices_type(), dm->array_indices());
            if (!seg || !idx)
              return Status::error(at + "sparse dimension " + std::to_string(l) +
                                   " lacks its segments or indices");
            d.segments = std::move(*seg);
            d.indices = std::move(*idx);
          }
          s.dims.push_back(std::move(d));
        }
      }
      t->sparsity = std::move(s);
    }
    return ok_status();
  }

  static std::optional<std::vector<int64_t>> index_vector(tflite::SparseIndexVector type, const void* v) {
    if (v == nullptr) return std::nullopt;
    switch (type) {
      case tflite::SparseIndexVector::Int32Vector:
        return to_vector_as<int64_t>(static_cast<const tflite::Int32Vector*>(v)->values());
      case tflite::SparseIndexVector::Uint16Vector:
        return to_vector_as<int64_t>(static_cast<const tflite::Uint16Vector*>(v)->values());
      case tflite::SparseIndexVector::Uint8Vector:
        return to_vector_as<int64_t>(static_cast<const tflite::Uint8Vector*>(v)->values());
      case tflite::SparseIndexVector::NONE:
        return std::nullopt;
    }
    return std::nullopt;
  }

  Status read_op(const tflite::Operator* src, const std::string& at, Op* op) {
    if (src->opcode_index() >= opcodes_.size())
      return Status::error(at + "operator code index " + std::to_string(src->opcode_index()) +
                           " is outside [0, " + std::to_string(opcodes_.size()) + ")");
    const OpCode& oc = opcodes_[src->opcode_index()];
    if (!oc.kind)
      return Status::error(at + "builtin operator code " + std::to_string(oc.code) +
                           " is not one xlite knows (a newer schema?)");
    op->kind = *oc.kind;
    op->version = oc.version;
    if (op->kind == OpKind::CUSTOM) {
      if (oc.custom.empty()) return Status::error(at + "custom operator without a custom_code name");
      op->custom_code = oc.custom;
    }
    op->inputs = to_vector(src->inputs());
    op->outputs = to_vector(src->outputs());
    op->intermediates = to_vector(src->intermediates());
    if (src->builtin_options_type() != tflite::BuiltinOptions::NONE) {
      const char* name = tflite::EnumNameBuiltinOptions(src->builtin_options_type());
      if (name == nullptr || *name == 0)
        return Status::error(at + "unknown builtin options type " +
                             std::to_string(static_cast<int>(src->builtin_options_type())));
      XLITE_RETURN_IF_ERROR(tflite_reader::options_to_attrs(
          name, static_cast<const fb::Table*>(src->builtin_options()), &op->attrs).with_context(at));
    }
    if (src->builtin_options_2_type() != tflite::BuiltinOptions2::NONE) {
      const char* name = tflite::EnumNameBuiltinOptions2(src->builtin_options_2_type());
      if (name == nullptr || *name == 0)
        return Status::error(at + "unknown builtin options_2 type " +
                             std::to_string(static_cast<int>(src->builtin_options_2_type())));
      XLITE_RETURN_IF_ERROR(tflite_reader::options_to_attrs(
          name, static_cast<const fb::Table*>(src->builtin_options_2()), &op->attrs).with_context(at));
    }
    if (src->large_custom_options_offset() > 1) {
      auto end = checked_add_u64(src->large_custom_options_offset(), src->large_custom_options_size());
      if (!end || *end > file_.size())
        return Status::error(at + "custom options at offset " + std::to_string(src->large_custom_options_offset()) +
                             " + size " + std::to_string(src->large_custom_options_size()) +
                             " are past the end of the file");
      op->custom_options = file_.subspan(src->large_custom_options_offset(), src->large_custom_options_size());
    } else if (auto* co = src->custom_options()) {
      op->custom_options = {co->data(), co->size()};
    }
    return ok_status();
  }

  Status read_subgraph(const tflite::SubGraph* src, uint32_t s, Graph* g) {
    g->name = str(src->name());
    if (auto* ts = src->tensors()) {
      g->tensors.resize(ts->size());
      for (uint32_t t = 0; t < ts->size(); ++t) {
        const std::string at = "subgraph " + std::to_string(s) + " tensor " + std::to_string(t) + " '" +
                               str(ts->Get(t)->name()) + "': ";
        XLITE_RETURN_IF_ERROR(read_tensor(ts->Get(t), &g->tensors[t], at));
      }
    }
    g->inputs = to_vector(src->inputs());
    g->outputs = to_vector(src->outputs());
    if (auto* ops = src->operators()) {
      g->ops.resize(ops->size());
      for (uint32_t i = 0; i < ops->size(); ++i) {
        const std::string at = "subgraph " + std::to_string(s) + " op " + std::to_string(i) + ": ";
        XLITE_RETURN_IF_ERROR(read_op(ops->Get(i), at, &g->ops[i]));
      }
    }
    return ok_status();
  }

  struct OpCode {
    int64_t code = 0;
    std::optional<OpKind> kind;
    int32_t version = 1;
    std::string custom;
  };

  std::shared_ptr<const Bytes> bytes_;
  std::span<const uint8_t> file_;
  std::vector<std::span<const uint8_t>> buffers_;
  std::vector<OpCode> opcodes_;
};

}  // namespace

Result<Model> read_tflite(std::shared_ptr<const Bytes> bytes) { return Reader(std::move(bytes)).read(); }

Result<Model> load_tflite(std::shared_ptr<const Bytes> bytes) {
  Result<Model> m = read_tflite(std::move(bytes));
  if (!m.ok()) return m;
  XLITE_RETURN_IF_ERROR(verify(m.value()));
  return m;
}

Result<Model> load_tflite_file(const std::string& path) {
  auto bytes = map_file(path);
  if (!bytes.ok()) return bytes.status();
  return load_tflite(std::move(bytes.value()));
}

Result<Model> load_tflite_buffer(std::span<const uint8_t> bytes) { return load_tflite(copy_bytes(bytes)); }

}  // namespace xlite
