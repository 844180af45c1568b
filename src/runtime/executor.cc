// SPDX-License-Identifier: Apache-2.0
#include "runtime/executor.h"

#include <cstdlib>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>

#include "base/big_alloc.h"
#include "ir/verify.h"
#include "runtime/memory_plan.h"

namespace xlite {
namespace {
constexpr size_t kAlign = 64;
}

void Executor::FreeDeleter::operator()(uint8_t* p) const { std::free(p); }

std::string missing_kernels(const Model& model, int index, const CustomOpRegistry& custom_ops) {
  std::map<std::string, int> missing;
  std::map<std::string, std::string> custom;
  std::vector<bool> seen(model.subgraphs.size(), false);
  std::vector<int> todo = {index};
  seen[index] = true;
  while (!todo.empty()) {
    const Graph& graph = model.subgraphs[todo.back()];
    todo.pop_back();
    for (const Op& op : graph.ops) {
      if (op.kind == OpKind::CUSTOM) {
        std::string problem = custom_op_problem(op, custom_ops);
        if (!problem.empty()) custom[op.custom_code + "/" + std::to_string(op.version)] = problem;
      } else if (find_kernel(op.kind) == nullptr) {
        ++missing[op_display_name(op)];
      }
      for (int64_t c : called_subgraphs(op))
        if (!seen[c]) {
          seen[c] = true;
          todo.push_back(static_cast<int>(c));
        }
    }
  }
  std::string out;
  for (const auto& [name, n] : missing) {
    if (!out.empty()) out += ", ";
    out += name + " (" + std::to_string(n) + ")";
  }
  for (const auto& [key, problem] : custom) out += (out.empty() ? "" : "; ") + problem;
  return out;
}

Executor::Executor(std::shared_ptr<const Model> model, int subgraph, const ExecutorOptions& options)
    : model_(std::move(model)), options_(options), graph_(&model_->subgraphs[subgraph]), subgraph_(subgraph) {
  if (!options_.custom_ops) options_.custom_ops = default_custom_ops();
  if (options_.num_threads > 1) pool_ = std::make_shared<ThreadPool>(options_.num_threads);
}

Result<std::unique_ptr<Executor>> Executor::create(std::shared_ptr<const Model> model, int subgraph,
                                                   const ExecutorOptions& options) {
  if (options.num_threads < 1 || options.num_threads > 256)
    return Status::error("num_threads must be between 1 and 256, got " + std::to_string(options.num_threads));
  if (subgraph < 0 || static_cast<size_t>(subgraph) >= model->subgraphs.size())
    return Status::error("subgraph " + std::to_string(subgraph) + " does not exist");
  const std::shared_ptr<const CustomOpRegistry> custom_ops =
      options.custom_ops ? options.custom_ops : default_custom_ops();
  const std::string missing = missing_kernels(*model, subgraph, *custom_ops);
  if (!missing.empty())
    return Status::error("subgraph " + std::to_string(subgraph) + " uses ops xlite cannot run yet: " + missing);
  std::unique_ptr<Executor> ex(new Executor(std::move(model), subgraph, options));
  const Graph& g = *ex->graph_;
  ex->tensors_.resize(g.tensors.size());
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    const Tensor& src = g.tensors[t];
    RtTensor& rt = ex->tensors_[t];
    rt.dtype = src.dtype;
    rt.shape = src.shape;
    rt.quant = &src.quant;
    rt.ir = &src;
    if (src.is_constant()) {
      rt.constant = true;
      // Kernels never write their inputs; constants stay in the model's
      // bytes, unless a file places one off its element alignment (the
      // format only promises 4-byte aligned vectors): then kernels read an
      // aligned copy, never a misaligned int64 or double.
      const size_t align = std::min<size_t>(std::max(dtype_bits(src.dtype) / 8, 1), 16);
      if (reinterpret_cast<uintptr_t>(src.data.data()) % align == 0) {
        rt.data = const_cast<uint8_t*>(src.data.data());
      } else {
        ex->aligned_constants_.emplace_back(src.data.begin(), src.data.end());
        rt.data = ex->aligned_constants_.back().data();
      }
      rt.bytes = src.data.size();
    }
  }
  ex->states_.resize(g.ops.size());
  for (size_t i = 0; i < g.ops.size(); ++i) {
    const Op& op = g.ops[i];
    // Sparse constants hold compressed values: only DENSIFY reads them.
    for (int32_t in : op.inputs)
      if (in >= 0 && g.tensors[in].sparsity && op.kind != OpKind::DENSIFY)
        return Status::error(where_op(g, subgraph, static_cast<int>(i)) + "reads the sparse tensor " +
                             std::to_string(in) + " '" + g.tensors[in].name + "', which only DENSIFY can");
    if (op.kind != OpKind::CUSTOM) {
      ex->kernels_.push_back(find_kernel(op.kind));
      continue;
    }
    // A built-in custom kernel is an OpKernel like any op's; one given
    // through the C ABI runs behind an adapter whose state init made.
    const CustomKernel* k = custom_ops->find(op.custom_code, op.version);
    if (k->is_builtin()) {
      ex->kernels_.push_back(k->builtin);
      continue;
    }
    auto state = make_custom_op_state(*k, op, ex->tensors_);
    if (!state.ok())
      return Status::error(where_op(g, subgraph, static_cast<int>(i)) + "init: " + state.status().message());
    ex->states_[i] = std::move(state.value());
    ex->kernels_.push_back(c_custom_op_kernel());
  }
  // Ready to use at once: input and output data pointers are valid.
  XLITE_RETURN_IF_ERROR(ex->allocate());
  return ex;
}

