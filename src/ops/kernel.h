// SPDX-License-Identifier: Apache-2.0
// The contract between the executor and an op's implementation.
//
// prepare(): runs whenever input shapes are (re)known. It checks what the
// op needs (dtypes, ranks, quantization), sets each output's dtype and shape,
// and precomputes what eval needs (multipliers, padding) into ctx.state.
// eval(): computes outputs from inputs with the op's reference kernel; it
// may assume everything prepare checked.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/mapped_file.h"
#include "base/scratch_arena.h"
#include "base/status.h"
#include "base/thread_pool.h"
#include "ir/graph.h"
#include "runtime/tensor.h"

namespace xlite {

struct OpState {
  virtual ~OpState() = default;
};

// Runs other subgraphs of the model, for control flow (WHILE, IF).
class SubgraphRunner {
 public:
  virtual ~SubgraphRunner() = default;
  // Prepares subgraph `index` for inputs of these dtypes and shapes and
  // returns its outputs (dtype and shape; data not valid yet).
  virtual Status prepare_subgraph(int index, const std::vector<const RtTensor*>& inputs,
                                  std::vector<const RtTensor*>* outputs) = 0;
  // Copies `inputs` in, runs the subgraph and returns its outputs, valid
  // until the next call for the same subgraph.
  virtual Status run_subgraph(int index, const std::vector<const RtTensor*>& inputs,
                              std::vector<const RtTensor*>* outputs) = 0;
};

// Weights a kernel repacked at prepare into its own layout: the packed
// bytes, and the bytes of the constants they were made from (which stay
// in the mapped model file, read once). `xlite compile` reports both.
struct PackStats {
  int64_t packed_bytes = 0, source_bytes = 0;
  // Ops whose weights went into a layout other than their kernel's usual
  // one, by layout (e.g. "Winograd F(4x4, 3x3)"): what `xlite compile`
  // reports next to the packed bytes.
  std::map<std::string, int> layouts;
};

class KernelContext {
 public:
  KernelContext(const Op& op, std::vector<RtTensor>& tensors, std::unique_ptr<OpState>& state,
                SubgraphRunner* runner = nullptr, ThreadPool* pool = nullptr, bool reference_only = false)
      : op_(op), tensors_(tensors), state_(state), runner_(runner), pool_(pool), reference_only_(reference_only) {}

  // The executor's threads for splitting this op's work; nullptr when it
  // runs on one thread.
  ThreadPool* pool() { return pool_; }
  int num_threads() const { return pool_ ? pool_->num_threads() : 1; }
  // Runs fn(begin, end, part) over [0, n), split across the threads when
  // there are several and n allows chunks of at least min_chunk.
  template <typename F>
  void parallel_for(int64_t n, F&& fn, int64_t min_chunk = 1) {
    if (pool_ == nullptr) {
      if (n > 0) fn(int64_t{0}, n, 0);
      return;
    }
    pool_->parallel_for(n, fn, min_chunk);
  }
  // Prepare must choose the reference kernel (no vectorised variant): the
  // slow, exact path the parity tests hold to LiteRT's reference kernels.
  bool reference_only() const { return reference_only_; }

  // nullptr outside an executor that can run subgraphs.
  SubgraphRunner* subgraphs() { return runner_; }

  // Working memory for one eval, shared with the other ops of the
  // executor (base/scratch_arena.h): prepare reserves the most eval will
  // ask for (all threads together); eval gets a 64-byte aligned buffer of
  // at least that many bytes, its contents undefined, valid during this
  // eval only. Outside an executor the context keeps its own.
  void reserve_scratch(int64_t bytes) { arena().reserve(static_cast<size_t>(std::max<int64_t>(bytes, 0))); }
  void* scratch(int64_t bytes) { return arena().get(static_cast<size_t>(std::max<int64_t>(bytes, 0))); }
  void set_scratch_arena(ScratchArena* arena) { scratch_arena_ = arena; }

  // Prepare: a kernel that packed constant weights says how many bytes.
  // The model's bytes are given so that the packed originals' pages can be
  // released (Bytes::release): the kernel reads its packed copy from now on.
  void set_pack_stats(PackStats* stats, const Bytes* model_bytes = nullptr) {
    pack_stats_ = stats;
    model_bytes_ = model_bytes;
  }
  void note_packed(int64_t packed_bytes, std::initializer_list<const RtTensor*> sources,
                   const char* layout = nullptr) {
    if (pack_stats_ == nullptr) return;
    pack_stats_->packed_bytes += packed_bytes;
    if (layout) ++pack_stats_->layouts[layout];
    for (const RtTensor* t : sources) {
      if (t == nullptr) continue;
      pack_stats_->source_bytes += static_cast<int64_t>(t->bytes);
      if (model_bytes_ && t->constant && t->data)
        model_bytes_->release({static_cast<const uint8_t*>(t->data), t->bytes});
    }
  }

  const Op& op() const { return op_; }
  const Attrs& attrs() const { return op_.attrs; }
  int num_inputs() const { return static_cast<int>(op_.inputs.size()); }
  int num_outputs() const { return static_cast<int>(op_.outputs.size()); }
  // nullptr for an absent optional input.
  const RtTensor* input(int k) const {
    if (k >= num_inputs() || op_.inputs[k] < 0) return nullptr;
    return &tensors_[op_.inputs[k]];
  }
  RtTensor& output(int k) { return tensors_[op_.outputs[k]]; }

  template <typename T>
  T* state() {
    return static_cast<T*>(state_.get());
  }
  template <typename T>
  T* make_state() {
    state_ = std::make_unique<T>();
    return static_cast<T*>(state_.get());
  }

 private:
  const Op& op_;
  std::vector<RtTensor>& tensors_;
  std::unique_ptr<OpState>& state_;
  SubgraphRunner* runner_;
  ThreadPool* pool_;
  bool reference_only_;
  ScratchArena& arena() {
    if (scratch_arena_ == nullptr) {
      own_arena_ = std::make_unique<ScratchArena>();
      scratch_arena_ = own_arena_.get();
    }
    return *scratch_arena_;
  }

  PackStats* pack_stats_ = nullptr;
  const Bytes* model_bytes_ = nullptr;
  ScratchArena* scratch_arena_ = nullptr;
  std::unique_ptr<ScratchArena> own_arena_;
};

using PrepareFn = Status (*)(KernelContext&);
using EvalFn = Status (*)(KernelContext&);

struct OpKernel {
  OpKind kind;
  PrepareFn prepare;
  EvalFn eval;
};

// nullptr when xlite has no kernel for the op yet.
const OpKernel* find_kernel(OpKind kind);
std::vector<OpKind> implemented_ops();

}  // namespace xlite
