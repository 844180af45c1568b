/* SPDX-License-Identifier: Apache-2.0 */
/* The C API (include/xlite/xlite_c.h) from C, on models/digits:
 *   c_api_test SOURCE_DIR [OUT_DIR]
 * - each held-out sample (models/digits/sample_<k>_label<L>.npy) is
 *   classified as L by the float and the int8 model;
 * - the compiled model on two threads agrees with the model as read on the
 *   reference kernels (float within 1e-5 of the largest score, int8 exact);
 * - resizing: the digits models refuse batch 3 at allocation (their RESHAPE
 *   fixes the batch, as in LiteRT) and run again at batch 1; a convolution
 *   model at batch 3 gives each sample's batch-1 result;
 * - the signature runner gives the plain interpreter's scores, and the
 *   multi-signature model's "add" adds;
 * - NULL handles, a missing file, a corrupt buffer, wrong indices and byte
 *   counts return errors and reach the error reporter.
 * With OUT_DIR the scores are written as raw files (<model>_<k>.bin) for
 * tests/python/test_c_api.py to compare against LiteRT.
 * Exit status 0 when every check passed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlite/xlite_c.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                   \
  do {                                                     \
    ++checks;                                              \
    if (!(cond)) {                                         \
      ++failures;                                          \
      fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                        \
      fprintf(stderr, "\n");                               \
    }                                                      \
  } while (0)

/* Counts reports and keeps the last one. */
typedef struct Reports {
  int count;
  char last[512];
} Reports;

static void reporter(void* user_data, const char* message) {
  Reports* r = (Reports*)user_data;
  r->count++;
  strncpy(r->last, message, sizeof(r->last) - 1);
  r->last[sizeof(r->last) - 1] = '\0';
}

#define N_SAMPLES 5
static const char* kSamples[N_SAMPLES] = {"sample_0_label0", "sample_1_label7", "sample_2_label3", "sample_3_label8",
                                          "sample_4_label5"};
static const int kLabels[N_SAMPLES] = {0, 7, 3, 8, 5};
enum { kPixels = 28 * 28, kClasses = 10 };

/* A float32 .npy of 784 elements (format 1.0: magic, version, u16 header
 * length, header, data). */
static int read_sample(const char* dir, const char* name, float* out) {
  char path[1024];
  unsigned char head[10];
  FILE* f;
  size_t header_len;
  int ok;
  snprintf(path, sizeof(path), "%s/models/digits/%s.npy", dir, name);
  f = fopen(path, "rb");
  if (!f) return 0;
  ok = fread(head, 1, 10, f) == 10 && memcmp(head, "\x93NUMPY", 6) == 0 && head[6] == 1;
  header_len = (size_t)head[8] | ((size_t)head[9] << 8);
  ok = ok && fseek(f, (long)(10 + header_len), SEEK_SET) == 0 &&
       fread(out, sizeof(float), kPixels, f) == (size_t)kPixels;
  fclose(f);
  return ok;
}

static void* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  void* data;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = malloc((size_t)n);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return data;
}

/* Fills an input tensor (float32 or int8) with `batch` samples. */
static int set_images(XliteTensor* t, const float* images, int batch) {
  size_t n = (size_t)batch * kPixels;
  size_t i;
  if (XliteTensorType(t) == kXliteFloat32) return XliteTensorCopyFromBuffer(t, images, n * sizeof(float)) == kXliteOk;
  if (XliteTensorType(t) == kXliteInt8) {
    /* q = clamp(round(x / scale) + zero_point), as TFLite's QUANTIZE. */
    XliteQuantizationParams q = XliteTensorQuantizationParams(t);
    signed char* buf = (signed char*)malloc(n);
    int ok;
    for (i = 0; i < n; ++i) {
      long v = lroundf(images[i] / q.scale) + q.zero_point;
      buf[i] = (signed char)(v < -128 ? -128 : v > 127 ? 127 : v);
    }
    ok = XliteTensorCopyFromBuffer(t, buf, n) == kXliteOk;
    free(buf);
    return ok;
  }
  return 0;
}