Status Executor::resize_input(int i, const std::vector<int32_t>& shape, bool any_shape) {
  if (i < 0 || i >= num_inputs()) return Status::error("input " + std::to_string(i) + " does not exist");
  RtTensor& t = input(i);
  const Tensor& ir = *t.ir;
  const auto& sig = ir.shape_signature.empty() ? ir.shape : ir.shape_signature;
  bool fits = any_shape || shape.size() == sig.size();
  for (size_t d = 0; fits && d < shape.size(); ++d)
    fits = shape[d] >= 0 && (any_shape || sig[d] == -1 || sig[d] == shape[d]);
  if (!fits)
    return Status::error("input " + std::to_string(i) + " '" + ir.name + "' cannot take shape " +
                         shape_to_string(shape) + ": its shape signature is " + shape_to_string(sig));
  t.shape = shape;
  allocated_ = false;
  return ok_status();
}

namespace {

// Ops whose output depends only on their input's shape, never its values.
bool shape_only(OpKind k) { return k == OpKind::SHAPE || k == OpKind::RANK; }

// Ops whose output can be the input's bytes under another shape.
bool shares_bytes_as_view(OpKind k) {
  return k == OpKind::RESHAPE || k == OpKind::SQUEEZE || k == OpKind::EXPAND_DIMS;
}

// Elementwise ops whose kernels read element i of input 0 before writing
// element i of the output and never read it again, so the output may
// overwrite input 0 when it has the same shape and dtype.
bool may_run_in_place(OpKind k) {
  switch (k) {
    case OpKind::ADD:
    case OpKind::SUB:
    case OpKind::MUL:
    case OpKind::RELU:
    case OpKind::RELU6:
    case OpKind::RELU_N1_TO_1:
    case OpKind::LOGISTIC:
    case OpKind::TANH:
    case OpKind::HARD_SWISH:
    case OpKind::LEAKY_RELU:
      return true;
    default:
      return false;
  }
}

// Small results computed at allocate() time become constants for the ops
// after them: shape arithmetic (SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE,
// the pattern Keras' Flatten leaves with a dynamic batch) then has constant
// inputs when RESHAPE's prepare needs them.
constexpr size_t kMaxFoldedBytes = 4096;

}  // namespace

