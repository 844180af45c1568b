// SPDX-License-Identifier: Apache-2.0
// The text form of the IR: the debug dump (`xlite compile --dump-after`)
// and the format of pass golden tests. print(parse(s)) == s.
//
//   subgraph 0 "main" {
//     %0 "x": float32[1,4] sig[-1,4] = input
//     %1 "w": int8[2,4] q(axis=0, [0.5,0.25], [0,0]) = const [1, 2, 3, 4, 5, 6, 7, 8]
//     %2: int32[2] = const <8 bytes>           (data elided: cannot be parsed)
//     %3 "y": float32[1,2] = FULLY_CONNECTED(%0, %1, _) {fused_activation_function=1}
//     return %3
//   }
//   signature "serving_default" subgraph 0 inputs("x"=%0) outputs("y"=%3)
//
// A tensor is declared once: as a graph input, a constant, a variable, an
// op's output, or `unused`. `_` is an absent optional input. Attribute
// values keep their type: 1 is an int, 1.0 a float, f[...] a float list.
// Constants print their values when they have at most
// `max_inline_elements` elements (float32 and integer types as numbers,
// other types as hex bytes); larger ones print their size only.
// Not represented: quantization min/max, sparsity, metadata.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "ir/graph.h"

namespace xlite {

struct PrintOptions {
  int64_t max_inline_elements = 16;
  // When set, every constant is written as `const @OFFSET+SIZE` and its
  // bytes are appended here (each at a 64-byte aligned offset): the text
  // plus this blob is the compiled plan file (frontend/xlc).
  std::vector<uint8_t>* external = nullptr;
};

std::string print_graph(const Model& model, int subgraph, const PrintOptions& options = {});
std::string print_model(const Model& model, const PrintOptions& options = {});

// Errors name the line and what was expected. Constant data is owned by the
// returned Model. The result is not verified: call verify().
Result<Model> parse_model(std::string_view text);
// The same, with `const @OFFSET+SIZE` constants viewing `external` (range
// checked); `storage` keeps those bytes alive with the model.
Result<Model> parse_model(std::string_view text, std::span<const uint8_t> external,
                          std::shared_ptr<const Bytes> storage);

}  // namespace xlite
