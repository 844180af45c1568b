// SPDX-License-Identifier: Apache-2.0
// Kernels for CUSTOM ops, found by name and version.
//
//   auto reg = std::make_shared<CustomOpRegistry>(CustomOpRegistry::with_builtins());
//   reg->register_custom_op("MyOp", 1, my_op);        // an XliteCustomOp (C ABI)
//   reg->load_library("libmyops.so");                 // calls xlite_register_custom_ops
//   Executor::create(model, 0, {.custom_ops = reg});
//
// An executor given no registry uses default_custom_ops(): the built-in
// kernels (src/ops/custom/custom_kernels.def) and nothing else. Registries
// are plain values: no hidden global is ever changed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "ops/kernel.h"
#include "xlite/xlite_custom_op.h"

namespace xlite {

// What the registry holds for one name+version: a built-in kernel (the
// executor's own interface) or one given through the C ABI.
struct CustomKernel {
  const OpKernel* builtin = nullptr;
  XliteCustomOp c_op{};
  bool is_builtin() const { return builtin != nullptr; }
};

class CustomOpRegistry {
 public:
  // Version 0 matches any version of the op.
  static constexpr int kAnyVersion = 0;

  // An empty registry; with_builtins() starts from xlite's own kernels.
  CustomOpRegistry() = default;
  static CustomOpRegistry with_builtins();

  Status register_custom_op(const std::string& name, int version, const XliteCustomOp& op);
  void register_builtin(const std::string& name, int version, const OpKernel* kernel);
  // dlopen()s `path` and calls its exported xlite_register_custom_ops with
  // this registry. The library stays loaded for the life of the process.
  Status load_library(const std::string& path);

  // The kernel for `name` at `version` (exact, else one registered for any
  // version), or nullptr.
  const CustomKernel* find(const std::string& name, int version) const;
  // "name v1, name2 (any version)", for error messages.
  std::string describe() const;
  // The registry as the C ABI sees it, for xlite_register_custom_ops.
  XliteCustomOpRegistry* c_registry() { return &c_view_.base; }

  CustomOpRegistry(const CustomOpRegistry& other) : kernels_(other.kernels_) {}
  CustomOpRegistry& operator=(const CustomOpRegistry& other) {
    kernels_ = other.kernels_;
    return *this;
  }

 private:
  // What the C ABI sees: standard-layout, `base` first.
  struct CView {
    XliteCustomOpRegistry base;
    CustomOpRegistry* self;
  };
  static CView make_view(CustomOpRegistry* self);
  static XliteStatus c_register(XliteCustomOpRegistry* r, const char* name, int version, const XliteCustomOp* op,
                                size_t op_size, uint32_t abi_version);
  static const char* c_error(const XliteCustomOpRegistry* r);
  std::map<std::pair<std::string, int>, CustomKernel> kernels_;
  CView c_view_ = make_view(this);
  std::string c_error_;  // why the last registration through the C view failed
};

// The built-in kernels only; shared, never changed.
std::shared_ptr<const CustomOpRegistry> default_custom_ops();

// Why op `op` cannot run with `registry`, or "" if it can: names the op
// and says how to register a kernel (or that Flex ops are unsupported).
std::string custom_op_problem(const Op& op, const CustomOpRegistry& registry);

// The OpKernel that runs a C-ABI kernel; its state is a CustomOpState made
// by make_custom_op_state (init runs there, free in its destructor).
const OpKernel* c_custom_op_kernel();
Result<std::unique_ptr<OpState>> make_custom_op_state(const CustomKernel& kernel, const Op& op,
                                                      std::vector<RtTensor>& tensors);

}  // namespace xlite