Status Executor::allocate() {
  const Graph& g = *graph_;
  folded_.clear();
  folded_op_.assign(g.ops.size(), false);
  for (size_t t = 0; t < tensors_.size(); ++t)
    if (!g.tensors[t].is_constant()) tensors_[t].constant = false;
  pack_stats_ = {};
  // The passes (CSE compares constants) may have read every weight of the
  // mapped file: give those pages back first, so that the peak resident
  // memory holds each layer's original weights only while its kernel packs
  // them (each kernel releases what it packed; anything read later is
  // faulted in again from the file).
  const Bytes* storage = model_->storage.get();
  if (storage) storage->release(storage->data());
  // Shapes flow forward: each prepare sees its inputs' final shapes.
  for (size_t i = 0; i < g.ops.size(); ++i) {
    const Op& op = g.ops[i];
    KernelContext ctx(op, tensors_, states_[i], this, pool_.get(), options_.reference_kernels);
    ctx.set_pack_stats(&pack_stats_, storage);
    ctx.set_scratch_arena(&scratch_);
    Status st = kernels_[i]->prepare(ctx);
    if (!st.ok())
      return Status::error("subgraph " + std::to_string(subgraph_) + " op " + std::to_string(i) + " (" +
                           op_display_name(op) + "): " + st.message());
    // CUSTOM kernels run only in invoke(): a user's kernel may count calls
    // or keep state, as it may in LiteRT.
    bool foldable = !op.outputs.empty() && op.kind != OpKind::CUSTOM;
    for (int32_t in : op.inputs)
      if (in >= 0 && !tensors_[in].constant && !shape_only(op.kind)) foldable = false;
    for (int32_t out : op.outputs) {
      auto bytes = dtype_storage_bytes(tensors_[out].dtype, num_elements(tensors_[out].shape).value_or(-1));
      if (!bytes || static_cast<size_t>(*bytes) > kMaxFoldedBytes) foldable = false;
    }
    if (!foldable) continue;
    for (int32_t out : op.outputs) {
      RtTensor& rt = tensors_[out];
      rt.bytes = static_cast<size_t>(*dtype_storage_bytes(rt.dtype, num_elements(rt.shape).value_or(0)));
      folded_.emplace_back(std::max<size_t>(rt.bytes, 1), 0);
      rt.data = folded_.back().data();
      rt.constant = true;
    }
    st = kernels_[i]->eval(ctx);
    if (!st.ok())
      return Status::error("subgraph " + std::to_string(subgraph_) + " op " + std::to_string(i) + " (" +
                           op_display_name(op) + "): " + st.message());
    folded_op_[i] = true;
  }
  scratch_.commit();
  // Activations share one arena: a tensor is live from the op that writes
  // it to the last op that reads it (runtime/memory_plan.h). Graph inputs,
  // outputs, variables and tensors no op touches live throughout.
  const int n = static_cast<int>(g.ops.size());
  std::vector<BufferLife> life(tensors_.size(), BufferLife{0, n, -1});
  for (int i = 0; i < n; ++i) {
    if (folded_op_[i]) continue;
    for (int32_t t : g.ops[i].inputs)
      if (t >= 0) life[t].last = std::max(life[t].last, i);
    for (int32_t t : g.ops[i].outputs) {
      life[t].first = std::min(life[t].first, i);
      life[t].last = std::max(life[t].last, i);
    }
  }
  for (int32_t t : g.inputs) life[t].first = -1;
  for (int32_t t : g.outputs) life[t].last = n;
  size_t naive = 0;
  for (size_t t = 0; t < tensors_.size(); ++t) {
    RtTensor& rt = tensors_[t];
    if (rt.constant) continue;
    auto bytes = dtype_storage_bytes(rt.dtype, num_elements(rt.shape).value_or(-1));
    if (!bytes) return Status::error(where_tensor(g, subgraph_, static_cast<int>(t)) + "has no fixed-size storage");
    rt.bytes = static_cast<size_t>(*bytes);
    life[t].bytes = rt.bytes;
    naive += (rt.bytes + kAlign - 1) / kAlign * kAlign;
    if (g.tensors[t].is_variable || life[t].first > life[t].last) life[t].first = -1, life[t].last = n;
  }
  // Tensors that share bytes form a group planned as one buffer: a view
  // (RESHAPE, SQUEEZE, EXPAND_DIMS: same bytes, another shape; the op then
  // does nothing) and the output of an elementwise op written over an input
  // that nothing reads afterwards (in place).
  std::vector<int32_t> group(tensors_.size());
  for (size_t t = 0; t < group.size(); ++t) group[t] = static_cast<int32_t>(t);
  std::vector<BufferLife> group_life = life;
  std::vector<bool> user_visible(tensors_.size(), false);
  for (int32_t t : g.inputs) user_visible[t] = true;
  view_op_.assign(g.ops.size(), false);
  for (int i = 0; i < n; ++i) {
    const Op& op = g.ops[i];
    if (folded_op_[i] || op.inputs.empty() || op.inputs[0] < 0 || op.outputs.size() != 1) continue;
    const int32_t in = op.inputs[0], out = op.outputs[0];
    const RtTensor& ti = tensors_[in];
    const RtTensor& to = tensors_[out];
    if (ti.constant || to.constant || ti.bytes != to.bytes || g.tensors[in].is_variable ||
        g.tensors[out].is_variable)
      continue;
    const int32_t root = group[in];
    const bool view = shares_bytes_as_view(op.kind);
    // In place: the input's bytes are dead after this op and are not the
    // caller's input data.
    const bool in_place = !view && may_run_in_place(op.kind) && ti.dtype == to.dtype && ti.shape == to.shape &&
                          group_life[root].last == i && !user_visible[root];
    if (!view && !in_place) continue;
    group[out] = root;
    group_life[root].bytes = std::max(group_life[root].bytes, to.bytes);
    group_life[root].first = std::min(group_life[root].first, life[out].first);
    group_life[root].last = std::max(group_life[root].last, life[out].last);
    view_op_[i] = view;
  }
  for (size_t t = 0; t < tensors_.size(); ++t)
    if (group[t] != static_cast<int32_t>(t) || tensors_[t].constant) group_life[t].bytes = 0;
  const MemoryPlan plan = plan_memory(group_life, kAlign);
  const size_t total = plan.arena_bytes;
  naive_arena_size_ = naive;
  const std::vector<size_t>& offset = plan.offsets;
  if (total != arena_size_ || !arena_) {
    uint8_t* mem = static_cast<uint8_t*>(alloc_big(total, kAlign));
    if (mem == nullptr) return Status::error("cannot allocate a " + std::to_string(total) + "-byte arena");
    std::memset(mem, 0, total);
    arena_.reset(mem);
    arena_size_ = total;
  }
  for (size_t t = 0; t < tensors_.size(); ++t)
    if (!tensors_[t].constant) tensors_[t].data = arena_.get() + offset[group[t]];
  allocated_ = true;
  return ok_status();
}

