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

// While the caller is busy with its own range, an idle worker takes the
// other (the caller runs a range itself only if no worker has taken it by
// the time it is free).
TEST(ThreadPool, UsesSeveralThreadsAndRespectsMinChunk) {
  ThreadPool pool(2);
  std::mutex mu;
  std::set<std::thread::id> ids;
  int calls = 0;
  pool.parallel_for(100, [&](int64_t, int64_t, int part) {
    if (part == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::lock_guard<std::mutex> lock(mu);
    ids.insert(std::this_thread::get_id());
    ++calls;
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(ids.size(), 2u);
  calls = 0;
  pool.parallel_for(10, [&](int64_t b, int64_t e, int) {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(e - b, 10);
    ++calls;
  }, /*min_chunk=*/8);
  EXPECT_EQ(calls, 1);
}

// Each part runs once, on one thread at a time, whether a worker or the
// caller takes it: per-part state needs no lock. Back-to-back calls with
// work too short for the workers to wake for, and with work long enough.
TEST(ThreadPool, EachPartRunsOnceUnderAnySchedule) {
  ThreadPool pool(3);
  for (int rep = 0; rep < 2000; ++rep) {
    std::atomic<int> runs[3] = {0, 0, 0};
    std::atomic<int> busy[3] = {0, 0, 0};
    pool.parallel_for(30, [&](int64_t, int64_t, int part) {
      ASSERT_EQ(busy[part].fetch_add(1), 0);
      if (rep % 100 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
      runs[part].fetch_add(1);
      busy[part].fetch_sub(1);
    });
    for (int p = 0; p < 3; ++p) ASSERT_EQ(runs[p].load(), 1) << "rep " << rep << " part " << p;
  }
}

}  // namespace
}  // namespace xlite
