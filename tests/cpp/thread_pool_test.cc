// SPDX-License-Identifier: Apache-2.0
#include "base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <mutex>
#include <set>

namespace xlite {
namespace {

// Every index is covered exactly once, for sizes below, at and above the
// thread count, many times over (the pool is reused call after call).
TEST(ThreadPool, CoversEveryIndexOnce) {
  for (int threads : {1, 2, 3, 4}) {
    ThreadPool pool(threads);
    EXPECT_EQ(pool.num_threads(), threads);
    for (int64_t n : {0, 1, 2, 3, 5, 17, 1000}) {
      for (int rep = 0; rep < 50; ++rep) {
        std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
        pool.parallel_for(n, [&](int64_t b, int64_t e, int part) {
          ASSERT_LT(part, threads);
          ASSERT_LE(0, b);
          ASSERT_LE(b, e);
          ASSERT_LE(e, n);
          for (int64_t i = b; i < e; ++i) hits[i].fetch_add(1);
        });
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(hits[i].load(), 1) << threads << " " << n << " " << i;
      }
    }
  }
}

// When every chunk takes a while (20 ms), both threads run some (a
// spinning worker could otherwise finish short chunks before the caller
// starts); a range shorter than two min_chunks stays one call.
TEST(ThreadPool, UsesSeveralThreadsAndRespectsMinChunk) {
  ThreadPool pool(2);
  std::mutex mu;
  std::set<std::thread::id> ids;
  int64_t covered = 0;
  pool.parallel_for(100, [&](int64_t b, int64_t e, int) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard<std::mutex> lock(mu);
    ids.insert(std::this_thread::get_id());
    covered += e - b;
  });
  EXPECT_EQ(covered, 100);
  EXPECT_EQ(ids.size(), 2u);
  int calls = 0;
  pool.parallel_for(10, [&](int64_t b, int64_t e, int) {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(e - b, 10);
    ++calls;
  }, /*min_chunk=*/6);
  EXPECT_EQ(calls, 1);
  // Every chunk is at least min_chunk long.
  pool.parallel_for(1000, [&](int64_t b, int64_t e, int) { EXPECT_GE(e - b, 70); }, /*min_chunk=*/70);
  // Three min_chunks' worth on two threads: two even halves, not three
  // chunks of which one thread would run two.
  std::vector<int64_t> lengths;
  pool.parallel_for(196, [&](int64_t b, int64_t e, int) {
    std::lock_guard<std::mutex> lock(mu);
    lengths.push_back(e - b);
  }, /*min_chunk=*/64);
  EXPECT_EQ(lengths, (std::vector<int64_t>{98, 98}));
}

// A part's chunks run one at a time, on the thread the part names (0 the
// caller), whether the work is too short for the workers to wake for or
// long enough: per-part state needs no lock. Back-to-back calls.
TEST(ThreadPool, APartNeverRunsTwiceAtOnce) {
  ThreadPool pool(3);
  const std::thread::id caller = std::this_thread::get_id();
  for (int rep = 0; rep < 2000; ++rep) {
    std::atomic<int> busy[3] = {0, 0, 0};
    std::atomic<int64_t> covered{0};
    pool.parallel_for(30, [&](int64_t b, int64_t e, int part) {
      ASSERT_EQ(busy[part].fetch_add(1), 0);
      ASSERT_EQ(part == 0, std::this_thread::get_id() == caller);
      if (rep % 100 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
      covered += e - b;
      busy[part].fetch_sub(1);
    });
    ASSERT_EQ(covered.load(), 30) << "rep " << rep;
  }
}

// A slow thread takes fewer chunks: with one thread stalled on the first
// chunk (the caller or the worker, whichever claimed it), the other runs
// all or nearly all the others.
TEST(ThreadPool, ASlowThreadTakesFewerChunks) {
  ThreadPool pool(2);
  std::atomic<int> chunks[2] = {0, 0};
  std::atomic<int> slow{-1};
  pool.parallel_for(800, [&](int64_t b, int64_t, int part) {
    if (b == 0) {
      slow = part;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } else {
      // Not instant: a spinning worker cannot finish them all before
      // the caller starts.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    chunks[part].fetch_add(1);
  });
  ASSERT_GE(slow.load(), 0);
  EXPECT_EQ(chunks[0].load() + chunks[1].load(), 8);
  EXPECT_GE(chunks[1 - slow.load()].load(), 6);
}

// Each thread starts on its own share of the chunks, in order (the caller
// the first, the worker the second half), so back-to-back ops over the same
// rows keep them on one thread; the worker may find its share stolen (when
// it wakes late) but never starts anywhere else.
TEST(ThreadPool, EachThreadStartsOnItsOwnRange) {
  ThreadPool pool(2);
  int worker_started_own = 0;
  for (int rep = 0; rep < 20; ++rep) {
    std::mutex mu;
    std::vector<int64_t> first(2, -1);
    pool.parallel_for(800, [&](int64_t b, int64_t, int part) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (first[part] < 0) first[part] = b / 100;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    });
    EXPECT_EQ(first[0], 0) << "rep " << rep;
    EXPECT_TRUE(first[1] == -1 || first[1] == 4) << "rep " << rep << ": the worker started on chunk " << first[1];
    worker_started_own += first[1] == 4;
  }
  EXPECT_GT(worker_started_own, 0);
}

// Workers that have gone to sleep (no job for well past their spin) are
// woken by the next job, job after job: in each, the first chunk waits
// (up to 2 s) until the worker has taken the second, so a lost wake-up
// shows as a job the caller had to finish alone. With several pools,
// threads, and jobs both back to back and after a sleep.
TEST(ThreadPool, ASleepingWorkerWakesForTheNextJob) {
  for (int threads : {2, 3}) {
    ThreadPool pool(threads);
    int alone = 0;
    for (int rep = 0; rep < 30; ++rep) {
      if (rep % 2 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));  // past the spin
      std::atomic<int> other_parts{0};
      pool.parallel_for(threads, [&](int64_t b, int64_t, int part) {
        if (part != 0) other_parts.fetch_add(1);
        if (b != 0) return;
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (other_parts.load() == 0 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
      });
      alone += other_parts.load() == 0;
    }
    EXPECT_EQ(alone, 0) << threads << " threads";
  }
}

}  // namespace
}  // namespace xlite
