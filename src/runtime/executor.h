// SPDX-License-Identifier: Apache-2.0
// Runs one subgraph of a verified model with the reference kernels, ops in
// list order, activations in one arena.
//
//   auto ex = Executor::create(model);      // checks every op has a kernel,
//                                           // infers shapes, allocates
//   ex->resize_input(0, {4, 28, 28, 1});    // optional, then:
//   ex->allocate();                         // shapes, checks, arena
//   std::memcpy(ex->input(0).data, ...);
//   ex->invoke();
//   ex->output(0) ...
//
// An Executor is used by one thread at a time; several executors (even of
// one Model) may run concurrently: the model is only read.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "ops/kernel.h"
#include "runtime/custom_ops.h"
#include "runtime/tensor.h"

namespace xlite {

struct ExecutorOptions {
  // Threads that split each kernel's work (the caller counts as one).
  int num_threads = 1;
  // Run every op with its reference kernel (no vectorised kernels).
  bool reference_kernels = false;
  // Kernels for CUSTOM ops; nullptr: default_custom_ops() (the built-ins).
  std::shared_ptr<const CustomOpRegistry> custom_ops;
};

class Executor : public SubgraphRunner {
 public:
  // Fails with one line listing every op the subgraph uses that xlite
  // cannot run yet, and every CUSTOM op without a registered kernel.
  static Result<std::unique_ptr<Executor>> create(std::shared_ptr<const Model> model, int subgraph = 0,
                                                  const ExecutorOptions& options = {});
  int num_threads() const { return pool_ ? pool_->num_threads() : 1; }

  int num_inputs() const { return static_cast<int>(graph_->inputs.size()); }
  int num_outputs() const { return static_cast<int>(graph_->outputs.size()); }
  RtTensor& input(int i) { return tensors_[graph_->inputs[i]]; }
  const RtTensor& output(int i) const { return tensors_[graph_->outputs[i]]; }
  const std::string& input_name(int i) const { return graph_->tensors[graph_->inputs[i]].name; }
  const std::string& output_name(int i) const { return graph_->tensors[graph_->outputs[i]].name; }
  const Graph& graph() const { return *graph_; }

  // Changes an input's shape; allocate() must run again before the data
  // pointers are used or invoke() runs. By default the new shape must fit
  // the input's shape signature (only -1 dims change); with
  // `any_shape` any non-negative dims of any rank are taken, as
  // TFLite's (non-strict) ResizeInputTensor does: the ops' prepare then
  // says whether the model can run at that shape.
  Status resize_input(int i, const std::vector<int32_t>& shape, bool any_shape = false);
  Status allocate();
  Status invoke();
  // invoke() that also times each op (steady_clock): (*op_seconds)[i] is op
  // i's wall time in seconds, 0 for an op folded in allocate(). It costs two
  // clock reads per op; invoke() itself has no timing code.
  Status invoke_profiled(std::vector<double>* op_seconds);
  // The activation arena as planned, and what it would take if every
  // activation had its own slice.
  size_t arena_bytes() const { return arena_size_; }
  size_t naive_arena_bytes() const { return naive_arena_size_; }
  // Weights the kernels packed into their layouts at allocate(), and the
  // bytes of the model constants they came from.
  const PackStats& pack_stats() const { return pack_stats_; }
  // Whether allocate() evaluated op i already (its outputs are constants).
  bool op_folded(int i) const { return folded_op_[i]; }
  // Any tensor of the subgraph, with its current shape (after allocate()).
  const RtTensor& tensor(int index) const { return tensors_[index]; }

  // SubgraphRunner: control-flow ops run other subgraphs through child
  // executors, created on first use.
  Status prepare_subgraph(int index, const std::vector<const RtTensor*>& inputs,
                          std::vector<const RtTensor*>* outputs) override;
  Status run_subgraph(int index, const std::vector<const RtTensor*>& inputs,
                      std::vector<const RtTensor*>* outputs) override;

 private:
  Executor(std::shared_ptr<const Model> model, int subgraph, const ExecutorOptions& options);
  template <bool kProfile>
  Status run_ops(std::vector<double>* op_seconds);

  std::shared_ptr<const Model> model_;
  ExecutorOptions options_;  // custom_ops is never null here
  // Shared with child executors (control flow runs one subgraph at a time).
  std::shared_ptr<ThreadPool> pool_;
  const Graph* graph_;
  int subgraph_;
  std::vector<RtTensor> tensors_;
  std::vector<const OpKernel*> kernels_;
  std::vector<std::unique_ptr<OpState>> states_;
  struct FreeDeleter {
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, FreeDeleter> arena_;
  // Results of ops evaluated once in allocate() (small, constant inputs).
  std::deque<std::vector<uint8_t>> folded_;
  std::vector<bool> folded_op_;
  // Ops whose output is a view of their input: nothing to run.
  std::vector<bool> view_op_;
  std::map<int, std::unique_ptr<Executor>> children_;
  // Copies of constants whose bytes in the file are misaligned.
  std::deque<std::vector<uint8_t>> aligned_constants_;
  size_t arena_size_ = 0;
  size_t naive_arena_size_ = 0;
  PackStats pack_stats_;
  ScratchArena scratch_;  // the ops' shared working memory (base/scratch_arena.h)
  bool allocated_ = false;
};

// Names of the ops without a kernel in subgraph `index` and every subgraph
// it calls, with counts, e.g. "GATHER_ND (2), SELECT (1)", then why each
// unregistered CUSTOM op cannot run (custom_op_problem); empty when all can.
std::string missing_kernels(const Model& model, int index, const CustomOpRegistry& custom_ops);

}  // namespace xlite
