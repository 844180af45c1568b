// SPDX-License-Identifier: Apache-2.0
// The C API (include/xlite/xlite_c.h) over xlite::Interpreter. Every entry
// point checks its handles and indices first; C++ errors become statuses
// and go to the error reporter, exactly once.
#include "xlite/xlite_c.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/mapped_file.h"
#include "frontend/tflite/reader.h"
#include "frontend/xlc/plan_file.h"
#include "xlite/xlite.h"

struct XliteModel {
  std::shared_ptr<const xlite::Bytes> bytes;
};

struct XliteInterpreterOptions {
  xlite::InterpreterOptions options;
  XliteErrorReporter reporter = nullptr;
  void* user_data = nullptr;
};

struct XliteTensor {
  XliteInterpreter* owner = nullptr;
  int subgraph = 0;
  int index = -1;
  std::string name;
};

struct XliteInterpreter {
  std::unique_ptr<xlite::Interpreter> itp;
  XliteErrorReporter reporter = nullptr;
  void* user_data = nullptr;
  std::string error;
  std::vector<XliteTensor> inputs, outputs;  // subgraph 0's, made once

  // An error found here (not by the C++ interpreter, which reports its own).
  XliteStatus fail(const std::string& message) {
    error = message;
    if (reporter) reporter(user_data, message.c_str());
    return kXliteError;
  }
  // After a failed C++ call: its message is the last error (already reported).
  XliteStatus failed() {
    error = itp->last_error();
    return kXliteError;
  }
};

struct XliteSignatureRunner {
  XliteInterpreter* owner = nullptr;
  int subgraph = 0;
  std::vector<XliteTensor> inputs, outputs;  // in signature order, named by the signature
};

namespace {

void report(XliteErrorReporter reporter, void* user_data, const std::string& message) {
  if (reporter) reporter(user_data, message.c_str());
}

XliteModel* make_model(std::shared_ptr<const xlite::Bytes> bytes, const std::string& what, XliteErrorReporter reporter,
                       void* user_data) {
  const auto data = bytes->data();
  const bool plan = data.size() >= 8 && std::memcmp(data.data(), "XLITEPLN", 8) == 0;
  // Read and verify now, so a bad model fails here as in TFLite.
  auto loaded = plan ? xlite::load_plan_bytes(bytes) : xlite::load_tflite(bytes);
  if (!loaded.ok()) {
    report(reporter, user_data, what + ": " + loaded.status().message());
    return nullptr;
  }
  return new XliteModel{std::move(bytes)};
}

const XliteTensor* find_named(const std::vector<XliteTensor>& list, const char* name) {
  if (name == nullptr) return nullptr;
  for (const XliteTensor& t : list)
    if (t.name == name) return &t;
  return nullptr;
}

bool info(const XliteTensor* t, xlite::TensorInfo* out) {
  return t != nullptr && t->owner != nullptr && t->owner->itp->tensor_info(t->subgraph, t->index, out);
}

}  // namespace

