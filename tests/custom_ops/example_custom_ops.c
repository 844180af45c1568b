/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A library of custom-op kernels in plain C99, loaded by the tests with
 * `xlite run --custom-ops libxlite_test_custom_ops.so` (see
 * include/xlite/xlite_custom_op.h for the ABI):
 *
 *   XliteTestAffine   y = a * x + b elementwise on float32; custom_options
 *                     are two little-endian float32s {a, b}.
 *   XliteTestFailing  prepares like XliteTestAffine; invoke always fails
 *                     with a message.
 */
#include <stdlib.h>
#include <string.h>

#include "xlite/xlite_custom_op.h"

typedef struct Affine {
  float a, b;
} Affine;

static void* affine_init(XliteOpContext* ctx, const void* options, size_t size) {
  Affine* op;
  if (options == NULL || size != 2 * sizeof(float)) {
    xlite_op_report_error(ctx, "XliteTestAffine: custom_options must be two float32s {a, b}");
    return NULL;
  }
  op = (Affine*)malloc(sizeof(Affine));
  if (op != NULL) memcpy(op, options, sizeof(Affine));
  return op;
}

static void affine_free(void* user_data, void* op_data) {
  (void)user_data;
  free(op_data);
}

static XliteStatus affine_prepare(XliteOpContext* ctx, void* op_data) {
  (void)op_data;
  if (xlite_op_num_inputs(ctx) != 1 || xlite_op_num_outputs(ctx) != 1) {
    xlite_op_report_error(ctx, "XliteTestAffine takes 1 input and 1 output");
    return kXliteError;
  }
  if (xlite_op_input_type(ctx, 0) != kXliteFloat32) {
    xlite_op_report_error(ctx, "XliteTestAffine takes float32");
    return kXliteError;
  }
  if (xlite_op_set_output_type(ctx, 0, kXliteFloat32) != kXliteOk) return kXliteError;
  return xlite_op_set_output_shape(ctx, 0, xlite_op_input_dims(ctx, 0), xlite_op_input_rank(ctx, 0));
}

static XliteStatus affine_invoke(XliteOpContext* ctx, void* op_data) {
  const Affine* op = (const Affine*)op_data;
  const float* x = (const float*)xlite_op_input_data(ctx, 0);
  float* y = (float*)xlite_op_output_data(ctx, 0);
  size_t n = xlite_op_output_bytes(ctx, 0) / sizeof(float);
  size_t i;
  for (i = 0; i < n; ++i) y[i] = op->a * x[i] + op->b;
  return kXliteOk;
}

static XliteStatus failing_invoke(XliteOpContext* ctx, void* op_data) {
  (void)op_data;
  xlite_op_report_error(ctx, "XliteTestFailing always fails");
  return kXliteError;
}

#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int xlite_register_custom_ops(XliteCustomOpRegistry* registry) {
  XliteCustomOp affine;
  XliteCustomOp failing;
  memset(&affine, 0, sizeof affine);
  affine.init = affine_init;
  affine.free = affine_free;
  affine.prepare = affine_prepare;
  affine.invoke = affine_invoke;
  if (xlite_register_custom_op(registry, "XliteTestAffine", 1, &affine) != kXliteOk) return 1;
  failing = affine;
  failing.invoke = failing_invoke;
  if (xlite_register_custom_op(registry, "XliteTestFailing", 1, &failing) != kXliteOk) return 1;
  return 0;
}
