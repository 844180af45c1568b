// SPDX-License-Identifier: Apache-2.0
// The compiled plan file (.xlc): a model after the passes, saved so that
// loading it skips optimization. Layout (little-endian):
//
//   0   "XLITEPLN"                 magic
//   8   u32 format version (1)     u32 reserved (0)
//   16  u64 text offset, u64 text size   the text IR (ir/text.h), every
//                                        constant as `const @OFFSET+SIZE`
//   32  u64 data offset, u64 data size   the constants, 64-byte aligned
//
// Loading maps the file, checks every offset, parses the text with views
// into the data block and verifies the model like any other: a damaged or
// hostile .xlc is refused with an error, never trusted.
// Not kept: metadata and the description string of the source model.
#pragma once

#include <string>

#include "base/mapped_file.h"
#include "base/status.h"
#include "ir/graph.h"

namespace xlite {

// True when the file starts with the plan magic.
bool is_plan_file(const std::string& path);

// Fails if `path` exists and `overwrite` is false.
Status save_plan(const Model& model, const std::string& path, bool overwrite);
Result<Model> load_plan(const std::string& path);
// The same from bytes already in memory (kept alive by the model).
Result<Model> load_plan_bytes(std::shared_ptr<const Bytes> bytes);

}  // namespace xlite