extern "C" {

const char* XliteVersion(void) { return xlite::version(); }

const char* XliteTypeGetName(XliteType type) {
  switch (type) {
    case kXliteNoType: return "NOTYPE";
    case kXliteFloat32: return "FLOAT32";
    case kXliteInt32: return "INT32";
    case kXliteUInt8: return "UINT8";
    case kXliteInt64: return "INT64";
    case kXliteString: return "STRING";
    case kXliteBool: return "BOOL";
    case kXliteInt16: return "INT16";
    case kXliteComplex64: return "COMPLEX64";
    case kXliteInt8: return "INT8";
    case kXliteFloat16: return "FLOAT16";
    case kXliteFloat64: return "FLOAT64";
    case kXliteComplex128: return "COMPLEX128";
    case kXliteUInt64: return "UINT64";
    case kXliteResource: return "RESOURCE";
    case kXliteVariant: return "VARIANT";
    case kXliteUInt32: return "UINT32";
    case kXliteUInt16: return "UINT16";
    case kXliteInt4: return "INT4";
    case kXliteBFloat16: return "BFLOAT16";
  }
  return "UNKNOWN";
}

XliteModel* XliteModelCreateWithErrorReporter(const void* model_data, size_t model_size, XliteErrorReporter reporter,
                                              void* user_data) {
  if (model_data == nullptr || model_size == 0) {
    report(reporter, user_data, "XliteModelCreate: the model buffer is empty");
    return nullptr;
  }
  return make_model(xlite::copy_bytes({static_cast<const uint8_t*>(model_data), model_size}), "model buffer",
                    reporter, user_data);
}

XliteModel* XliteModelCreate(const void* model_data, size_t model_size) {
  return XliteModelCreateWithErrorReporter(model_data, model_size, nullptr, nullptr);
}

XliteModel* XliteModelCreateFromFileWithErrorReporter(const char* model_path, XliteErrorReporter reporter,
                                                      void* user_data) {
  if (model_path == nullptr) {
    report(reporter, user_data, "XliteModelCreateFromFile: model_path is NULL");
    return nullptr;
  }
  auto bytes = xlite::map_file(model_path);
  if (!bytes.ok()) {
    report(reporter, user_data, bytes.status().message());
    return nullptr;
  }
  return make_model(std::move(bytes.value()), model_path, reporter, user_data);
}

XliteModel* XliteModelCreateFromFile(const char* model_path) {
  return XliteModelCreateFromFileWithErrorReporter(model_path, nullptr, nullptr);
}

void XliteModelDelete(XliteModel* model) { delete model; }

XliteInterpreterOptions* XliteInterpreterOptionsCreate(void) { return new XliteInterpreterOptions(); }
void XliteInterpreterOptionsDelete(XliteInterpreterOptions* options) { delete options; }

void XliteInterpreterOptionsSetNumThreads(XliteInterpreterOptions* options, int32_t num_threads) {
  if (options) options->options.num_threads = num_threads < 1 ? 1 : num_threads;
}

void XliteInterpreterOptionsSetErrorReporter(XliteInterpreterOptions* options, XliteErrorReporter reporter,
                                             void* user_data) {
  if (!options) return;
  options->reporter = reporter;
  options->user_data = user_data;
}

void XliteInterpreterOptionsSetCompile(XliteInterpreterOptions* options, int32_t compile) {
  if (options) options->options.compile = compile != 0;
}

void XliteInterpreterOptionsSetUseReferenceKernels(XliteInterpreterOptions* options, int32_t reference) {
  if (options) options->options.reference_kernels = reference != 0;
}

void XliteInterpreterOptionsAddCustomOpLibrary(XliteInterpreterOptions* options, const char* path) {
  if (options && path) options->options.custom_op_libraries.emplace_back(path);
}

void XliteInterpreterOptionsAddCustomOp(XliteInterpreterOptions* options, const char* name, int32_t version,
                                        const XliteCustomOp* op) {
  if (options && name && op) options->options.custom_ops.push_back({name, version, *op});
}

XliteInterpreter* XliteInterpreterCreate(const XliteModel* model, const XliteInterpreterOptions* options) {
  const XliteInterpreterOptions defaults;
  const XliteInterpreterOptions& o = options ? *options : defaults;
  if (model == nullptr) {
    report(o.reporter, o.user_data, "XliteInterpreterCreate: model is NULL");
    return nullptr;
  }
  auto c = std::make_unique<XliteInterpreter>();
  c->reporter = o.reporter;
  c->user_data = o.user_data;
  xlite::InterpreterOptions cpp = o.options;
  if (o.reporter) {
    XliteErrorReporter r = o.reporter;
    void* u = o.user_data;
    cpp.error_reporter = [r, u](const std::string& m) { r(u, m.c_str()); };
  }
  std::string error;
  const auto data = model->bytes->data();
  c->itp = xlite::Interpreter::from_buffer(data.data(), data.size(), cpp, &error);
  if (!c->itp) return nullptr;  // reported by the interpreter
  xlite::TensorInfo ti;
  for (int32_t t : c->itp->inputs(0)) {
    (void)c->itp->tensor_info(0, t, &ti);
    c->inputs.push_back({c.get(), 0, t, ti.name});
  }
  for (int32_t t : c->itp->outputs(0)) {
    (void)c->itp->tensor_info(0, t, &ti);
    c->outputs.push_back({c.get(), 0, t, ti.name});
  }
  return c.release();
}

void XliteInterpreterDelete(XliteInterpreter* interpreter) { delete interpreter; }

const char* XliteInterpreterGetLastError(const XliteInterpreter* interpreter) {
  return interpreter ? interpreter->error.c_str() : "interpreter is NULL";
}

int32_t XliteInterpreterGetInputTensorCount(const XliteInterpreter* interpreter) {
  return interpreter ? static_cast<int32_t>(interpreter->inputs.size()) : 0;
}

XliteTensor* XliteInterpreterGetInputTensor(const XliteInterpreter* interpreter, int32_t input_index) {
  if (!interpreter) return nullptr;
  auto* c = const_cast<XliteInterpreter*>(interpreter);
  if (input_index < 0 || static_cast<size_t>(input_index) >= c->inputs.size()) {
    c->fail("input index " + std::to_string(input_index) + " is out of range: the model has " +
            std::to_string(c->inputs.size()) + " inputs");
    return nullptr;
  }
  return &c->inputs[input_index];
}

int32_t XliteInterpreterGetOutputTensorCount(const XliteInterpreter* interpreter) {
  return interpreter ? static_cast<int32_t>(interpreter->outputs.size()) : 0;
}

const XliteTensor* XliteInterpreterGetOutputTensor(const XliteInterpreter* interpreter, int32_t output_index) {
  if (!interpreter) return nullptr;
  auto* c = const_cast<XliteInterpreter*>(interpreter);
  if (output_index < 0 || static_cast<size_t>(output_index) >= c->outputs.size()) {
    c->fail("output index " + std::to_string(output_index) + " is out of range: the model has " +
            std::to_string(c->outputs.size()) + " outputs");
    return nullptr;
  }
  return &c->outputs[output_index];
}

static XliteStatus resize(XliteInterpreter* c, const XliteTensor& t, const int* dims, int32_t n) {
  if (n < 0 || (n > 0 && dims == nullptr)) return c->fail("resize: input_dims is NULL or its size negative");
  std::vector<int32_t> shape(dims, dims + n);
  return c->itp->resize_input(t.subgraph, t.index, shape, /*strict=*/false) ? kXliteOk : c->failed();
}

XliteStatus XliteInterpreterResizeInputTensor(XliteInterpreter* interpreter, int32_t input_index,
                                              const int* input_dims, int32_t input_dims_size) {
  XliteTensor* t = XliteInterpreterGetInputTensor(interpreter, input_index);
  if (!t) return kXliteError;
  return resize(interpreter, *t, input_dims, input_dims_size);
}

XliteStatus XliteInterpreterAllocateTensors(XliteInterpreter* interpreter) {
  if (!interpreter) return kXliteError;
  return interpreter->itp->allocate(0) ? kXliteOk : interpreter->failed();
}

XliteStatus XliteInterpreterInvoke(XliteInterpreter* interpreter) {
  if (!interpreter) return kXliteError;
  return interpreter->itp->invoke(0) ? kXliteOk : interpreter->failed();
}

XliteType XliteTensorType(const XliteTensor* tensor) {
  xlite::TensorInfo ti;
  return info(tensor, &ti) ? static_cast<XliteType>(ti.type) : kXliteNoType;
}

int32_t XliteTensorNumDims(const XliteTensor* tensor) {
  xlite::TensorInfo ti;
  return info(tensor, &ti) ? static_cast<int32_t>(ti.shape.size()) : -1;
}

int32_t XliteTensorDim(const XliteTensor* tensor, int32_t dim_index) {
  xlite::TensorInfo ti;
  if (!info(tensor, &ti)) return -1;
  if (dim_index < 0 || static_cast<size_t>(dim_index) >= ti.shape.size()) {
    tensor->owner->fail("dim index " + std::to_string(dim_index) + " is out of range for tensor '" + ti.name +
                        "' of rank " + std::to_string(ti.shape.size()));
    return -1;
  }
  return ti.shape[dim_index];
}

size_t XliteTensorByteSize(const XliteTensor* tensor) {
  xlite::TensorData d;
  if (!tensor || !tensor->owner || !tensor->owner->itp->tensor_data(tensor->subgraph, tensor->index, &d)) return 0;
  return d.bytes;
}

void* XliteTensorData(const XliteTensor* tensor) {
  xlite::TensorData d;
  if (!tensor || !tensor->owner || !tensor->owner->itp->tensor_data(tensor->subgraph, tensor->index, &d))
    return nullptr;
  return d.data;
}

const char* XliteTensorName(const XliteTensor* tensor) { return tensor ? tensor->name.c_str() : nullptr; }

XliteQuantizationParams XliteTensorQuantizationParams(const XliteTensor* tensor) {
  xlite::TensorInfo ti;
  XliteQuantizationParams q = {0.0f, 0};
  if (info(tensor, &ti) && ti.quantization.scales.size() == 1) {
    q.scale = ti.quantization.scales[0];
    q.zero_point = ti.quantization.zero_points.empty() ? 0 : static_cast<int32_t>(ti.quantization.zero_points[0]);
  }
  return q;
}

XliteStatus XliteTensorCopyFromBuffer(XliteTensor* tensor, const void* input_data, size_t input_data_size) {
  if (!tensor || !tensor->owner) return kXliteError;
  XliteInterpreter* c = tensor->owner;
  xlite::TensorData d;
  if (!c->itp->tensor_data(tensor->subgraph, tensor->index, &d)) return c->failed();
  if (input_data == nullptr && input_data_size > 0) return c->fail("XliteTensorCopyFromBuffer: input_data is NULL");
  if (input_data_size != d.bytes)
    return c->fail("XliteTensorCopyFromBuffer: tensor '" + tensor->name + "' holds " + std::to_string(d.bytes) +
                   " bytes, got " + std::to_string(input_data_size));
  if (!d.writable) return c->fail("XliteTensorCopyFromBuffer: tensor '" + tensor->name + "' is read-only");
  if (d.bytes > 0) std::memcpy(d.data, input_data, d.bytes);
  return kXliteOk;
}

XliteStatus XliteTensorCopyToBuffer(const XliteTensor* output_tensor, void* output_data, size_t output_data_size) {
  if (!output_tensor || !output_tensor->owner) return kXliteError;
  XliteInterpreter* c = output_tensor->owner;
  xlite::TensorData d;
  if (!c->itp->tensor_data(output_tensor->subgraph, output_tensor->index, &d)) return c->failed();
  if (output_data == nullptr && output_data_size > 0) return c->fail("XliteTensorCopyToBuffer: output_data is NULL");
  if (output_data_size != d.bytes)
    return c->fail("XliteTensorCopyToBuffer: tensor '" + output_tensor->name + "' holds " + std::to_string(d.bytes) +
                   " bytes, got " + std::to_string(output_data_size));
  if (d.bytes > 0) std::memcpy(output_data, d.data, d.bytes);
  return kXliteOk;
}

int32_t XliteInterpreterGetSignatureCount(const XliteInterpreter* interpreter) {
  return interpreter ? static_cast<int32_t>(interpreter->itp->signatures().size()) : 0;
}

const char* XliteInterpreterGetSignatureKey(const XliteInterpreter* interpreter, int32_t signature_index) {
  if (!interpreter) return nullptr;
  const auto& sigs = interpreter->itp->signatures();
  if (signature_index < 0 || static_cast<size_t>(signature_index) >= sigs.size()) {
    const_cast<XliteInterpreter*>(interpreter)
        ->fail("signature index " + std::to_string(signature_index) + " is out of range: the model has " +
               std::to_string(sigs.size()) + " signatures");
    return nullptr;
  }
  return sigs[signature_index].key.c_str();
}

XliteSignatureRunner* XliteInterpreterGetSignatureRunner(const XliteInterpreter* interpreter,
                                                         const char* signature_key) {
  if (!interpreter) return nullptr;
  auto* c = const_cast<XliteInterpreter*>(interpreter);
  const auto& sigs = c->itp->signatures();
  // TFLite: NULL picks the only signature.
  int k = -1;
  if (signature_key == nullptr) {
    if (sigs.size() == 1) k = 0;
  } else {
    k = c->itp->find_signature(signature_key);
  }
  if (k < 0) {
    std::string keys;
    for (const auto& s : sigs) keys += (keys.empty() ? "" : ", ") + s.key;
    c->fail("no signature '" + std::string(signature_key ? signature_key : "(NULL)") + "' (the model has: " +
            (keys.empty() ? "none" : keys) + ")");
    return nullptr;
  }
  const xlite::SignatureInfo& sig = sigs[k];
  // Creating the subgraph's executor now reports a subgraph xlite cannot run.
  if (!c->itp->allocate(sig.subgraph)) {
    c->failed();
    return nullptr;
  }
  auto r = std::make_unique<XliteSignatureRunner>();
  r->owner = c;
  r->subgraph = sig.subgraph;
  for (const auto& e : sig.inputs) r->inputs.push_back({c, sig.subgraph, e.tensor, e.name});
  for (const auto& e : sig.outputs) r->outputs.push_back({c, sig.subgraph, e.tensor, e.name});
  return r.release();
}

size_t XliteSignatureRunnerGetInputCount(const XliteSignatureRunner* r) { return r ? r->inputs.size() : 0; }
size_t XliteSignatureRunnerGetOutputCount(const XliteSignatureRunner* r) { return r ? r->outputs.size() : 0; }

const char* XliteSignatureRunnerGetInputName(const XliteSignatureRunner* r, int32_t i) {
  if (!r) return nullptr;
  if (i < 0 || static_cast<size_t>(i) >= r->inputs.size()) {
    r->owner->fail("signature input index " + std::to_string(i) + " is out of range");
    return nullptr;
  }
  return r->inputs[i].name.c_str();
}

const char* XliteSignatureRunnerGetOutputName(const XliteSignatureRunner* r, int32_t i) {
  if (!r) return nullptr;
  if (i < 0 || static_cast<size_t>(i) >= r->outputs.size()) {
    r->owner->fail("signature output index " + std::to_string(i) + " is out of range");
    return nullptr;
  }
  return r->outputs[i].name.c_str();
}

XliteTensor* XliteSignatureRunnerGetInputTensor(XliteSignatureRunner* r, const char* input_name) {
  if (!r) return nullptr;
  const XliteTensor* t = find_named(r->inputs, input_name);
  if (!t) r->owner->fail("the signature has no input '" + std::string(input_name ? input_name : "(NULL)") + "'");
  return const_cast<XliteTensor*>(t);
}

const XliteTensor* XliteSignatureRunnerGetOutputTensor(const XliteSignatureRunner* r, const char* output_name) {
  if (!r) return nullptr;
  const XliteTensor* t = find_named(r->outputs, output_name);
  if (!t) r->owner->fail("the signature has no output '" + std::string(output_name ? output_name : "(NULL)") + "'");
  return t;
}

XliteStatus XliteSignatureRunnerResizeInputTensor(XliteSignatureRunner* r, const char* input_name,
                                                  const int* input_dims, int32_t input_dims_size) {
  XliteTensor* t = XliteSignatureRunnerGetInputTensor(r, input_name);
  if (!t) return kXliteError;
  return resize(r->owner, *t, input_dims, input_dims_size);
}

XliteStatus XliteSignatureRunnerAllocateTensors(XliteSignatureRunner* r) {
  if (!r) return kXliteError;
  return r->owner->itp->allocate(r->subgraph) ? kXliteOk : r->owner->failed();
}

XliteStatus XliteSignatureRunnerInvoke(XliteSignatureRunner* r) {
  if (!r) return kXliteError;
  return r->owner->itp->invoke(r->subgraph) ? kXliteOk : r->owner->failed();
}

void XliteSignatureRunnerDelete(XliteSignatureRunner* signature_runner) { delete signature_runner; }

}  // extern "C"
