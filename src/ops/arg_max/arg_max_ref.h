// SPDX-License-Identifier: Apache-2.0
// Reference ARG_MAX / ARG_MIN over the middle of an [outer, axis, inner]
// view. Only a strictly better value replaces the best so far, so ties pick
// the lowest index (as TFLite's ArgMinMax with std::greater / std::less).
#pragma once

#include <cstdint>

namespace xlite::ref {

template <typename T, typename Out>
void arg_min_max(const T* input, int64_t outer, int64_t axis_size, int64_t inner, bool is_max, Out* output) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < inner; ++k) {
      const T* base = input + o * axis_size * inner + k;
      T best = base[0];
      int64_t best_index = 0;
      for (int64_t a = 1; a < axis_size; ++a) {
        const T v = base[a * inner];
        if (is_max ? v > best : v < best) {
          best = v;
          best_index = a;
        }
      }
      output[o * inner + k] = static_cast<Out>(best_index);
    }
}

}  // namespace xlite::ref
