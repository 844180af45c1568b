// SPDX-License-Identifier: Apache-2.0
// xlite::Interpreter (include/xlite/xlite.h) over the Executor.
//
// Two views of one model are kept: the model as read, whose tensor indices
// and metadata are what users see (the file's, as LiteRT reports them), and
// the compiled model, which runs. The passes keep each subgraph's input and
// output lists in position, so input p of the file is input p of the
// compiled graph; constants are read from the model as read. Intermediates
// of the compiled model have no file index.
//
// A resize that leaves the shape signature (a static dim changed, or the
// rank) makes that subgraph run the model as read instead: the passes may
// have specialised the compiled model to its static shapes (folded a SHAPE,
// fixed a RESHAPE), while the model as read recomputes every shape in
// prepare, as TFLite does.
#include <algorithm>
#include <cstring>

#include "base/mapped_file.h"
#include "compiler/pipeline.h"
#include "frontend/tflite/reader.h"
#include "frontend/xlc/plan_file.h"
#include "runtime/custom_ops.h"
#include "runtime/executor.h"
#include "xlite/xlite.h"

namespace xlite {

namespace {

ElementType element_type(DType t) {
  switch (t) {
    case DType::kFloat32: return ElementType::kFloat32;
    case DType::kFloat16: return ElementType::kFloat16;
    case DType::kBFloat16: return ElementType::kBFloat16;
    case DType::kFloat64: return ElementType::kFloat64;
    case DType::kInt8: return ElementType::kInt8;
    case DType::kUInt8: return ElementType::kUInt8;
    case DType::kInt16: return ElementType::kInt16;
    case DType::kUInt16: return ElementType::kUInt16;
    case DType::kInt32: return ElementType::kInt32;
    case DType::kUInt32: return ElementType::kUInt32;
    case DType::kInt64: return ElementType::kInt64;
    case DType::kUInt64: return ElementType::kUInt64;
    case DType::kBool: return ElementType::kBool;
    case DType::kInt4: return ElementType::kInt4;
    case DType::kComplex64: return ElementType::kComplex64;
    case DType::kComplex128: return ElementType::kComplex128;
    case DType::kString: return ElementType::kString;
    case DType::kResource: return ElementType::kResource;
    case DType::kVariant: return ElementType::kVariant;
    // No TfLiteType of their own.
    case DType::kUInt4:
    case DType::kInt2:
    case DType::kFloat8E4M3FN:
    case DType::kFloat8E5M2: return ElementType::kNoType;
  }
  return ElementType::kNoType;
}

int position(const std::vector<int32_t>& list, int32_t t) {
  auto it = std::find(list.begin(), list.end(), t);
  return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

}  // namespace

struct Interpreter::Impl {
  InterpreterOptions options;
  // The built-in custom-op kernels plus the options' libraries and kernels.
  std::shared_ptr<const CustomOpRegistry> custom_ops;
  std::shared_ptr<const Model> original;
  std::shared_ptr<const Model> compiled;  // == original when not compiling
  struct Sub {
    std::unique_ptr<Executor> ex;
    bool runs_original = false;
  };
  std::vector<Sub> subs;
  std::vector<SignatureInfo> signatures;
  std::string error;

