// SPDX-License-Identifier: Apache-2.0
// int8 CONV_2D (groups == 1), FULLY_CONNECTED and DEPTHWISE_CONV_2D kernels
// that give the reference kernels' int32 accumulators exactly, then hand them
// to the op's own requantization (the reference's per-channel function), so
// the int8 outputs are bit-exact with the reference.
//
// Exactness (GEMM formats below): in the int16 format, x - zp lies in
// [-255, 255] and each product is at most 255 * 128 in magnitude, so a pair
// of them sums exactly in int32 (AVX2 VPMADDWD); the depthwise kernels work
// the same way. Padded taps contribute 0, which is what the reference's
// skipping them amounts to. Sums wrap in int32 as the reference's do.
//
// GEMM formats. W [N, K] (a FULLY_CONNECTED weight, or a filter
// [O, KH, KW, I] seen as [O, KH*KW*I]) is packed into panels of `nr` output
// columns, K rounded up to the format's group g (kp), as bytes:
//   panel p: the int32 bias of its nr columns (4*nr bytes), then for each
//   group of g k (k .. k+g-1): nr int8 groups {W[j][k], .., W[j][k+g-1]}
// (columns past N and the k past K are zero). Two formats:
//  - kPairsI16 (g = 2): A is int16, x - zp (0 for padding); the kernels
//    widen the weight pairs to int16 as they load them (AVX2 VPMADDWD).
//  - kQuadsU8 (g = 4): A is uint8, x + 128 (the int8 input with its sign
//    bit flipped; zp + 128 for padding, so that x - zp is 0 there) and the
//    packed bias is bias - (zp + 128) * sum_k W[j][k], since
//    sum (x + 128) w - (zp + 128) sum w = sum (x - zp) w. Each u8 x s8
//    product and each group of four sums exactly in int32 (AVX-512 VNNI
//    VPDPBUSD); all sums wrap mod 2^32, so the result is the reference's
//    int32 accumulator bit for bit.
// The packed weights take no more memory than the model's.
#pragma once

#include <cstdint>

#include "kernels/conv2d_f32.h"  // ConvF32Shape: the NHWC geometry, dtype-free

