/* SPDX-License-Identifier: Apache-2.0 */
/* xlite's C API (libxlite.so), shaped like TensorFlow Lite's C API
 * (tensorflow/lite/core/c/c_api.h) with the prefix Xlite instead of TfLite,
 * so that code written for one ports to the other by renaming.
 *
 *   XliteModel* model = XliteModelCreateFromFile("model.tflite");
 *   XliteInterpreterOptions* options = XliteInterpreterOptionsCreate();
 *   XliteInterpreterOptionsSetNumThreads(options, 2);
 *   XliteInterpreter* interpreter = XliteInterpreterCreate(model, options);
 *   XliteInterpreterAllocateTensors(interpreter);
 *   XliteTensor* input = XliteInterpreterGetInputTensor(interpreter, 0);
 *   XliteTensorCopyFromBuffer(input, data, size);
 *   XliteInterpreterInvoke(interpreter);
 *   const XliteTensor* output = XliteInterpreterGetOutputTensor(interpreter, 0);
 *   XliteTensorCopyToBuffer(output, result, result_size);
 *   XliteInterpreterDelete(interpreter);
 *   XliteInterpreterOptionsDelete(options);
 *   XliteModelDelete(model);
 *
 * Differences from TFLite worth knowing:
 * - Every function checks its arguments: a NULL handle, an index out of
 *   range or a wrong byte count returns kXliteError (or NULL / 0 / -1) and
 *   is reported, never a crash.
 * - The error reporter receives the formatted message, not a format
 *   string and va_list.
 * - The model is compiled (the optimizing passes) at interpreter creation
 *   unless XliteInterpreterOptionsSetCompile(options, 0).
 * - Tensors of a model's inputs and outputs stay valid as handles for the
 *   interpreter's lifetime; their data pointer changes on resize/allocate.
 *
 * Every exported symbol carries the version node XLITE_0.1.
 * The header is C99 and C++ compatible. */
#ifndef XLITE_XLITE_C_H_
#define XLITE_XLITE_C_H_

#include <stddef.h>
#include <stdint.h>

/* XliteType (numbered as TfLiteType) and XliteStatus (kXliteOk,
 * kXliteError) are shared with the custom-op ABI. */
#include "xlite_custom_op.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define XLITE_CAPI_EXPORT __attribute__((visibility("default")))
#else
#define XLITE_CAPI_EXPORT
#endif

/* Per-tensor quantization: real = scale * (q - zero_point). scale 0 when
 * the tensor is not quantized or is quantized per axis. */
typedef struct XliteQuantizationParams {
  float scale;
  int32_t zero_point;
} XliteQuantizationParams;

typedef struct XliteModel XliteModel;
typedef struct XliteInterpreterOptions XliteInterpreterOptions;
typedef struct XliteInterpreter XliteInterpreter;
typedef struct XliteTensor XliteTensor;
typedef struct XliteSignatureRunner XliteSignatureRunner;

/* Receives one formatted message per error. */
typedef void (*XliteErrorReporter)(void* user_data, const char* message);

/* "0.1.0" */
XLITE_CAPI_EXPORT const char* XliteVersion(void);
XLITE_CAPI_EXPORT const char* XliteTypeGetName(XliteType type);

/* --- model: read and verified; NULL on failure. The data is copied. */
XLITE_CAPI_EXPORT XliteModel* XliteModelCreate(const void* model_data, size_t model_size);
XLITE_CAPI_EXPORT XliteModel* XliteModelCreateWithErrorReporter(const void* model_data, size_t model_size,
                                                                XliteErrorReporter reporter, void* user_data);
XLITE_CAPI_EXPORT XliteModel* XliteModelCreateFromFile(const char* model_path);
XLITE_CAPI_EXPORT XliteModel* XliteModelCreateFromFileWithErrorReporter(const char* model_path,
                                                                        XliteErrorReporter reporter,
                                                                        void* user_data);
XLITE_CAPI_EXPORT void XliteModelDelete(XliteModel* model);

/* --- options */
XLITE_CAPI_EXPORT XliteInterpreterOptions* XliteInterpreterOptionsCreate(void);
XLITE_CAPI_EXPORT void XliteInterpreterOptionsDelete(XliteInterpreterOptions* options);
/* Threads that split each kernel's work; values < 1 mean 1. */
XLITE_CAPI_EXPORT void XliteInterpreterOptionsSetNumThreads(XliteInterpreterOptions* options, int32_t num_threads);
XLITE_CAPI_EXPORT void XliteInterpreterOptionsSetErrorReporter(XliteInterpreterOptions* options,
                                                               XliteErrorReporter reporter, void* user_data);
/* 1 (default): run the optimizing passes first; 0: run the model as read. */
XLITE_CAPI_EXPORT void XliteInterpreterOptionsSetCompile(XliteInterpreterOptions* options, int32_t compile);
/* 1: every op on its reference kernel (slow; for checking). */
XLITE_CAPI_EXPORT void XliteInterpreterOptionsSetUseReferenceKernels(XliteInterpreterOptions* options,
                                                                     int32_t reference);
/* Custom operators (xlite_custom_op.h), beside the built-in ones, which
 * run without registration. A library exporting xlite_register_custom_ops
 * (as the CLI's --custom-ops), loaded by XliteInterpreterCreate: */
XLITE_CAPI_EXPORT void XliteInterpreterOptionsAddCustomOpLibrary(XliteInterpreterOptions* options,
                                                                 const char* path);
/* One kernel for CUSTOM ops named `name` (version 0: any version); *op is
 * copied. A failure (e.g. no invoke) surfaces at XliteInterpreterCreate. */