/* Scores as real numbers (dequantized for int8). */
static int get_scores(const XliteTensor* t, float* scores, int batch) {
  size_t n = (size_t)batch * kClasses;
  size_t i;
  if (XliteTensorType(t) == kXliteFloat32) return XliteTensorCopyToBuffer(t, scores, n * sizeof(float)) == kXliteOk;
  if (XliteTensorType(t) == kXliteInt8) {
    XliteQuantizationParams q = XliteTensorQuantizationParams(t);
    signed char buf[3 * kClasses];
    if (n > sizeof(buf) || XliteTensorCopyToBuffer(t, buf, n) != kXliteOk) return 0;
    for (i = 0; i < n; ++i) scores[i] = q.scale * (float)(buf[i] - q.zero_point);
    return 1;
  }
  return 0;
}

static int argmax(const float* v) {
  int best = 0, i;
  for (i = 1; i < kClasses; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

static float max_abs_diff(const float* a, const float* b, int n) {
  float d = 0;
  int i;
  for (i = 0; i < n; ++i) d = fabsf(a[i] - b[i]) > d ? fabsf(a[i] - b[i]) : d;
  return d;
}

static XliteInterpreter* make(const char* path, int threads, int compile, Reports* reports) {
  XliteModel* model = XliteModelCreateFromFile(path);
  XliteInterpreterOptions* options = XliteInterpreterOptionsCreate();
  XliteInterpreter* itp;
  XliteInterpreterOptionsSetNumThreads(options, threads);
  XliteInterpreterOptionsSetCompile(options, compile);
  XliteInterpreterOptionsSetUseReferenceKernels(options, !compile);
  XliteInterpreterOptionsSetErrorReporter(options, reporter, reports);
  itp = XliteInterpreterCreate(model, options);
  /* The interpreter keeps what it needs of both. */
  XliteInterpreterOptionsDelete(options);
  XliteModelDelete(model);
  return itp;
}

static void check_model(const char* dir, const char* out_dir, const char* name, float tolerance) {
  char path[1024];
  float images[N_SAMPLES][kPixels];
  float fast[N_SAMPLES][kClasses], ref[N_SAMPLES][kClasses], batch[kClasses], sig[kClasses];
  Reports reports = {0, ""};
  XliteInterpreter *itp, *ref_itp;
  XliteSignatureRunner* runner;
  int k, dims[4] = {3, 28, 28, 1};
  snprintf(path, sizeof(path), "%s/models/digits/%s.tflite", dir, name);
  itp = make(path, 2, 1, &reports);
  ref_itp = make(path, 1, 0, &reports);
  CHECK(itp && ref_itp, "%s: %s", path, reports.last);
  if (!itp || !ref_itp) return;
  CHECK(XliteInterpreterGetInputTensorCount(itp) == 1 && XliteInterpreterGetOutputTensorCount(itp) == 1, "%s", name);
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterAllocateTensors(ref_itp) == kXliteOk, "%s", XliteInterpreterGetLastError(ref_itp));
  {
    const XliteTensor* in = XliteInterpreterGetInputTensor(itp, 0);
    CHECK(XliteTensorNumDims(in) == 4 && XliteTensorDim(in, 1) == 28 && XliteTensorDim(in, 3) == 1, "input dims");
    CHECK(strcmp(XliteTensorName(in), "serving_default_args_0:0") == 0, "input name %s", XliteTensorName(in));
  }
  for (k = 0; k < N_SAMPLES; ++k) {
    CHECK(read_sample(dir, kSamples[k], images[k]), "%s", kSamples[k]);
    CHECK(set_images(XliteInterpreterGetInputTensor(itp, 0), images[k], 1), "%s", XliteInterpreterGetLastError(itp));
    CHECK(XliteInterpreterInvoke(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
    CHECK(get_scores(XliteInterpreterGetOutputTensor(itp, 0), fast[k], 1), "output");
    CHECK(set_images(XliteInterpreterGetInputTensor(ref_itp, 0), images[k], 1), "ref input");
    CHECK(XliteInterpreterInvoke(ref_itp) == kXliteOk, "%s", XliteInterpreterGetLastError(ref_itp));
    CHECK(get_scores(XliteInterpreterGetOutputTensor(ref_itp, 0), ref[k], 1), "ref output");
    CHECK(argmax(fast[k]) == kLabels[k], "%s %s: class %d", name, kSamples[k], argmax(fast[k]));
    CHECK(max_abs_diff(fast[k], ref[k], kClasses) <= tolerance, "%s %s: compiled vs reference differ by %g", name,
          kSamples[k], max_abs_diff(fast[k], ref[k], kClasses));
    if (out_dir) {
      char out_path[1024];
      FILE* f;
      snprintf(out_path, sizeof(out_path), "%s/%s_%d.bin", out_dir, name, k);
      f = fopen(out_path, "wb");
      CHECK(f != NULL, "%s", out_path);
      if (f) {
        const XliteTensor* o = XliteInterpreterGetOutputTensor(itp, 0);
        fwrite(XliteTensorData(o), 1, XliteTensorByteSize(o), f);
        fclose(f);
      }
    }
  }

  /* Batch 3: the model's RESHAPE fixes the batch at 1, so allocating
   * fails (as in LiteRT) and is reported; batch 1 again works as before. */
  CHECK(XliteInterpreterResizeInputTensor(itp, 0, dims, 4) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteTensorDim(XliteInterpreterGetInputTensor(itp, 0), 0) == 3, "resized input dim");
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteError && reports.count == 1 &&
            strstr(reports.last, "RESHAPE") != NULL,
        "batch 3: %s", reports.last);
  dims[0] = 1;
  CHECK(XliteInterpreterResizeInputTensor(itp, 0, dims, 4) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(set_images(XliteInterpreterGetInputTensor(itp, 0), images[2], 1), "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterInvoke(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(get_scores(XliteInterpreterGetOutputTensor(itp, 0), batch, 1), "output after resizing back");
  CHECK(max_abs_diff(batch, fast[2], kClasses) <= tolerance, "%s after resizing back", name);

  /* The serving signature, on the reference interpreter (still batch 1). */
  CHECK(XliteInterpreterGetSignatureCount(ref_itp) == 1, "signature count");
  CHECK(strcmp(XliteInterpreterGetSignatureKey(ref_itp, 0), "serving_default") == 0, "signature key");
  runner = XliteInterpreterGetSignatureRunner(ref_itp, "serving_default");
  CHECK(runner != NULL, "%s", XliteInterpreterGetLastError(ref_itp));
  if (runner) {
    CHECK(XliteSignatureRunnerGetInputCount(runner) == 1 && XliteSignatureRunnerGetOutputCount(runner) == 1, "counts");
    CHECK(strcmp(XliteSignatureRunnerGetInputName(runner, 0), "args_0") == 0, "input name");
    CHECK(strcmp(XliteSignatureRunnerGetOutputName(runner, 0), "output_0") == 0, "output name");
    CHECK(XliteSignatureRunnerAllocateTensors(runner) == kXliteOk, "%s", XliteInterpreterGetLastError(ref_itp));
    CHECK(set_images(XliteSignatureRunnerGetInputTensor(runner, "args_0"), images[4], 1), "signature input");
    CHECK(XliteSignatureRunnerInvoke(runner) == kXliteOk, "%s", XliteInterpreterGetLastError(ref_itp));
    CHECK(get_scores(XliteSignatureRunnerGetOutputTensor(runner, "output_0"), sig, 1), "signature output");
    CHECK(max_abs_diff(sig, ref[4], kClasses) == 0, "signature vs interpreter");
    CHECK(XliteSignatureRunnerGetInputTensor(runner, "nope") == NULL, "unknown input name");
    XliteSignatureRunnerDelete(runner);
  }
  CHECK(reports.count == 2, "%s: %d reports (batch 3, the unknown signature input), last: %s", name, reports.count,
        reports.last);
  XliteInterpreterDelete(itp);
  XliteInterpreterDelete(ref_itp);
}

/* conv2d_same_f32 (input 1x8x8x3): a batch of 3 by resizing a static dim,
 * each row as the batch-1 result. */
static void check_batch(const char* dir) {
  enum { kIn = 8 * 8 * 3, kOut = 8 * 8 * 4 };
  char path[1024];
  Reports reports = {0, ""};
  XliteInterpreter* itp;
  static float x[3 * kIn], one[3][kOut], three[3 * kOut];
  int dims[4] = {3, 8, 8, 3}, i, k;
  float scale = 0;
  snprintf(path, sizeof(path), "%s/tests/models/ops/conv2d_same_f32.tflite", dir);
  itp = make(path, 2, 1, &reports);
  CHECK(itp != NULL, "%s", reports.last);
  if (!itp) return;
  for (i = 0; i < 3 * kIn; ++i) x[i] = (float)((i * 37) % 101) / 50.0f - 1.0f;
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteTensorByteSize(XliteInterpreterGetOutputTensor(itp, 0)) == sizeof(one[0]), "output bytes");
  for (k = 0; k < 3; ++k) {
    CHECK(XliteTensorCopyFromBuffer(XliteInterpreterGetInputTensor(itp, 0), x + k * kIn, kIn * sizeof(float)) ==
              kXliteOk,
          "%s", XliteInterpreterGetLastError(itp));
    CHECK(XliteInterpreterInvoke(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
    CHECK(XliteTensorCopyToBuffer(XliteInterpreterGetOutputTensor(itp, 0), one[k], sizeof(one[k])) == kXliteOk,
          "output");
  }
  CHECK(XliteInterpreterResizeInputTensor(itp, 0, dims, 4) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteTensorDim(XliteInterpreterGetOutputTensor(itp, 0), 0) == 3, "batch output dim");
  CHECK(XliteTensorCopyFromBuffer(XliteInterpreterGetInputTensor(itp, 0), x, sizeof(x)) == kXliteOk, "%s",
        XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterInvoke(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteTensorCopyToBuffer(XliteInterpreterGetOutputTensor(itp, 0), three, sizeof(three)) == kXliteOk,
        "batch output");
  for (k = 0; k < 3; ++k)
    for (i = 0; i < kOut; ++i) scale = fabsf(one[k][i]) > scale ? fabsf(one[k][i]) : scale;
  for (k = 0; k < 3; ++k)
    CHECK(max_abs_diff(three + k * kOut, one[k], kOut) <= 1e-5f * scale, "batch row %d differs by %g", k,
          max_abs_diff(three + k * kOut, one[k], kOut));
  CHECK(reports.count == 0, "%d reports: %s", reports.count, reports.last);
  XliteInterpreterDelete(itp);
}

/* multi_signature_f32: "add" is sum = a + b. */
static void check_multi_signature(const char* dir) {
  char path[1024];
  Reports reports = {0, ""};
  XliteInterpreter* itp;
  XliteSignatureRunner* runner;
  snprintf(path, sizeof(path), "%s/tests/models/ops/multi_signature_f32.tflite", dir);
  itp = make(path, 1, 1, &reports);
  CHECK(itp != NULL, "%s", reports.last);
  if (!itp) return;
  CHECK(XliteInterpreterGetSignatureCount(itp) == 2, "two signatures");
  CHECK(XliteInterpreterGetSignatureRunner(itp, "nope") == NULL && reports.count == 1, "unknown key reported");
  CHECK(strstr(reports.last, "scale_relu") != NULL, "the report lists the keys: %s", reports.last);
  runner = XliteInterpreterGetSignatureRunner(itp, "add");
  CHECK(runner != NULL, "%s", XliteInterpreterGetLastError(itp));
  if (runner) {
    XliteTensor* a = XliteSignatureRunnerGetInputTensor(runner, "a");
    XliteTensor* b = XliteSignatureRunnerGetInputTensor(runner, "b");
    size_t n = XliteTensorByteSize(a) / sizeof(float), i;
    float* x = (float*)malloc(n * sizeof(float));
    float* y = (float*)malloc(n * sizeof(float));
    float* sum = (float*)malloc(n * sizeof(float));
    CHECK(n > 0 && XliteTensorByteSize(b) == n * sizeof(float), "input sizes");
    for (i = 0; i < n; ++i) {
      x[i] = (float)i * 0.5f - 1.0f;
      y[i] = 3.0f - (float)i;
    }
    CHECK(XliteSignatureRunnerAllocateTensors(runner) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
    CHECK(XliteTensorCopyFromBuffer(a, x, n * sizeof(float)) == kXliteOk, "a");
    CHECK(XliteTensorCopyFromBuffer(b, y, n * sizeof(float)) == kXliteOk, "b");
    CHECK(XliteSignatureRunnerInvoke(runner) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
    CHECK(XliteTensorCopyToBuffer(XliteSignatureRunnerGetOutputTensor(runner, "sum"), sum, n * sizeof(float)) ==
              kXliteOk,
          "sum");
    for (i = 0; i < n; ++i) CHECK(sum[i] == x[i] + y[i], "sum[%d] = %g", (int)i, sum[i]);
    free(x);
    free(y);
    free(sum);
    XliteSignatureRunnerDelete(runner);
  }
  XliteInterpreterDelete(itp);
}

static void check_errors(const char* dir) {
  char path[1024];
  Reports reports = {0, ""};
  static const unsigned char garbage[64] = {1, 2, 3, 4, 5, 6, 7, 8};
  XliteInterpreter* itp;
  XliteInterpreterOptions* options = XliteInterpreterOptionsCreate();
  float small[4] = {0};
  int bad_dims[3] = {1, 28, 28};
  int good_dims[4] = {1, 28, 28, 1};

  /* Models. */
  CHECK(XliteModelCreateFromFile(NULL) == NULL, "NULL path");
  CHECK(XliteModelCreateFromFileWithErrorReporter("/nonexistent/model.tflite", reporter, &reports) == NULL &&
            reports.count == 1 && strstr(reports.last, "/nonexistent/model.tflite") != NULL,
        "missing file: %s", reports.last);
  CHECK(XliteModelCreateWithErrorReporter(garbage, sizeof(garbage), reporter, &reports) == NULL && reports.count == 2,
        "corrupt buffer: %s", reports.last);
  CHECK(XliteModelCreateWithErrorReporter(NULL, 10, reporter, &reports) == NULL && reports.count == 3, "NULL buffer");
  XliteModelDelete(NULL);

  /* NULL handles. */
  XliteInterpreterOptionsSetErrorReporter(options, reporter, &reports);
  CHECK(XliteInterpreterCreate(NULL, options) == NULL && reports.count == 4, "NULL model: %s", reports.last);
  XliteInterpreterOptionsDelete(options);
  CHECK(XliteInterpreterAllocateTensors(NULL) == kXliteError, "NULL interpreter");
  CHECK(XliteInterpreterInvoke(NULL) == kXliteError, "NULL interpreter");
  CHECK(XliteInterpreterGetInputTensorCount(NULL) == 0 && XliteInterpreterGetInputTensor(NULL, 0) == NULL, "NULL");
  CHECK(XliteTensorCopyFromBuffer(NULL, small, sizeof(small)) == kXliteError, "NULL tensor");
  CHECK(XliteTensorCopyToBuffer(NULL, small, sizeof(small)) == kXliteError, "NULL tensor");
  CHECK(XliteTensorType(NULL) == kXliteNoType && XliteTensorNumDims(NULL) == -1 && XliteTensorData(NULL) == NULL,
        "NULL tensor queries");
  CHECK(XliteInterpreterGetSignatureRunner(NULL, "x") == NULL, "NULL interpreter signature");
  XliteInterpreterDelete(NULL);
  XliteSignatureRunnerDelete(NULL);

  /* Wrong indices, byte counts and shapes. */
  snprintf(path, sizeof(path), "%s/models/digits/digits_f32.tflite", dir);
  reports.count = 0;
  itp = make(path, 1, 1, &reports);
  CHECK(itp != NULL, "%s", reports.last);
  if (!itp) return;
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "allocate");
  CHECK(XliteInterpreterGetInputTensor(itp, 1) == NULL && reports.count == 1, "input 1: %s", reports.last);
  CHECK(XliteInterpreterGetOutputTensor(itp, -1) == NULL && reports.count == 2, "output -1: %s", reports.last);
  CHECK(XliteTensorCopyFromBuffer(XliteInterpreterGetInputTensor(itp, 0), small, sizeof(small)) == kXliteError &&
            reports.count == 3 && strstr(reports.last, "3136") != NULL,
        "wrong byte count: %s", reports.last);
  CHECK(strcmp(XliteInterpreterGetLastError(itp), reports.last) == 0, "last error %s", XliteInterpreterGetLastError(itp));
  CHECK(XliteTensorCopyToBuffer(XliteInterpreterGetOutputTensor(itp, 0), small, sizeof(small)) == kXliteError &&
            reports.count == 4,
        "wrong byte count out: %s", reports.last);
  CHECK(XliteTensorDim(XliteInterpreterGetInputTensor(itp, 0), 4) == -1 && reports.count == 5, "dim 4");
  CHECK(XliteInterpreterResizeInputTensor(itp, 0, NULL, 4) == kXliteError && reports.count == 6, "NULL dims");
  /* A rank-3 image: taken by resize, refused by the convolution. */
  CHECK(XliteInterpreterResizeInputTensor(itp, 0, bad_dims, 3) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteError && reports.count == 7, "rank-3 input: %s", reports.last);
  CHECK(XliteInterpreterResizeInputTensor(itp, 0, good_dims, 4) == kXliteOk, "back to rank 4");
  CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterInvoke(itp) == kXliteOk, "%s", XliteInterpreterGetLastError(itp));
  CHECK(XliteInterpreterGetSignatureKey(itp, 5) == NULL && reports.count == 8, "signature 5");
  XliteInterpreterDelete(itp);

  /* From a buffer, as read from the file. */
  {
    size_t size = 0;
    void* bytes = read_file(path, &size);
    XliteModel* model = XliteModelCreate(bytes, size);
    free(bytes); /* the model keeps a copy */
    CHECK(model != NULL, "model from buffer");
    itp = XliteInterpreterCreate(model, NULL);
    XliteModelDelete(model);
    CHECK(itp != NULL && XliteInterpreterAllocateTensors(itp) == kXliteOk && XliteInterpreterInvoke(itp) == kXliteOk,
          "interpreter from buffer");
    XliteInterpreterDelete(itp);
  }
}

/* A custom-op kernel registered from C: y = 2x + 1 (float32), with the
 * factor in the kernel's user_data. */
static XliteStatus affine_invoke(XliteOpContext* ctx, void* op_data) {
  const float* x = (const float*)xlite_op_input_data(ctx, 0);
  float* y = (float*)xlite_op_output_data(ctx, 0);
  const float a = *(const float*)xlite_op_user_data(ctx);
  size_t i, n = xlite_op_input_bytes(ctx, 0) / sizeof(float);
  (void)op_data;
  for (i = 0; i < n; ++i) y[i] = a * x[i] + 1.0f;
  return kXliteOk;
}

static void check_custom_op(const char* dir) {
  char path[1024];
  static float factor = 2.0f;
  const float x[4] = {0.5f, -1.0f, 3.0f, 0.0f};
  float y[4] = {0};
  XliteModel* model;
  XliteInterpreterOptions* options;
  XliteInterpreter* itp;
  XliteCustomOp op;
  Reports rep;
  memset(&rep, 0, sizeof(rep));
  snprintf(path, sizeof(path), "%s/tests/models/custom/c_test_affine.tflite", dir);
  model = XliteModelCreateFromFile(path);
  CHECK(model != NULL, "%s", path);
  if (!model) return;
  options = XliteInterpreterOptionsCreate();
  XliteInterpreterOptionsSetErrorReporter(options, reporter, &rep);
  /* No kernel yet: refused at creation, naming the op. */
  CHECK(XliteInterpreterCreate(model, options) == NULL, "custom op without a kernel");
  CHECK(strstr(rep.last, "CTestAffine") != NULL, "message names the op: %s", rep.last);
  /* A kernel without invoke is refused too. */
  memset(&op, 0, sizeof(op));
  XliteInterpreterOptionsAddCustomOp(options, "CTestAffine", 0, &op);
  CHECK(XliteInterpreterCreate(model, options) == NULL, "custom op kernel without invoke");
  XliteInterpreterOptionsDelete(options);

  options = XliteInterpreterOptionsCreate();
  op.invoke = affine_invoke;
  op.user_data = &factor;
  XliteInterpreterOptionsAddCustomOp(options, "CTestAffine", 1, &op);
  itp = XliteInterpreterCreate(model, options);
  CHECK(itp != NULL, "interpreter with a C custom op");
  if (itp) {
    CHECK(XliteInterpreterAllocateTensors(itp) == kXliteOk, "allocate");
    CHECK(XliteTensorCopyFromBuffer(XliteInterpreterGetInputTensor(itp, 0), x, sizeof(x)) == kXliteOk, "input");
    CHECK(XliteInterpreterInvoke(itp) == kXliteOk, "invoke");
    CHECK(XliteTensorCopyToBuffer(XliteInterpreterGetOutputTensor(itp, 0), y, sizeof(y)) == kXliteOk, "output");
    CHECK(y[0] == 2.0f && y[1] == -1.0f && y[2] == 7.0f && y[3] == 1.0f, "y = %g %g %g %g", y[0], y[1], y[2], y[3]);
    XliteInterpreterDelete(itp);
  }
  XliteInterpreterOptionsDelete(options);
  XliteModelDelete(model);
}

int main(int argc, char** argv) {
  const char* dir = argc > 1 ? argv[1] : ".";
  const char* out_dir = argc > 2 ? argv[2] : NULL;
  CHECK(strcmp(XliteVersion(), "0.1.0") == 0, "version %s", XliteVersion());
  CHECK(strcmp(XliteTypeGetName(kXliteInt8), "INT8") == 0, "type name");
  check_model(dir, out_dir, "digits_f32", 1e-5f);
  check_model(dir, out_dir, "digits_int8", 0.0f);
  check_batch(dir);
  check_multi_signature(dir);
  check_errors(dir);
  check_custom_op(dir);
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