namespace xlite::kernels {

// Requantizes rows x n int32 accumulators (acc[r * lda + j]) of output
// channels [col0, col0 + n) into int8 outputs (out[r * ldo + j]); the op
// supplies it (its reference function).
struct RequantI8 {
  void (*fn)(const void* ctx, const int32_t* acc, int64_t lda, int64_t rows, int64_t col0, int64_t n, int8_t* out,
             int64_t ldo) = nullptr;
  const void* ctx = nullptr;
};

enum class GemmI8Format { kPairsI16, kQuadsU8 };

struct GemmI8Args {
  int64_t m = 0, n = 0, kp = 0;  // kp: K rounded up to the format's group
  const void* a = nullptr;       // A[i][k] at a[i * lda + k] (int16 or uint8)
  int64_t lda = 0;               // in elements
  const int8_t* packed = nullptr;  // pack_gemm_i8() for this kernel
  int32_t* c = nullptr;             // C[i][j] at c[i * ldc + j]: bias + A W^T
  int64_t ldc = 0;
};

// Output rows [m_begin, m_end), all N columns, as int32. load_a fills n
// elements of A from n int8 inputs: src[i] - zp (kPairsI16) or
// src[i] + 128 (kQuadsU8, zp unused).
struct GemmI8Kernel {
  int mr, nr;
  GemmI8Format format;
  void (*run)(const GemmI8Args& args, int64_t m_begin, int64_t m_end);
  void (*load_a)(void* dst, const int8_t* src, int64_t n, int32_t zp);
};

inline int gemm_i8_group(const GemmI8Kernel& g) { return g.format == GemmI8Format::kQuadsU8 ? 4 : 2; }
// Bytes per A element.
inline int gemm_i8_a_bytes(const GemmI8Kernel& g) { return g.format == GemmI8Format::kQuadsU8 ? 1 : 2; }
inline int64_t gemm_i8_kp(int64_t k, const GemmI8Kernel& g) {
  const int64_t group = gemm_i8_group(g);
  return (k + group - 1) / group * group;
}
// Bytes that pack_gemm_i8 writes for n columns.
inline int64_t gemm_i8_packed_bytes(int64_t n, int64_t k, const GemmI8Kernel& g) {
  return (n + g.nr - 1) / g.nr * g.nr * (4 + gemm_i8_kp(k, g));
}
// w: W[j][k] at w[j * ldw + k]; bias may be null (zeros). input_zp: the
// zero point of the inputs the GEMM will read (kQuadsU8 folds it into the
// packed bias).
void pack_gemm_i8(const GemmI8Kernel& g, const int8_t* w, int64_t ldw, const int32_t* bias, int64_t n, int64_t k,
                  int32_t input_zp, int8_t* out);

// CONV_2D / FULLY_CONNECTED on a GEMM variant: output pixel i is GEMM row i.
// A block of rows is gathered (im2col, taps in filter order) into scratch in
// the kernel's A format, multiplied into an int32 block, requantized into the
// output.
// FULLY_CONNECTED is the 1x1 convolution over a [1, 1, batches, depth] input.
struct Conv2dI8Args {
  ConvF32Shape s;
  const int8_t* input = nullptr;
  int32_t input_zero_point = 0;
  const int8_t* packed = nullptr;  // pack_gemm_i8(gemm, filter, K, bias, out_c, K, input_zero_point)
  int8_t* output = nullptr;
  void* scratch = nullptr;  // conv2d_i8_scratch_bytes(), per thread; 64-byte aligned
  RequantI8 requant;
};

int64_t conv2d_i8_scratch_bytes(const ConvF32Shape& s, const GemmI8Kernel& gemm);
// Output pixels [row_begin, row_end), output channels [col_begin, col_end)
// (col_end < 0: all; col_begin a multiple of gemm.nr); disjoint ranges may
// run concurrently with separate scratch.
void conv2d_i8(const GemmI8Kernel& gemm, const Conv2dI8Args& args, int64_t row_begin, int64_t row_end,
               int64_t col_begin = 0, int64_t col_end = -1);

// DEPTHWISE_CONV_2D, any depth multiplier M (output channel oc reads input
// channel oc / M). Packed as int16 over channels padded to the kernel's
// channel block (cs = dwconv_i8_channel_stride):
//   the int32 bias (2*cs int16 slots), then for each pair of taps
//   (t, t+1) in filter order: cs pairs {w[t][c], w[t+1][c]}
// (a last odd tap pairs with zero weights).
struct DwConvI8Args {
  ConvF32Shape s;
  const int8_t* input = nullptr;
  int32_t input_zero_point = 0;
  const int16_t* packed = nullptr;
  int8_t* output = nullptr;
  void* scratch = nullptr;  // scratch_bytes(s) per thread; 64-byte aligned
  RequantI8 requant;
};

// Output rows (b * out_h + oy) [row_begin, row_end).
struct DwConvI8Kernel {
  void (*run)(const DwConvI8Args& args, int64_t row_begin, int64_t row_end);
  int64_t (*scratch_bytes)(const ConvF32Shape& s);
  int channel_block;  // channels per vector block (16 or 32): the packed channel stride's multiple
};

inline int64_t dwconv_i8_channel_stride(int64_t channels, const DwConvI8Kernel& k) {
  return (channels + k.channel_block - 1) / k.channel_block * k.channel_block;
}
inline int64_t dwconv_i8_packed_elems(int64_t channels, int64_t taps, const DwConvI8Kernel& k) {
  return dwconv_i8_channel_stride(channels, k) * (2 + (taps + 1) / 2 * 2);
}
// filter: [taps][channels]; bias may be null.
void pack_dwconv_i8(const DwConvI8Kernel& k, const int8_t* filter, const int32_t* bias, int64_t channels,
                    int64_t taps, int16_t* out);

// Per-channel fixed-point requantization, TFLite's
// MultiplyByQuantizedMultiplier as the reference computes it
// (quant::multiply_by_quantized_multiplier): for acc in channel j,
//   clamp(rdivpot(srdhm(acc << left[j], multiplier[j]), right[j]) + offset)
// where srdhm is the saturating rounding doubling high multiply and rdivpot
// the rounding (half away from zero) shift right. The kernels need left and
// right in [0, 31], multiplier != INT32_MIN (quantize_multiplier never
// gives it), |output_offset| <= 255 and -128 <= act_min <= act_max <= 127;
// the per-channel arrays hold at least n rounded up to 8 entries.
struct RequantChannelsI8 {
  const int32_t* multiplier = nullptr;
  const int32_t* left = nullptr;
  const int32_t* right = nullptr;
  int32_t output_offset = 0, act_min = -128, act_max = 127;
};

struct RequantI8Kernel {
  void (*run)(const RequantChannelsI8& q, const int32_t* acc, int64_t lda, int64_t rows, int64_t n, int8_t* out,
              int64_t ldo);
};

}  // namespace xlite::kernels