XLITE_CAPI_EXPORT void XliteInterpreterOptionsAddCustomOp(XliteInterpreterOptions* options, const char* name,
                                                          int32_t version, const XliteCustomOp* op);

/* --- interpreter: NULL on failure (reported to the options' reporter).
 * The model may be deleted once the interpreter exists. options may be
 * NULL (defaults). */
XLITE_CAPI_EXPORT XliteInterpreter* XliteInterpreterCreate(const XliteModel* model,
                                                           const XliteInterpreterOptions* options);
XLITE_CAPI_EXPORT void XliteInterpreterDelete(XliteInterpreter* interpreter);
/* The message of the interpreter's last failed call ("" if none). */
XLITE_CAPI_EXPORT const char* XliteInterpreterGetLastError(const XliteInterpreter* interpreter);

XLITE_CAPI_EXPORT int32_t XliteInterpreterGetInputTensorCount(const XliteInterpreter* interpreter);
XLITE_CAPI_EXPORT XliteTensor* XliteInterpreterGetInputTensor(const XliteInterpreter* interpreter,
                                                              int32_t input_index);
XLITE_CAPI_EXPORT int32_t XliteInterpreterGetOutputTensorCount(const XliteInterpreter* interpreter);
XLITE_CAPI_EXPORT const XliteTensor* XliteInterpreterGetOutputTensor(const XliteInterpreter* interpreter,
                                                                     int32_t output_index);
/* Any dims of any rank (as TfLiteInterpreterResizeInputTensor); the
 * tensors must be allocated again before invoking. */
XLITE_CAPI_EXPORT XliteStatus XliteInterpreterResizeInputTensor(XliteInterpreter* interpreter, int32_t input_index,
                                                                const int* input_dims, int32_t input_dims_size);
XLITE_CAPI_EXPORT XliteStatus XliteInterpreterAllocateTensors(XliteInterpreter* interpreter);
XLITE_CAPI_EXPORT XliteStatus XliteInterpreterInvoke(XliteInterpreter* interpreter);

/* --- tensors */
XLITE_CAPI_EXPORT XliteType XliteTensorType(const XliteTensor* tensor);
XLITE_CAPI_EXPORT int32_t XliteTensorNumDims(const XliteTensor* tensor);
XLITE_CAPI_EXPORT int32_t XliteTensorDim(const XliteTensor* tensor, int32_t dim_index);
XLITE_CAPI_EXPORT size_t XliteTensorByteSize(const XliteTensor* tensor);
XLITE_CAPI_EXPORT void* XliteTensorData(const XliteTensor* tensor);
XLITE_CAPI_EXPORT const char* XliteTensorName(const XliteTensor* tensor);
XLITE_CAPI_EXPORT XliteQuantizationParams XliteTensorQuantizationParams(const XliteTensor* tensor);
/* input_data_size must equal XliteTensorByteSize. */
XLITE_CAPI_EXPORT XliteStatus XliteTensorCopyFromBuffer(XliteTensor* tensor, const void* input_data,
                                                        size_t input_data_size);
XLITE_CAPI_EXPORT XliteStatus XliteTensorCopyToBuffer(const XliteTensor* output_tensor, void* output_data,
                                                      size_t output_data_size);

/* --- signatures (the model's SignatureDefs) */
XLITE_CAPI_EXPORT int32_t XliteInterpreterGetSignatureCount(const XliteInterpreter* interpreter);
XLITE_CAPI_EXPORT const char* XliteInterpreterGetSignatureKey(const XliteInterpreter* interpreter,
                                                              int32_t signature_index);
/* NULL if the key is unknown. Runners share the interpreter's state: one
 * call at a time across an interpreter and its runners. Delete each runner
 * before its interpreter. */
XLITE_CAPI_EXPORT XliteSignatureRunner* XliteInterpreterGetSignatureRunner(const XliteInterpreter* interpreter,
                                                                           const char* signature_key);
XLITE_CAPI_EXPORT size_t XliteSignatureRunnerGetInputCount(const XliteSignatureRunner* signature_runner);
XLITE_CAPI_EXPORT const char* XliteSignatureRunnerGetInputName(const XliteSignatureRunner* signature_runner,
                                                               int32_t input_index);
XLITE_CAPI_EXPORT XliteStatus XliteSignatureRunnerResizeInputTensor(XliteSignatureRunner* signature_runner,
                                                                    const char* input_name, const int* input_dims,
                                                                    int32_t input_dims_size);
XLITE_CAPI_EXPORT XliteStatus XliteSignatureRunnerAllocateTensors(XliteSignatureRunner* signature_runner);
XLITE_CAPI_EXPORT XliteTensor* XliteSignatureRunnerGetInputTensor(XliteSignatureRunner* signature_runner,
                                                                  const char* input_name);
XLITE_CAPI_EXPORT XliteStatus XliteSignatureRunnerInvoke(XliteSignatureRunner* signature_runner);
XLITE_CAPI_EXPORT size_t XliteSignatureRunnerGetOutputCount(const XliteSignatureRunner* signature_runner);
XLITE_CAPI_EXPORT const char* XliteSignatureRunnerGetOutputName(const XliteSignatureRunner* signature_runner,
                                                                int32_t output_index);
XLITE_CAPI_EXPORT const XliteTensor* XliteSignatureRunnerGetOutputTensor(const XliteSignatureRunner* signature_runner,
                                                                         const char* output_name);
XLITE_CAPI_EXPORT void XliteSignatureRunnerDelete(XliteSignatureRunner* signature_runner);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XLITE_XLITE_C_H_ */
