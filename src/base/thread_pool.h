// SPDX-License-Identifier: Apache-2.0
// A fixed pool of worker threads for splitting one kernel's work.
//
//   ThreadPool pool(2);                     // the caller plus 1 worker
//   pool.parallel_for(rows, [&](int64_t begin, int64_t end, int part) { ... });
//
// parallel_for cuts [0, n) into at most num_threads() contiguous ranges
// (`part` 0, 1, ... names each, e.g. to pick a per-thread scratch buffer;
// each range runs on one thread), runs the first on the calling thread and
// offers the rest to the workers, and returns when all are done. Workers
// spin briefly before sleeping, so the back-to-back calls of one inference
// do not pay a wake-up each; a range no worker has taken by the time the
// caller finishes its own, the caller runs itself, so a sleeping or
// descheduled worker (a wake-up can take hundreds of microseconds on a
// busy VM) never holds the call up. One caller at a time (an executor owns
// its pool).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace xlite {

class ThreadPool {
 public:
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()) + 1; }

  // Ranges are at least `min_chunk` long where n allows (tiny work stays on
  // the caller).
  void parallel_for(int64_t n, const std::function<void(int64_t, int64_t, int)>& fn, int64_t min_chunk = 1);

 private:
  void worker(int index);

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::atomic<uint64_t> generation_{0};
  // Per range: generation * 4 + kOpen / kTaken / kDone. A worker takes its
  // range (or the caller takes a leftover one) by one compare-exchange from
  // the current generation's kOpen, so a worker waking late for an old
  // generation can never take a range of a newer one.
  std::unique_ptr<std::atomic<uint64_t>[]> state_;
  bool stop_ = false;
  // The current job: each worker w runs ranges_[w + 1] when it is non-empty.
  const std::function<void(int64_t, int64_t, int)>* fn_ = nullptr;
  std::vector<std::pair<int64_t, int64_t>> ranges_;
};

}  // namespace xlite
