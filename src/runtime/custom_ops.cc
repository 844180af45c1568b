// SPDX-License-Identifier: Apache-2.0
#include "runtime/custom_ops.h"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>
#include <type_traits>

namespace xlite {

// The built-in custom kernels (src/ops/custom/<op>/).
#define XLITE_CUSTOM_KERNEL(name, version, ns) \
  namespace ops::custom::ns {                  \
  Status prepare(KernelContext& ctx);          \
  Status eval(KernelContext& ctx);             \
  }
#include "ops/custom/custom_kernels.def"
#undef XLITE_CUSTOM_KERNEL

namespace {

// ---- dtype numbering between xlite and the C ABI (TfLiteType's) ----

struct TypePair {
  DType dtype;
  XliteType c;
};
constexpr TypePair kTypes[] = {
    {DType::kFloat32, kXliteFloat32},   {DType::kInt32, kXliteInt32},     {DType::kUInt8, kXliteUInt8},
    {DType::kInt64, kXliteInt64},       {DType::kString, kXliteString},   {DType::kBool, kXliteBool},
    {DType::kInt16, kXliteInt16},       {DType::kComplex64, kXliteComplex64}, {DType::kInt8, kXliteInt8},
    {DType::kFloat16, kXliteFloat16},   {DType::kFloat64, kXliteFloat64}, {DType::kComplex128, kXliteComplex128},
    {DType::kUInt64, kXliteUInt64},     {DType::kResource, kXliteResource}, {DType::kVariant, kXliteVariant},
    {DType::kUInt32, kXliteUInt32},     {DType::kUInt16, kXliteUInt16},   {DType::kInt4, kXliteInt4},
    {DType::kBFloat16, kXliteBFloat16},
};

XliteType to_c_type(DType t) {
  for (const TypePair& p : kTypes)
    if (p.dtype == t) return p.c;
  return kXliteNoType;
}

bool from_c_type(XliteType t, DType* out) {
  for (const TypePair& p : kTypes)
    if (p.c == t) {
      *out = p.dtype;
      return true;
    }
  return false;
}

// ---- the op context handed to C callbacks ----

struct CustomOpState : OpState {
  XliteCustomOp op{};
  void* op_data = nullptr;
  ~CustomOpState() override {
    if (op.free) op.free(op.user_data, op_data);
  }
};

struct CtxState {
  KernelContext* kc;
  const XliteCustomOp* op;
  bool preparing;  // output storage not assigned yet, non-constant inputs unreadable
  std::string error;
};

// Standard-layout with `base` first, so a pointer to base converts back.
struct Ctx {
  XliteOpContext base;
  CtxState* state;
};

static_assert(std::is_standard_layout_v<Ctx>);

CtxState* self(XliteOpContext* c) { return reinterpret_cast<Ctx*>(c)->state; }
const CtxState* self(const XliteOpContext* c) { return reinterpret_cast<const Ctx*>(c)->state; }

const RtTensor* tensor_of(const XliteOpContext* c, int output, int i) {
  KernelContext& kc = *self(c)->kc;
  if (output) return i >= 0 && i < kc.num_outputs() ? &kc.output(i) : nullptr;
  return i >= 0 ? kc.input(i) : nullptr;
}

int api_num_inputs(const XliteOpContext* c) { return self(c)->kc->num_inputs(); }
int api_num_outputs(const XliteOpContext* c) { return self(c)->kc->num_outputs(); }
int api_exists(const XliteOpContext* c, int output, int i) { return tensor_of(c, output, i) != nullptr; }
XliteType api_type(const XliteOpContext* c, int output, int i) {
  const RtTensor* t = tensor_of(c, output, i);
  return t ? to_c_type(t->dtype) : kXliteNoType;
}
int api_rank(const XliteOpContext* c, int output, int i) {
  const RtTensor* t = tensor_of(c, output, i);
  return t ? t->rank() : -1;
}
const int32_t* api_dims(const XliteOpContext* c, int output, int i) {
  const RtTensor* t = tensor_of(c, output, i);
  return t ? t->shape.data() : nullptr;
}
void* api_data(XliteOpContext* c, int output, int i) {
  const RtTensor* t = tensor_of(c, output, i);
  if (t == nullptr) return nullptr;
  if (self(c)->preparing && !t->constant) return nullptr;
  return t->data;
}
size_t api_bytes(const XliteOpContext* c, int output, int i) {
  const RtTensor* t = tensor_of(c, output, i);
  if (t == nullptr) return 0;
  auto bytes = dtype_storage_bytes(t->dtype, t->num_elements());
  return bytes ? static_cast<size_t>(*bytes) : 0;
}
XliteQuantization api_quantization(const XliteOpContext* c, int output, int i) {
  XliteQuantization q{nullptr, nullptr, 0, 0};
  const RtTensor* t = tensor_of(c, output, i);
  if (t == nullptr || t->quant == nullptr || !t->quant->details.empty()) return q;
  const Quantization& src = *t->quant;
  if (src.scale.empty() || src.zero_point.size() != src.scale.size()) return q;
  q.scales = src.scale.data();
  q.zero_points = src.zero_point.data();
  q.count = static_cast<int32_t>(src.scale.size());
  q.quantized_dimension = src.axis;
  return q;
}
XliteStatus api_set_output_type(XliteOpContext* c, int i, XliteType type) {
  CtxState* x = self(c);
  if (!x->preparing || i < 0 || i >= x->kc->num_outputs()) {
    x->error = "set_output_type: output " + std::to_string(i) +
               (x->preparing ? " does not exist" : " can only change in prepare");
    return kXliteError;
  }
  DType d;
  if (!from_c_type(type, &d)) {
    x->error = "set_output_type: unknown type " + std::to_string(static_cast<int>(type));
    return kXliteError;
  }
  x->kc->output(i).dtype = d;
  return kXliteOk;
}
XliteStatus api_set_output_shape(XliteOpContext* c, int i, const int32_t* dims, int rank) {
  CtxState* x = self(c);
  if (!x->preparing || i < 0 || i >= x->kc->num_outputs()) {
    x->error = "set_output_shape: output " + std::to_string(i) +
               (x->preparing ? " does not exist" : " can only change in prepare");
    return kXliteError;
  }
  if (rank < 0 || rank > 16 || (rank > 0 && dims == nullptr)) {
    x->error = "set_output_shape: bad rank " + std::to_string(rank);
    return kXliteError;
  }
  std::vector<int32_t> shape(dims, dims + rank);
  if (!num_elements(shape)) {
    x->error = "set_output_shape: bad shape " + shape_to_string(shape);
    return kXliteError;
  }
  x->kc->output(i).shape = std::move(shape);
  return kXliteOk;
}
void api_report_error(XliteOpContext* c, const char* message) { self(c)->error = message ? message : ""; }
void* api_user_data(const XliteOpContext* c) { return self(c)->op->user_data; }
const char* api_op_name(const XliteOpContext* c) { return self(c)->kc->op().custom_code.c_str(); }
int api_op_version(const XliteOpContext* c) { return self(c)->kc->op().version; }

constexpr XliteOpContextApi kContextApi = {
    XLITE_CUSTOM_OP_ABI_VERSION,
    sizeof(XliteOpContextApi),
    api_num_inputs,
    api_num_outputs,
    api_exists,
    api_type,
    api_rank,
    api_dims,
    api_data,
    api_bytes,
    api_quantization,
    api_set_output_type,
    api_set_output_shape,
    api_report_error,
    api_user_data,
    api_op_name,
    api_op_version,
};

Status callback_error(const CtxState& x, const char* what) {
  return Status::error(x.error.empty() ? std::string("the custom kernel's ") + what + " failed"
                                       : x.error);
}

Status c_prepare(KernelContext& kc) {
  auto* st = kc.state<CustomOpState>();
  CtxState x{&kc, &st->op, true, {}};
  Ctx c{{&kContextApi}, &x};
  if (st->op.prepare && st->op.prepare(&c.base, st->op_data) != kXliteOk) return callback_error(x, "prepare");
  for (int i = 0; i < kc.num_outputs(); ++i)
    if (dtype_bits(kc.output(i).dtype) == 0)
      return Status::error("output " + std::to_string(i) + " has type " +
                           std::string(dtype_name(kc.output(i).dtype)) + ", which has no fixed-size storage");
  return ok_status();
}

Status c_eval(KernelContext& kc) {
  auto* st = kc.state<CustomOpState>();
  CtxState x{&kc, &st->op, false, {}};
  Ctx c{{&kContextApi}, &x};
  if (st->op.invoke(&c.base, st->op_data) != kXliteOk) return callback_error(x, "invoke");
  return ok_status();
}

constexpr OpKernel kCKernel = {OpKind::CUSTOM, c_prepare, c_eval};

}  // namespace

// ---- the registry as the C ABI sees it ----

XliteStatus CustomOpRegistry::c_register(XliteCustomOpRegistry* r, const char* name, int version,
                                         const XliteCustomOp* op, size_t op_size, uint32_t abi_version) {
  // `base` is the first member of the standard-layout CView.
  CustomOpRegistry* reg = reinterpret_cast<CView*>(r)->self;
  std::string* error = &reg->c_error_;
  error->clear();
  if (abi_version != XLITE_CUSTOM_OP_ABI_VERSION) {
    *error = "the library was built for custom-op ABI version " + std::to_string(abi_version) + ", xlite has " +
               std::to_string(XLITE_CUSTOM_OP_ABI_VERSION);
    return kXliteError;
  }
  if (op == nullptr || op_size < sizeof(XliteCustomOp)) {
    *error = "xlite_register_custom_op: no XliteCustomOp (or one smaller than this xlite's)";
    return kXliteError;
  }
  if (name == nullptr) {
    *error = "xlite_register_custom_op: no name";
    return kXliteError;
  }
  Status st = reg->register_custom_op(name, version, *op);
  if (!st.ok()) {
    *error = st.message();
    return kXliteError;
  }
  return kXliteOk;
}

const char* CustomOpRegistry::c_error(const XliteCustomOpRegistry* r) {
  return reinterpret_cast<const CView*>(r)->self->c_error_.c_str();
}

CustomOpRegistry::CView CustomOpRegistry::make_view(CustomOpRegistry* self) {
  static_assert(std::is_standard_layout_v<CView>);
  static constexpr XliteRegistryApi kApi = {XLITE_CUSTOM_OP_ABI_VERSION, sizeof(XliteRegistryApi), &c_register,
                                            &c_error};
  return CView{{&kApi}, self};
}

CustomOpRegistry CustomOpRegistry::with_builtins() {
  CustomOpRegistry r;
#define XLITE_CUSTOM_KERNEL(name, version, ns)                                                  \
  {                                                                                             \
    static constexpr OpKernel k = {OpKind::CUSTOM, &ops::custom::ns::prepare, &ops::custom::ns::eval}; \
    r.register_builtin(name, version, &k);                                                      \
  }
#include "ops/custom/custom_kernels.def"
#undef XLITE_CUSTOM_KERNEL
  return r;
}

Status CustomOpRegistry::register_custom_op(const std::string& name, int version, const XliteCustomOp& op) {
  if (name.empty()) return Status::error("a custom op needs a name");
  if (version < 0) return Status::error("custom op '" + name + "': version must be >= 0, got " + std::to_string(version));
  if (op.invoke == nullptr) return Status::error("custom op '" + name + "' has no invoke function");
  CustomKernel k;
  k.c_op = op;
  kernels_[{name, version}] = k;
  return ok_status();
}

void CustomOpRegistry::register_builtin(const std::string& name, int version, const OpKernel* kernel) {
  CustomKernel k;
  k.builtin = kernel;
  kernels_[{name, version}] = k;
}

Status CustomOpRegistry::load_library(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return Status::error("custom op library '" + path + "' does not exist");
  // A bare name would make dlopen search the library path instead.
  const std::string where = path.find('/') == std::string::npos ? "./" + path : path;
  void* handle = dlopen(where.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return Status::error("cannot load custom op library '" + path + "': " + (why ? why : "dlopen failed"));
  }
  auto fn = reinterpret_cast<XliteRegisterCustomOpsFn>(dlsym(handle, XLITE_REGISTER_CUSTOM_OPS_SYMBOL));
  if (fn == nullptr)
    return Status::error("custom op library '" + path + "' does not export " XLITE_REGISTER_CUSTOM_OPS_SYMBOL
                         " (see include/xlite/xlite_custom_op.h: extern \"C\" int "
                         "xlite_register_custom_ops(XliteCustomOpRegistry*))");
  c_error_.clear();
  const int rc = fn(c_registry());
  if (rc != 0)
    return Status::error("custom op library '" + path + "': xlite_register_custom_ops returned " +
                         std::to_string(rc) + (c_error_.empty() ? "" : ": " + c_error_));
  return ok_status();
}

const CustomKernel* CustomOpRegistry::find(const std::string& name, int version) const {
  auto it = kernels_.find({name, version});
  if (it == kernels_.end()) it = kernels_.find({name, kAnyVersion});
  return it == kernels_.end() ? nullptr : &it->second;
}

std::string CustomOpRegistry::describe() const {
  std::string out;
  for (const auto& [key, k] : kernels_) {
    if (!out.empty()) out += ", ";
    out += key.first + (key.second == kAnyVersion ? " (any version)" : " v" + std::to_string(key.second));
  }
  return out.empty() ? "none" : out;
}

std::shared_ptr<const CustomOpRegistry> default_custom_ops() {
  static const std::shared_ptr<const CustomOpRegistry> reg =
      std::make_shared<const CustomOpRegistry>(CustomOpRegistry::with_builtins());
  return reg;
}

std::string custom_op_problem(const Op& op, const CustomOpRegistry& registry) {
  if (op.kind != OpKind::CUSTOM || registry.find(op.custom_code, op.version) != nullptr) return "";
  if (op.custom_code.rfind("Flex", 0) == 0)
    return "CUSTOM:" + op.custom_code +
           " is a select TensorFlow op (Flex delegate); xlite does not support select-TF ops: convert the model "
           "with TFLITE_BUILTINS only";
  return "CUSTOM:" + op.custom_code + " (version " + std::to_string(op.version) +
         ") has no registered kernel; register one with `--custom-ops lib.so` (a library exporting "
         "xlite_register_custom_ops, see include/xlite/xlite_custom_op.h) or "
         "CustomOpRegistry::register_custom_op in C++ (registered: " +
         registry.describe() + ")";
}

const OpKernel* c_custom_op_kernel() { return &kCKernel; }

Result<std::unique_ptr<OpState>> make_custom_op_state(const CustomKernel& kernel, const Op& op,
                                                      std::vector<RtTensor>& tensors) {
  auto st = std::make_unique<CustomOpState>();
  st->op = kernel.c_op;
  if (st->op.init) {
    std::unique_ptr<OpState> none;
    KernelContext kc(op, tensors, none);
    CtxState x{&kc, &st->op, true, {}};
    Ctx c{{&kContextApi}, &x};
    st->op_data = st->op.init(&c.base, op.custom_options.empty() ? nullptr : op.custom_options.data(),
                              op.custom_options.size());
    if (!x.error.empty()) return Status::error(x.error);
  }
  return std::unique_ptr<OpState>(std::move(st));
}

}  // namespace xlite
