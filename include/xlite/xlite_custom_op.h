/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Custom operators for xlite: a kernel for a TFLite CUSTOM op, found by its
 * name (OperatorCode.custom_code) and version, shaped like TFLite's
 * TfLiteRegistration (init / free / prepare / invoke).
 *
 * C99 and C++; no link-time dependency on xlite. Every call below is a
 * static inline function that goes through a table of function pointers
 * the host hands over, so a shared library of kernels needs no xlite
 * symbols: the same .so works from the `xlite` CLI, the C API and Python.
 *
 * A library of kernels exports one C function:
 *
 *   int xlite_register_custom_ops(XliteCustomOpRegistry* registry) {
 *     XliteCustomOp op = {0};
 *     op.prepare = my_prepare;
 *     op.invoke = my_invoke;
 *     return xlite_register_custom_op(registry, "MyOp", 1, &op);
 *   }
 *
 * and is loaded with `xlite run --custom-ops lib.so model.tflite` (also
 * bench, inspect, compile). It returns 0 on success; anything else is an
 * error (xlite_registry_error() says why). From C++,
 * xlite::CustomOpRegistry (src/runtime/custom_ops.h) takes the same struct.
 *
 * Lifetimes: `options` bytes given to init and every pointer an accessor
 * returns are valid during that callback only (data pointers: until the
 * next prepare). A loaded library is never unloaded.
 */
#ifndef XLITE_XLITE_CUSTOM_OP_H_
#define XLITE_XLITE_CUSTOM_OP_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when a table below changes incompatibly; new functions are only
 * ever appended to the tables, so a library built against an older header
 * keeps working. */
#define XLITE_CUSTOM_OP_ABI_VERSION 1

/* Element types, numbered as TFLite's C API numbers TfLiteType. */
typedef enum XliteType {
  kXliteNoType = 0,
  kXliteFloat32 = 1,
  kXliteInt32 = 2,
  kXliteUInt8 = 3,
  kXliteInt64 = 4,
  kXliteString = 5,
  kXliteBool = 6,
  kXliteInt16 = 7,
  kXliteComplex64 = 8,
  kXliteInt8 = 9,
  kXliteFloat16 = 10,
  kXliteFloat64 = 11,
  kXliteComplex128 = 12,
  kXliteUInt64 = 13,
  kXliteResource = 14,
  kXliteVariant = 15,
  kXliteUInt32 = 16,
  kXliteUInt16 = 17,
  kXliteInt4 = 18,
  kXliteBFloat16 = 19
} XliteType;

typedef enum XliteStatus { kXliteOk = 0, kXliteError = 1 } XliteStatus;

/* Affine quantization of a tensor: real = scale * (q - zero_point).
 * count == 0: not quantized; count == 1: per tensor; count > 1: per axis
 * along quantized_dimension. */
typedef struct XliteQuantization {
  const float* scales;
  const int64_t* zero_points;
  int32_t count;
  int32_t quantized_dimension;
} XliteQuantization;

/* One op instance being run; opaque (use the functions below). */
typedef struct XliteOpContext XliteOpContext;

typedef struct XliteCustomOp {
  /* Once per op instance, before the first prepare. `options` are the op's
   * custom_options bytes (often a flexbuffer; may be NULL when size is 0).
   * Returns the instance's state, handed to every later call as op_data
   * (NULL is fine). Report a problem with xlite_op_report_error. May be
   * NULL. */
  void* (*init)(XliteOpContext* ctx, const void* options, size_t size);
  /* Releases what init returned. May be NULL. */
  void (*free)(void* user_data, void* op_data);
  /* Whenever input shapes are (re)known: check the inputs, set each
   * output's type and shape (outputs keep the model's declared ones
   * otherwise). Input data is readable here only for constant inputs
   * (xlite_op_input_data returns NULL otherwise). May be NULL. */
  XliteStatus (*prepare)(XliteOpContext* ctx, void* op_data);
  /* Computes the outputs. Required. */
  XliteStatus (*invoke)(XliteOpContext* ctx, void* op_data);
  /* Handed back by xlite_op_user_data(), e.g. a closure's environment. */
  void* user_data;
} XliteCustomOp;

/* The host's side: tables of functions. Use the inline wrappers below. */
typedef struct XliteOpContextApi {
  uint32_t abi_version;
  uint32_t size; /* sizeof the host's table: newer entries exist if larger */
  int (*num_inputs)(const XliteOpContext* ctx);
  int (*num_outputs)(const XliteOpContext* ctx);
  /* Tensor accessors: `output` 0 for inputs, 1 for outputs. */
  int (*exists)(const XliteOpContext* ctx, int output, int index);
  XliteType (*type)(const XliteOpContext* ctx, int output, int index);
  int (*rank)(const XliteOpContext* ctx, int output, int index);
  const int32_t* (*dims)(const XliteOpContext* ctx, int output, int index);
  void* (*data)(XliteOpContext* ctx, int output, int index);
  size_t (*bytes)(const XliteOpContext* ctx, int output, int index);
  XliteQuantization (*quantization)(const XliteOpContext* ctx, int output, int index);
  XliteStatus (*set_output_type)(XliteOpContext* ctx, int index, XliteType type);
  XliteStatus (*set_output_shape)(XliteOpContext* ctx, int index, const int32_t* dims, int rank);
  void (*report_error)(XliteOpContext* ctx, const char* message);
  void* (*user_data)(const XliteOpContext* ctx);
  const char* (*op_name)(const XliteOpContext* ctx);
  int (*op_version)(const XliteOpContext* ctx);
} XliteOpContextApi;