Status Executor::invoke() { return run_ops<false>(nullptr); }

Status Executor::invoke_profiled(std::vector<double>* op_seconds) { return run_ops<true>(op_seconds); }

template <bool kProfile>
Status Executor::run_ops(std::vector<double>* op_seconds) {
  if (!allocated_) return Status::error("an input was resized: call allocate() before invoke()");
  const Graph& g = *graph_;
  if constexpr (kProfile) op_seconds->assign(g.ops.size(), 0.0);
  for (size_t i = 0; i < g.ops.size(); ++i) {
    if (folded_op_[i] || view_op_[i]) continue;
    KernelContext ctx(g.ops[i], tensors_, states_[i], this, pool_.get(), options_.reference_kernels);
    ctx.set_scratch_arena(&scratch_);
    std::chrono::steady_clock::time_point start;
    if constexpr (kProfile) start = std::chrono::steady_clock::now();
    Status st = kernels_[i]->eval(ctx);
    if constexpr (kProfile)
      (*op_seconds)[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!st.ok())
      return Status::error("subgraph " + std::to_string(subgraph_) + " op " + std::to_string(i) + " (" +
                           op_display_name(g.ops[i]) + "): " + st.message());
  }
  return ok_status();
}

}  // namespace xlite

namespace xlite {

Status Executor::prepare_subgraph(int index, const std::vector<const RtTensor*>& inputs,
                                  std::vector<const RtTensor*>* outputs) {
  auto it = children_.find(index);
  if (it == children_.end()) {
    ExecutorOptions child_options = options_;
    child_options.num_threads = 1;  // it shares this executor's pool
    auto child = Executor::create(model_, index, child_options);
    if (!child.ok()) return child.status();
    child.value()->pool_ = pool_;
    it = children_.emplace(index, std::move(child.value())).first;
  }
  Executor& c = *it->second;
  if (static_cast<int>(inputs.size()) != c.num_inputs())
    return Status::error("subgraph " + std::to_string(index) + " takes " + std::to_string(c.num_inputs()) +
                         " inputs, given " + std::to_string(inputs.size()));
  for (int i = 0; i < c.num_inputs(); ++i) {
    if (inputs[i]->dtype != c.input(i).dtype)
      return Status::error("subgraph " + std::to_string(index) + " input " + std::to_string(i) + " is " +
                           std::string(dtype_name(c.input(i).dtype)) + ", given " +
                           std::string(dtype_name(inputs[i]->dtype)));
    // The caller's shapes, whatever the subgraph's signature says: TFLite's
    // control-flow kernels resize their branches and bodies the same way,
    // and each op's prepare checks what it can take.
    if (inputs[i]->shape != c.input(i).shape)
      XLITE_RETURN_IF_ERROR(c.resize_input(i, inputs[i]->shape, /*any_shape=*/true));
  }
  XLITE_RETURN_IF_ERROR(c.allocate());
  outputs->clear();
  for (int i = 0; i < c.num_outputs(); ++i) outputs->push_back(&c.output(i));
  return ok_status();
}

Status Executor::run_subgraph(int index, const std::vector<const RtTensor*>& inputs,
                              std::vector<const RtTensor*>* outputs) {
  auto it = children_.find(index);
  if (it == children_.end()) return Status::error("subgraph " + std::to_string(index) + " was not prepared");
  Executor& c = *it->second;
  for (int i = 0; i < c.num_inputs(); ++i) {
    if (inputs[i]->shape != c.input(i).shape)
      return Status::error("subgraph " + std::to_string(index) + " input " + std::to_string(i) +
                           " changed shape while running");
    // A subgraph may pass an input straight through as an output, so the
    // source can alias the destination.
    if (c.input(i).data != inputs[i]->data) std::memmove(c.input(i).data, inputs[i]->data, c.input(i).bytes);
  }
  XLITE_RETURN_IF_ERROR(c.invoke());
  outputs->clear();
  for (int i = 0; i < c.num_outputs(); ++i) outputs->push_back(&c.output(i));
  return ok_status();
}

}  // namespace xlite
