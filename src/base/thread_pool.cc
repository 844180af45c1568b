// SPDX-License-Identifier: Apache-2.0
#include "base/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace xlite {

namespace {
// Chunks per thread: enough to even out a slow thread, few enough that each
// still amortises its start (a GEMM re-reads its weights per chunk).
constexpr int64_t kChunksPerThread = 4;
}  // namespace

ThreadPool::ThreadPool(int num_threads) {
  const int workers = std::max(num_threads, 1) - 1;
  for (int w = 0; w < workers; ++w) workers_.emplace_back([this, w] { worker(w); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ThreadPool::worker(int index) {
  uint64_t seen = 0;
  for (;;) {
    // Spin a little (the next op usually follows at once), then sleep.
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
    while (generation_.load(std::memory_order_acquire) == seen && std::chrono::steady_clock::now() < spin_until) {
    }
    if (generation_.load(std::memory_order_acquire) == seen) {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
    }
    seen = generation_.load(std::memory_order_acquire);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
    }
    run_chunks(seen, index + 1);
  }
}

// next_ packs the job's generation (high 32 bits), its chunk count (16)
// and the next unclaimed chunk (16): one load tells a thread whether the
// job is still the one it woke for and whether a chunk is left, so nothing
// else of the job is read before a claim succeeds.
void ThreadPool::run_chunks(uint64_t gen, int part) {
  for (;;) {
    uint64_t v = next_.load(std::memory_order_acquire);
    int64_t c;
    do {
      if ((v >> 32) != (gen & 0xffffffffu)) return;  // another job
      c = static_cast<int64_t>(v & 0xffff);
      if (c >= static_cast<int64_t>((v >> 16) & 0xffff)) return;  // all claimed
    } while (!next_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire));
    // Chunk c is ours: the job cannot finish before it does, so its fields
    // stay put.
    (*fn_)(c * n_ / chunks_, (c + 1) * n_ / chunks_, part);
    done_.fetch_add(1, std::memory_order_acq_rel);
  }
}

void ThreadPool::parallel_for(int64_t n, const std::function<void(int64_t, int64_t, int)>& fn, int64_t min_chunk) {
  if (n <= 0) return;
  // Even chunks: each at least min_chunk (n / chunks rounded down), and a
  // multiple of the thread count where there are that many (3 chunks on 2
  // threads would leave one thread a third of the work, idle).
  int64_t chunks =
      std::min<int64_t>({num_threads() * kChunksPerThread, std::max<int64_t>(1, n / std::max<int64_t>(min_chunk, 1)),
                         int64_t{0xffff}});
  if (chunks >= num_threads()) chunks = chunks / num_threads() * num_threads();
  if (chunks <= 1 || workers_.empty()) {
    fn(0, n, 0);
    return;
  }
  fn_ = &fn;
  n_ = n;
  chunks_ = chunks;
  done_.store(0, std::memory_order_relaxed);
  const uint64_t gen = generation_.load(std::memory_order_relaxed) + 1;
  next_.store((gen & 0xffffffffu) << 32 | static_cast<uint64_t>(chunks) << 16, std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation_.store(gen, std::memory_order_release);
  }
  wake_.notify_all();
  run_chunks(gen, 0);
  // Every chunk is claimed; wait for the ones workers are still running.
  while (done_.load(std::memory_order_acquire) != chunks) std::this_thread::yield();
  fn_ = nullptr;
}

}  // namespace xlite