/* The first member of every XliteOpContext the host passes; the rest of
 * the context is the host's and not to be touched. */
struct XliteOpContext {
  const XliteOpContextApi* api;
};

typedef struct XliteCustomOpRegistry XliteCustomOpRegistry;

typedef struct XliteRegistryApi {
  uint32_t abi_version;
  uint32_t size;
  /* op_size = sizeof(XliteCustomOp) as the library saw it. */
  XliteStatus (*register_op)(XliteCustomOpRegistry* registry, const char* name, int version,
                             const XliteCustomOp* op, size_t op_size, uint32_t abi_version);
  const char* (*error)(const XliteCustomOpRegistry* registry);
} XliteRegistryApi;

struct XliteCustomOpRegistry {
  const XliteRegistryApi* api;
};

/* Version 0 matches a CUSTOM op of any version; otherwise the model's
 * OperatorCode.version must equal `version`. Registering a name+version
 * again replaces the earlier kernel. */
static inline XliteStatus xlite_register_custom_op(XliteCustomOpRegistry* registry, const char* name,
                                                   int version, const XliteCustomOp* op) {
  return registry->api->register_op(registry, name, version, op, sizeof(XliteCustomOp),
                                    XLITE_CUSTOM_OP_ABI_VERSION);
}
/* Why the last registration failed ("" if it did not). */
static inline const char* xlite_registry_error(const XliteCustomOpRegistry* registry) {
  return registry->api->error(registry);
}

/* The name the library must export (see the top of this file). */
#define XLITE_REGISTER_CUSTOM_OPS_SYMBOL "xlite_register_custom_ops"
typedef int (*XliteRegisterCustomOpsFn)(XliteCustomOpRegistry* registry);
/* Defined by a kernel library (never by xlite); declared here so the
 * library's definition has a prototype. */
int xlite_register_custom_ops(XliteCustomOpRegistry* registry);

static inline int xlite_op_num_inputs(const XliteOpContext* c) { return c->api->num_inputs(c); }
static inline int xlite_op_num_outputs(const XliteOpContext* c) { return c->api->num_outputs(c); }
/* 0 for an absent optional input (index -1 in the model) or out of range. */
static inline int xlite_op_input_exists(const XliteOpContext* c, int i) { return c->api->exists(c, 0, i); }
static inline XliteType xlite_op_input_type(const XliteOpContext* c, int i) { return c->api->type(c, 0, i); }
static inline int xlite_op_input_rank(const XliteOpContext* c, int i) { return c->api->rank(c, 0, i); }
static inline const int32_t* xlite_op_input_dims(const XliteOpContext* c, int i) { return c->api->dims(c, 0, i); }
static inline const void* xlite_op_input_data(XliteOpContext* c, int i) { return c->api->data(c, 0, i); }
static inline size_t xlite_op_input_bytes(const XliteOpContext* c, int i) { return c->api->bytes(c, 0, i); }
static inline XliteQuantization xlite_op_input_quantization(const XliteOpContext* c, int i) {
  return c->api->quantization(c, 0, i);
}
static inline XliteType xlite_op_output_type(const XliteOpContext* c, int i) { return c->api->type(c, 1, i); }
static inline int xlite_op_output_rank(const XliteOpContext* c, int i) { return c->api->rank(c, 1, i); }
static inline const int32_t* xlite_op_output_dims(const XliteOpContext* c, int i) { return c->api->dims(c, 1, i); }
/* NULL during prepare (outputs have no storage yet). */
static inline void* xlite_op_output_data(XliteOpContext* c, int i) { return c->api->data(c, 1, i); }
static inline size_t xlite_op_output_bytes(const XliteOpContext* c, int i) { return c->api->bytes(c, 1, i); }
static inline XliteQuantization xlite_op_output_quantization(const XliteOpContext* c, int i) {
  return c->api->quantization(c, 1, i);
}
/* In prepare only. */
static inline XliteStatus xlite_op_set_output_type(XliteOpContext* c, int i, XliteType t) {
  return c->api->set_output_type(c, i, t);
}
static inline XliteStatus xlite_op_set_output_shape(XliteOpContext* c, int i, const int32_t* dims, int rank) {
  return c->api->set_output_shape(c, i, dims, rank);
}
/* Records why the callback is about to fail; xlite adds the op's place. */
static inline void xlite_op_report_error(XliteOpContext* c, const char* message) { c->api->report_error(c, message); }
static inline void* xlite_op_user_data(const XliteOpContext* c) { return c->api->user_data(c); }
static inline const char* xlite_op_name(const XliteOpContext* c) { return c->api->op_name(c); }
static inline int xlite_op_version(const XliteOpContext* c) { return c->api->op_version(c); }

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* XLITE_XLITE_CUSTOM_OP_H_ */
