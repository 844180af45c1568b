// SPDX-License-Identifier: Apache-2.0
// .tflite -> IR. The reader trusts nothing: it runs the flatbuffers Verifier,
// then checks every index and offset it follows while building the Model, so
// a broken file becomes one error line, never a crash or a huge allocation.
// load_tflite_* also runs ir::verify on the result.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "base/mapped_file.h"
#include "base/status.h"
#include "ir/graph.h"

namespace xlite {

// Builds the IR without the semantic checks of verify(); for tools that want
// to look at a model that does not verify.
Result<Model> read_tflite(std::shared_ptr<const Bytes> bytes);

// read + verify.
Result<Model> load_tflite(std::shared_ptr<const Bytes> bytes);
Result<Model> load_tflite_file(const std::string& path);
Result<Model> load_tflite_buffer(std::span<const uint8_t> bytes);

}  // namespace xlite
