// SPDX-License-Identifier: Apache-2.0
#include "base/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace xlite {

// stop_ and sleepers_ change only under mu_, but are read without it, so
// every access to them goes through std::atomic_ref. The per-job shared
// writes are the generation (caller), one claim per chunk on the thread
// slots, and one count per thread into done_.

namespace {
// A hint to the core that this is a spin-wait loop.
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Chunks per thread: enough to even out a slow thread, few enough that each
// still amortises its start (a GEMM re-reads its weights per chunk).
constexpr int64_t kChunksPerThread = 4;
}  // namespace

ThreadPool::ThreadPool(int num_threads) : slots_(new Slot[static_cast<size_t>(std::max(num_threads, 1))]) {
  const int workers = std::max(num_threads, 1) - 1;
  for (int w = 0; w < workers; ++w) workers_.emplace_back([this, w] { worker(w); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::atomic_ref<bool>(stop_).store(true, std::memory_order_relaxed);
    generation_.fetch_add(1, std::memory_order_seq_cst);
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
      // Count this worker as a sleeper before it looks at the generation
      // again (both seq_cst, as the caller's store of the generation and
      // load of the count): either the caller sees the count and wakes it,
      // or this worker sees the new generation and does not wait.
      std::unique_lock<std::mutex> lock(mu_);
      std::atomic_ref<int>(sleepers_).fetch_add(1, std::memory_order_seq_cst);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_seq_cst) != seen; });
      std::atomic_ref<int>(sleepers_).fetch_sub(1, std::memory_order_relaxed);
    }
    seen = generation_.load(std::memory_order_acquire);
    if (std::atomic_ref<bool>(stop_).load(std::memory_order_relaxed)) return;  // set before the generation it came with
    run_chunks(seen, index + 1);
  }
}

// Each thread's slot packs the job's generation (high 32 bits), the end of
// the thread's unclaimed chunks (16) and the next one (16): one load tells
// a thread whether the job is still the one it woke for and whether a chunk
// is left, so nothing else of the job is read before a claim succeeds. The
// owner claims from the front, a thief from the back, both by one
// compare-exchange on the slot.
namespace {
constexpr uint64_t kNextMask = 0xffff;
constexpr int kEndShift = 16;

bool same_job(uint64_t v, uint64_t gen) { return (v >> 32) == (gen & 0xffffffffu); }
int64_t next_of(uint64_t v) { return static_cast<int64_t>(v & kNextMask); }
int64_t end_of(uint64_t v) { return static_cast<int64_t>((v >> kEndShift) & kNextMask); }
}  // namespace

bool ThreadPool::claim_front(int slot, uint64_t gen, int64_t* chunk) {
  std::atomic<uint64_t>& w = slots_[static_cast<size_t>(slot)].word;
  uint64_t v = w.load(std::memory_order_acquire);
  do {
    if (!same_job(v, gen) || next_of(v) >= end_of(v)) return false;
  } while (!w.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire));
  *chunk = next_of(v);
  return true;
}

bool ThreadPool::claim_back(int slot, uint64_t gen, int64_t* chunk) {
  std::atomic<uint64_t>& w = slots_[static_cast<size_t>(slot)].word;
  uint64_t v = w.load(std::memory_order_acquire);
  do {
    if (!same_job(v, gen) || next_of(v) >= end_of(v)) return false;
  } while (!w.compare_exchange_weak(v, v - (uint64_t{1} << kEndShift), std::memory_order_acq_rel,
                                    std::memory_order_acquire));
  *chunk = end_of(v) - 1;
  return true;
}

void ThreadPool::run_chunk(int64_t c, int part) {
  // Chunk c is ours: the job cannot finish before run_chunks counts it, so
  // its fields stay put.
  (*fn_)(c * n_ / chunks_, (c + 1) * n_ / chunks_, part);
}

// Thread `part` runs its own range of chunks in order, then takes chunks
// from the back of the others' ranges until none is left. Owning a fixed
// range keeps a thread on the same rows op after op (their data stay in
// its cache); stealing evens out a slow or descheduled thread.
void ThreadPool::run_chunks(uint64_t gen, int part) {
  int64_t c, ran = 0;
  while (claim_front(part, gen, &c)) run_chunk(c, part), ++ran;
  const int threads = num_threads();
  for (int i = 1; i < threads; ++i) {
    const int victim = (part + i) % threads;
    while (claim_back(victim, gen, &c)) run_chunk(c, part), ++ran;
  }
  // A worker that woke too late for its job ran nothing and must not
  // touch the count (the caller may have reset it for the next job).
  if (ran > 0) done_.fetch_add(ran, std::memory_order_acq_rel);
}

void ThreadPool::parallel_for(int64_t n, const std::function<void(int64_t, int64_t, int)>& fn, int64_t min_chunk) {
  if (n <= 0) return;
  // Even chunks: each at least min_chunk (n / chunks rounded down), and a
  // multiple of the thread count where there are that many (3 chunks on 2
  // threads would leave one thread a third of the work, idle).
  const int threads = num_threads();
  int64_t chunks = std::min<int64_t>(
      {threads * kChunksPerThread, std::max<int64_t>(1, n / std::max<int64_t>(min_chunk, 1)), int64_t{0xffff}});
  if (chunks >= threads) chunks = chunks / threads * threads;
  if (chunks <= 1 || workers_.empty()) {
    fn(0, n, 0);
    return;
  }
  fn_ = &fn;
  n_ = n;
  chunks_ = chunks;
  done_.store(0, std::memory_order_relaxed);
  const uint64_t gen = generation_.load(std::memory_order_relaxed) + 1;
  // Thread t owns chunks [t * chunks / threads, (t + 1) * chunks / threads).
  for (int t = 0; t < threads; ++t) {
    const uint64_t lo = static_cast<uint64_t>(t * chunks / threads);
    const uint64_t hi = static_cast<uint64_t>((t + 1) * chunks / threads);
    slots_[static_cast<size_t>(t)].word.store((gen & 0xffffffffu) << 32 | hi << kEndShift | lo,
                                              std::memory_order_release);
  }
  // Spinning workers see the generation change; only sleeping ones need
  // the wake-up call (a system call the caller would otherwise make
  // before starting on its own share). No lock unless one sleeps: the
  // store and the load are seq_cst, as the sleeper's count and check
  // (see worker).
  generation_.store(gen, std::memory_order_seq_cst);
  if (std::atomic_ref<int>(sleepers_).load(std::memory_order_seq_cst) > 0) {
    // Taking the lock orders this after a sleeper's check of the
    // generation: it is then either waiting (and woken) or sees it.
    { std::lock_guard<std::mutex> lock(mu_); }
    wake_.notify_all();
  }
  run_chunks(gen, 0);
  // Every chunk is claimed; wait for the ones workers are still running.
  // Spin (the others are usually within a few microseconds of done), and
  // only then give the core away: a sched_yield per check would add a
  // system call to the moment the last chunk is seen.
  for (int spins = 0; done_.load(std::memory_order_acquire) != chunks; ++spins) {
    if (spins < 4000)
      cpu_relax();
    else
      std::this_thread::yield();
  }
  fn_ = nullptr;
}

}  // namespace xlite
