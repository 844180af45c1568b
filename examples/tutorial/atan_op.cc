// SPDX-License-Identifier: Apache-2.0
// Tutorial 3: a kernel for the custom op "Atan" (what the TensorFlow Lite
// converter emits for tf.atan with allow_custom_ops=True), written in C++
// against xlite's custom-op ABI. Built as a shared library
// (build/examples/libtutorial_atan_op.so) and loaded with
//   xlite run --custom-ops build/examples/libtutorial_atan_op.so model.tflite
// or xlite.Interpreter(..., custom_op_libraries=[path]).
#include <cmath>
#include <cstdint>

#include "xlite/xlite_custom_op.h"

namespace {

// One float32 input, one output of the same shape.
XliteStatus atan_prepare(XliteOpContext* ctx, void*) {
  if (xlite_op_num_inputs(ctx) != 1 || xlite_op_num_outputs(ctx) != 1) {
    xlite_op_report_error(ctx, "Atan takes one input and gives one output");
    return kXliteError;
  }
  if (xlite_op_input_type(ctx, 0) != kXliteFloat32) {
    xlite_op_report_error(ctx, "Atan supports float32 only");
    return kXliteError;
  }
  if (xlite_op_set_output_type(ctx, 0, kXliteFloat32) != kXliteOk) return kXliteError;
  return xlite_op_set_output_shape(ctx, 0, xlite_op_input_dims(ctx, 0), xlite_op_input_rank(ctx, 0));
}

XliteStatus atan_invoke(XliteOpContext* ctx, void*) {
  const float* in = static_cast<const float*>(xlite_op_input_data(ctx, 0));
  float* out = static_cast<float*>(xlite_op_output_data(ctx, 0));
  const size_t n = xlite_op_input_bytes(ctx, 0) / sizeof(float);
  for (size_t i = 0; i < n; ++i) out[i] = std::atan(in[i]);
  return kXliteOk;
}

}  // namespace

// The one symbol the library exports (the build hides the rest).
extern "C" __attribute__((visibility("default"))) int xlite_register_custom_ops(XliteCustomOpRegistry* registry) {
  XliteCustomOp op{};
  op.prepare = atan_prepare;
  op.invoke = atan_invoke;
  return xlite_register_custom_op(registry, "Atan", 1, &op) == kXliteOk ? 0 : 1;
}
