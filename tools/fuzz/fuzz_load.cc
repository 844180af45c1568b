// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any byte string through load (read + verify) as a
// .tflite and as a compiled plan (.xlc), and, when it loads, through the
// statistics that walk every op and tensor. Must never
// crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>

#include "frontend/tflite/reader.h"
#include "frontend/xlc/plan_file.h"
#include "ir/stats.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto m = xlite::load_tflite_buffer({data, size});
  if (m.ok()) (void)xlite::compute_stats(m.value());
  auto p = xlite::load_plan_bytes(xlite::copy_bytes({data, size}));
  if (p.ok()) (void)xlite::compute_stats(p.value());
  return 0;
}
