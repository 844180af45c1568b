// SPDX-License-Identifier: Apache-2.0
// Test helpers: run a float graph with one input through an Executor (fast
// kernels, the graph as given) and compare float outputs at 1e-5 of each
// output's scale.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "runtime/executor.h"

namespace xlite::testing {

inline std::vector<std::vector<float>> run(const Model& m, const std::vector<float>& x, std::string* err) {
  auto ex = Executor::create(std::make_shared<const Model>(m));
  if (!ex.ok()) {
    *err = ex.status().message();
    return {};
  }
  std::memcpy((*ex)->input(0).data, x.data(), x.size() * 4);
  Status st = (*ex)->invoke();
  if (!st.ok()) {
    *err = st.message();
    return {};
  }
  std::vector<std::vector<float>> outs;
  for (int i = 0; i < (*ex)->num_outputs(); ++i) {
    const RtTensor& t = (*ex)->output(i);
    outs.emplace_back(t.as<float>(), t.as<float>() + t.num_elements());
  }
  return outs;
}

inline void expect_close(const std::vector<std::vector<float>>& want, const std::vector<std::vector<float>>& got,
                  const std::string& what) {
  ASSERT_EQ(want.size(), got.size()) << what;
  for (size_t o = 0; o < want.size(); ++o) {
    ASSERT_EQ(want[o].size(), got[o].size()) << what;
    float scale = 0;
    for (float v : want[o]) scale = std::max(scale, std::fabs(v));
    for (size_t i = 0; i < want[o].size(); ++i)
      ASSERT_LE(std::fabs(want[o][i] - got[o][i]), 1e-5f * std::max(scale, 1e-6f)) << what << " output " << o << " [" << i << "]";
  }
}

}  // namespace xlite::testing