  bool fail(const std::string& message) {
    error = message;
    if (options.error_reporter) options.error_reporter(message);
    return false;
  }
  bool check_subgraph(int s) {
    if (s >= 0 && static_cast<size_t>(s) < original->subgraphs.size()) return true;
    return fail("subgraph index " + std::to_string(s) + " is out of range: the model has " +
                std::to_string(original->subgraphs.size()) + " subgraphs");
  }
  bool check_tensor(int s, int t) {
    if (!check_subgraph(s)) return false;
    const int n = static_cast<int>(original->subgraphs[s].tensors.size());
    if (t >= 0 && t < n) return true;
    return fail("Invalid tensor index " + std::to_string(t) + " exceeds max tensor index " + std::to_string(n - 1));
  }
  // The compiled model is used for subgraph s only if the passes kept its
  // interface (they always do; this guards the index mapping).
  bool compiled_usable(int s) const {
    if (compiled == original) return false;
    if (compiled->subgraphs.size() != original->subgraphs.size()) return false;
    const Graph& a = original->subgraphs[s];
    const Graph& b = compiled->subgraphs[s];
    return a.inputs.size() == b.inputs.size() && a.outputs.size() == b.outputs.size();
  }
  ExecutorOptions executor_options() const {
    return {.num_threads = options.num_threads, .reference_kernels = options.reference_kernels,
            .custom_ops = custom_ops};
  }
  // Creates subgraph s's executor on first use.
  bool ensure(int s) {
    if (!check_subgraph(s)) return false;
    Sub& sub = subs[s];
    if (sub.ex) return true;
    sub.runs_original = !compiled_usable(s);
    auto created = Executor::create(sub.runs_original ? original : compiled, s,
                                    executor_options());
    if (!created.ok()) return fail(created.status().message());
    sub.ex = std::move(created.value());
    return true;
  }
  // Switches subgraph s to the model as read, keeping its inputs' shapes.
  bool run_original(int s) {
    Sub& sub = subs[s];
    if (sub.runs_original) return true;
    auto created = Executor::create(original, s,
                                    executor_options());
    if (!created.ok()) return fail(created.status().message());
    for (int i = 0; i < sub.ex->num_inputs(); ++i) {
      Status st = created.value()->resize_input(i, sub.ex->input(i).shape, /*any_shape=*/true);
      if (!st.ok()) return fail(st.message());
    }
    sub.ex = std::move(created.value());
    sub.runs_original = true;
    return true;
  }
  // The runtime tensor holding file tensor t of subgraph s, or null.
  RtTensor* runtime_tensor(int s, int t) {
    Sub& sub = subs[s];
    if (!sub.ex) return nullptr;
    if (sub.runs_original) return const_cast<RtTensor*>(&sub.ex->tensor(t));
    const Graph& g = original->subgraphs[s];
    if (int p = position(g.inputs, t); p >= 0) return &sub.ex->input(p);
    if (int p = position(g.outputs, t); p >= 0) return const_cast<RtTensor*>(&sub.ex->output(p));
    return nullptr;
  }
};

Interpreter::Interpreter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Interpreter::~Interpreter() = default;

namespace {

std::unique_ptr<Interpreter> report(const InterpreterOptions& options, std::string* error, const std::string& m) {
  if (error) *error = m;
  if (options.error_reporter) options.error_reporter(m);
  return nullptr;
}

}  // namespace

std::unique_ptr<Interpreter> Interpreter::from_file(const std::string& path, const InterpreterOptions& options,
                                                    std::string* error) {
  if (options.num_threads < 1) return report(options, error, "num_threads should >= 1");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const bool plan = is_plan_file(path);
  Result<Model> loaded = plan ? load_plan(path) : load_tflite_file(path);
  if (!loaded.ok()) return report(options, error, "Could not open '" + path + "': " + loaded.status().message());
  impl->original = std::make_shared<const Model>(std::move(loaded.value()));
  return finish(std::move(impl), plan, error);
}

std::unique_ptr<Interpreter> Interpreter::from_buffer(const void* data, size_t size, const InterpreterOptions& options,
                                                      std::string* error) {
  if (options.num_threads < 1) return report(options, error, "num_threads should >= 1");
  if (data == nullptr || size == 0) return report(options, error, "the model buffer is empty");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::shared_ptr<const Bytes> bytes = copy_bytes({static_cast<const uint8_t*>(data), size});
  const bool plan = size >= 8 && std::memcmp(data, "XLITEPLN", 8) == 0;
  Result<Model> loaded = plan ? load_plan_bytes(bytes) : load_tflite(bytes);
  if (!loaded.ok()) return report(options, error, "The model is not a valid model: " + loaded.status().message());
  impl->original = std::make_shared<const Model>(std::move(loaded.value()));
  return finish(std::move(impl), plan, error);
}

// Shared by from_file and from_buffer once the model is read.
std::unique_ptr<Interpreter> Interpreter::finish(std::unique_ptr<Impl> impl, bool precompiled, std::string* error) {
  const InterpreterOptions& options = impl->options;
  if (options.custom_op_libraries.empty() && options.custom_ops.empty()) {
    impl->custom_ops = default_custom_ops();
  } else {
    auto registry = std::make_shared<CustomOpRegistry>(CustomOpRegistry::with_builtins());
    for (const std::string& path : options.custom_op_libraries)
      if (Status st = registry->load_library(path); !st.ok()) return report(options, error, st.message());
    for (const InterpreterOptions::CustomOp& op : options.custom_ops)
      if (Status st = registry->register_custom_op(op.name, op.version, op.kernel); !st.ok())
        return report(options, error, "custom op '" + op.name + "': " + st.message());
    impl->custom_ops = std::move(registry);
  }
  if (options.compile && !precompiled) {
    Model compiled = *impl->original;
    if (Status st = compile(compiled, {}, nullptr); !st.ok()) return report(options, error, st.message());
    impl->compiled = std::make_shared<const Model>(std::move(compiled));
  } else {
    impl->compiled = impl->original;
  }
  impl->subs.resize(impl->original->subgraphs.size());
  for (const Signature& s : impl->original->signatures) {
    SignatureInfo info{.key = s.key, .subgraph = s.subgraph};
    for (const SignatureTensor& t : s.inputs) info.inputs.push_back({t.name, t.tensor});
    for (const SignatureTensor& t : s.outputs) info.outputs.push_back({t.name, t.tensor});
    impl->signatures.push_back(std::move(info));
  }
  // The main subgraph's executor now, so that a model xlite cannot run
  // fails here, as TFLite fails at creation on an unresolved op.
  if (!impl->original->subgraphs.empty() && !impl->ensure(0)) {  // ensure() has reported it
    if (error) *error = impl->error;
    return nullptr;
  }
  return std::unique_ptr<Interpreter>(new Interpreter(std::move(impl)));
}

int Interpreter::num_subgraphs() const { return static_cast<int>(impl_->original->subgraphs.size()); }

int Interpreter::num_tensors(int subgraph) const {
  if (subgraph < 0 || subgraph >= num_subgraphs()) return 0;
  return static_cast<int>(impl_->original->subgraphs[subgraph].tensors.size());
}

const std::vector<int32_t>& Interpreter::inputs(int subgraph) const {
  static const std::vector<int32_t> kNone;
  if (subgraph < 0 || subgraph >= num_subgraphs()) return kNone;
  return impl_->original->subgraphs[subgraph].inputs;
}

const std::vector<int32_t>& Interpreter::outputs(int subgraph) const {
  static const std::vector<int32_t> kNone;
  if (subgraph < 0 || subgraph >= num_subgraphs()) return kNone;
  return impl_->original->subgraphs[subgraph].outputs;
}

bool Interpreter::tensor_info(int s, int t, TensorInfo* info) {
  Impl& m = *impl_;
  if (!m.check_tensor(s, t)) return false;
  const Tensor& ir = m.original->subgraphs[s].tensors[t];
  info->name = ir.name;
  const RtTensor* rt = m.runtime_tensor(s, t);
  // A custom op's prepare may set its outputs' type, as their shape.
  info->type = element_type(rt ? rt->dtype : ir.dtype);
  info->shape = rt ? rt->shape : ir.shape;
  // TFLite reports the current dims when the file stores no signature.
  info->shape_signature = ir.shape_signature.empty() ? info->shape : ir.shape_signature;
  info->quantization = {};
  if (ir.quant.details.empty()) {
    info->quantization.scales = ir.quant.scale;
    info->quantization.zero_points = ir.quant.zero_point;
    info->quantization.quantized_dimension = ir.quant.axis;
  }
  info->sparse = ir.sparsity.has_value();
  info->sparsity = {};
  if (ir.sparsity) {
    info->sparsity.traversal_order = ir.sparsity->traversal_order;
    info->sparsity.block_map = ir.sparsity->block_map;
    for (const SparseDim& d : ir.sparsity->dims)
      info->sparsity.dims.push_back({d.sparse, d.dense_size, d.segments, d.indices});
  }
  info->constant = ir.is_constant();
  return true;
}

bool Interpreter::tensor_data(int s, int t, TensorData* out) {
  Impl& m = *impl_;
  if (!m.check_tensor(s, t) || !m.ensure(s)) return false;
  const Tensor& ir = m.original->subgraphs[s].tensors[t];
  if (RtTensor* rt = m.runtime_tensor(s, t)) {
    *out = {rt->data, rt->bytes, !rt->constant};
    return true;
  }
  if (ir.is_constant()) {
    *out = {const_cast<uint8_t*>(ir.data.data()), ir.data.size(), false};
    return true;
  }
  return m.fail("tensor " + std::to_string(t) + " '" + ir.name +
                "' is an intermediate tensor of the compiled model and is not kept (only inputs, outputs and "
                "constants can be read; create the interpreter without compiling to read intermediates)");
}

bool Interpreter::resize_input(int s, int t, const std::vector<int32_t>& shape, bool strict) {
  Impl& m = *impl_;
  if (!m.check_tensor(s, t) || !m.ensure(s)) return false;
  const Graph& g = m.original->subgraphs[s];
  const int p = position(g.inputs, t);
  if (p < 0) return m.fail("tensor " + std::to_string(t) + " is not an input of subgraph " + std::to_string(s));
  for (int32_t d : shape)
    if (d < 0) return m.fail("Cannot resize input " + std::to_string(t) + " to " + shape_to_string(shape) +
                             ": dims must be non-negative");
  const Tensor& ir = g.tensors[t];
  const std::vector<int32_t>& sig = ir.shape_signature.empty() ? ir.shape : ir.shape_signature;
  bool fits = sig.size() == shape.size();
  for (size_t d = 0; fits && d < shape.size(); ++d) fits = sig[d] == -1 || sig[d] == shape[d];
  if (!fits && strict)
    return m.fail("Cannot resize input " + std::to_string(t) + " '" + ir.name + "' from shape signature " +
                  shape_to_string(sig) + " to " + shape_to_string(shape) +
                  ": a strict resize only changes dims that are -1 in the shape signature");
  if (!fits && !m.run_original(s)) return false;
  Executor& ex = *m.subs[s].ex;
  if (ex.input(p).shape == shape) return true;
  Status st = ex.resize_input(p, shape, /*any_shape=*/!fits);
  return st.ok() ? true : m.fail(st.message());
}

bool Interpreter::allocate(int s) {
  Impl& m = *impl_;
  if (!m.ensure(s)) return false;
  Status st = m.subs[s].ex->allocate();
  return st.ok() ? true : m.fail(st.message());
}

bool Interpreter::invoke(int s) {
  Impl& m = *impl_;
  if (!m.ensure(s)) return false;
  Status st = m.subs[s].ex->invoke();
  return st.ok() ? true : m.fail(st.message());
}

const std::vector<SignatureInfo>& Interpreter::signatures() const { return impl_->signatures; }

int Interpreter::find_signature(const std::string& key) const {
  for (size_t i = 0; i < impl_->signatures.size(); ++i)
    if (impl_->signatures[i].key == key) return static_cast<int>(i);
  return -1;
}

const std::string& Interpreter::last_error() const { return impl_->error; }

const char* version() { return "0.1.0"; }

}  // namespace xlite
