// SPDX-License-Identifier: Apache-2.0
#include "base/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace xlite {

ThreadPool::ThreadPool(int num_threads) {
  const int workers = std::max(num_threads, 1) - 1;
  ranges_.resize(workers + 1);
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
    const auto [begin, end] = ranges_[index + 1];
    if (begin < end) (*fn_)(begin, end, index + 1);
    pending_.fetch_sub(1, std::memory_order_acq_rel);
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
  pending_.store(static_cast<int>(workers_.size()), std::memory_order_release);
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation_.fetch_add(1, std::memory_order_release);
  }
  wake_.notify_all();
  fn(ranges_[0].first, ranges_[0].second, 0);
  while (pending_.load(std::memory_order_acquire) != 0) std::this_thread::yield();
  fn_ = nullptr;
}

}  // namespace xlite
