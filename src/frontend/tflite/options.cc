// SPDX-License-Identifier: Apache-2.0
#include "frontend/tflite/options.h"

#include <algorithm>
#include <string>
#include <vector>

#include "flatbuffers/reflection.h"
#include "frontend/tflite/tflite_bfbs_generated.h"

namespace xlite::tflite_reader {
namespace {

const reflection::Schema& schema() {
  static const reflection::Schema* s = reflection::GetSchema(tflite::ModelBinarySchema::data());
  return *s;
}

template <typename T>
std::vector<int64_t> int_vector(const flatbuffers::Table* t, uint16_t off) {
  return copy_scalar_vector<T, int64_t>(t->GetPointer<const flatbuffers::Vector<T>*>(off));
}

template <typename T>
std::vector<double> float_vector(const flatbuffers::Table* t, uint16_t off) {
  return copy_scalar_vector<T, double>(t->GetPointer<const flatbuffers::Vector<T>*>(off));
}

template <typename T>
int64_t scalar_i(const flatbuffers::Table* t, const reflection::Field& f) {
  return static_cast<int64_t>(t->GetField<T>(f.offset(), static_cast<T>(f.default_integer())));
}

}  // namespace

Status options_to_attrs(std::string_view table_name, const flatbuffers::Table* table, Attrs* out) {
  const std::string full = "tflite." + std::string(table_name);
  const reflection::Object* obj = schema().objects()->LookupByKey(full.c_str());
  if (obj == nullptr) return Status::error("options table '" + std::string(table_name) + "' is not in the schema");
  if (table == nullptr) return ok_status();

  std::vector<const reflection::Field*> fields(obj->fields()->begin(), obj->fields()->end());
  std::sort(fields.begin(), fields.end(), [](auto* a, auto* b) { return a->id() < b->id(); });
  using reflection::BaseType;
  for (const reflection::Field* f : fields) {
    if (f->deprecated()) continue;
    const std::string name = f->name()->str();
    const uint16_t off = f->offset();
    switch (f->type()->base_type()) {
      case BaseType::Bool:
        out->set(name, table->GetField<uint8_t>(off, f->default_integer() != 0) != 0);
        break;
      case BaseType::Byte: out->set(name, scalar_i<int8_t>(table, *f)); break;
      case BaseType::UByte: out->set(name, scalar_i<uint8_t>(table, *f)); break;
      case BaseType::Short: out->set(name, scalar_i<int16_t>(table, *f)); break;
      case BaseType::UShort: out->set(name, scalar_i<uint16_t>(table, *f)); break;
      case BaseType::Int: out->set(name, scalar_i<int32_t>(table, *f)); break;
      case BaseType::UInt: out->set(name, scalar_i<uint32_t>(table, *f)); break;
      case BaseType::Long: out->set(name, scalar_i<int64_t>(table, *f)); break;
      case BaseType::ULong: out->set(name, scalar_i<uint64_t>(table, *f)); break;
      case BaseType::Float:
        out->set(name, static_cast<double>(table->GetField<float>(off, static_cast<float>(f->default_real()))));
        break;
      case BaseType::Double: out->set(name, table->GetField<double>(off, f->default_real())); break;
      case BaseType::String:
        if (auto* s = table->GetPointer<const flatbuffers::String*>(off)) out->set(name, s->str());
        break;
      case BaseType::Vector:
        switch (f->type()->element()) {
          case BaseType::Bool:
          case BaseType::UByte: out->set(name, int_vector<uint8_t>(table, off)); break;
          case BaseType::Byte: out->set(name, int_vector<int8_t>(table, off)); break;
          case BaseType::Short: out->set(name, int_vector<int16_t>(table, off)); break;
          case BaseType::UShort: out->set(name, int_vector<uint16_t>(table, off)); break;
          case BaseType::Int: out->set(name, int_vector<int32_t>(table, off)); break;
          case BaseType::UInt: out->set(name, int_vector<uint32_t>(table, off)); break;
          case BaseType::Long: out->set(name, int_vector<int64_t>(table, off)); break;
          case BaseType::ULong: out->set(name, int_vector<uint64_t>(table, off)); break;
          case BaseType::Float: out->set(name, float_vector<float>(table, off)); break;
          case BaseType::Double: out->set(name, float_vector<double>(table, off)); break;
          default: break;  // vectors of tables/strings: not used by builtin options
        }
        break;
      default:
        break;  // nested tables and unions: none in the options that ops read
    }
  }
  return ok_status();
}

}  // namespace xlite::tflite_reader
