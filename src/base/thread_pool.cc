// SPDX-License-Identifier: Apache-2.0
#include "base/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace xlite {

namespace {
constexpr uint64_t kOpen = 0, kTaken = 1, kDone = 2;
}  // namespace

ThreadPool::ThreadPool(int num_threads) {
  const int workers = std::max(num_threads, 1) - 1;
  ranges_.resize(workers + 1);
  state_ = std::make_unique<std::atomic<uint64_t>[]>(workers + 1);
  for (int p = 0; p <= workers; ++p) state_[p].store(kDone, std::memory_order_relaxed);  // generation 0: nothing
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
    // Only if the caller has not run it already (and is still on job `seen`:
    // the exchange fails on any other generation).
    uint64_t open = seen * 4 + kOpen;
    std::atomic<uint64_t>& st = state_[index + 1];
    if (st.compare_exchange_strong(open, seen * 4 + kTaken, std::memory_order_acq_rel)) {
      const auto [begin, end] = ranges_[index + 1];
      (*fn_)(begin, end, index + 1);
      st.store(seen * 4 + kDone, std::memory_order_release);
    }
  }
}

void ThreadPool::parallel_for(int64_t n, const std::function<void(int64_t, int64_t, int)>& fn, int64_t min_chunk) {
  if (n <= 0) return;
  const int64_t parts = std::min<int64_t>(num_threads(), std::max<int64_t>(1, n / std::max<int64_t>(min_chunk, 1)));
  if (parts <= 1 || workers_.empty()) {
    fn(0, n, 0);
    return;
  }
  // Even split; the first `extra` ranges get one more.
  const int64_t base = n / parts, extra = n % parts;
  int64_t at = 0;
  for (int64_t p = 0; p < num_threads(); ++p) {
    const int64_t len = p < parts ? base + (p < extra ? 1 : 0) : 0;
    ranges_[p] = {at, at + len};
    at += len;
  }
  fn_ = &fn;
  const uint64_t gen = generation_.load(std::memory_order_relaxed) + 1;
  for (int64_t p = 1; p < num_threads(); ++p)
    state_[p].store(gen * 4 + (ranges_[p].first < ranges_[p].second ? kOpen : kDone), std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation_.store(gen, std::memory_order_release);
  }
  wake_.notify_all();
  fn(ranges_[0].first, ranges_[0].second, 0);
  // Ranges still open: run them here; then wait for those workers took.
  for (int64_t p = 1; p < num_threads(); ++p) {
    uint64_t open = gen * 4 + kOpen;
    if (state_[p].compare_exchange_strong(open, gen * 4 + kTaken, std::memory_order_acq_rel)) {
      fn(ranges_[p].first, ranges_[p].second, static_cast<int>(p));
      state_[p].store(gen * 4 + kDone, std::memory_order_relaxed);
    }
  }
  for (int64_t p = 1; p < num_threads(); ++p)
    while (state_[p].load(std::memory_order_acquire) != gen * 4 + kDone) std::this_thread::yield();
  fn_ = nullptr;
}

}  // namespace xlite
