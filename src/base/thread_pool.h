// SPDX-License-Identifier: Apache-2.0
// A fixed pool of worker threads for splitting one kernel's work.
//
//   ThreadPool pool(2);                     // the caller plus 1 worker
//   pool.parallel_for(rows, [&](int64_t begin, int64_t end, int part) { ... });
//
// parallel_for cuts [0, n) into contiguous chunks (a few per thread, a
// multiple of the thread count where n allows, each at least min_chunk
// long). Each thread owns a contiguous range of them (thread t the t-th
// share, in order), so op after op a thread works on the same rows and
// finds them in its own cache; a thread that has finished its range takes
// chunks from the back of the others'. So a thread that is slow
// (descheduled, or sharing its core on a busy VM) gives up chunks instead
// of holding the call up, and a worker still asleep takes none: the others
// run its range. `part` names the thread that runs a chunk (0 the caller,
// w + 1 worker w): a part's chunks run one after another on one thread, so
// per-part scratch needs no lock, but a part may run several chunks or
// none. Workers spin briefly before sleeping, so the back-to-back calls of
// one inference do not pay a wake-up each. One caller at a time (an
// executor owns its pool).
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
  // The current job's claim words, one per thread (its own cache line):
  // generation << 32 | end << 16 | next over the thread's range of chunks.
  // A claim is one compare-exchange against the current generation, so a
  // worker waking late for an old job can never claim a chunk of a newer
  // one; `done_` counts finished chunks.
  struct alignas(64) Slot {
    std::atomic<uint64_t> word{0};
  };
  std::unique_ptr<Slot[]> slots_;
  std::atomic<int64_t> done_{0};
  bool stop_ = false;
  int sleepers_ = 0;  // workers waiting on wake_ (guarded by mu_)
  // The current job (valid while any of its chunks is unfinished).
  const std::function<void(int64_t, int64_t, int)>* fn_ = nullptr;
  int64_t n_ = 0, chunks_ = 0;

  // Claims and runs chunks of job `gen` as `part` until none is left.
  void run_chunks(uint64_t gen, int part);
  bool claim_front(int slot, uint64_t gen, int64_t* chunk);
  bool claim_back(int slot, uint64_t gen, int64_t* chunk);
  void run_chunk(int64_t c, int part);
};

}  // namespace xlite
