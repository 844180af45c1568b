// SPDX-License-Identifier: Apache-2.0
// float32 3x3, stride 1 CONV_2D by Winograd's minimal filtering F(4x4, 3x3)
// (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015;
// the points are in winograd_f32_impl.h):
// each 4x4 block of outputs (a tile) is
//   Y = A^T [ (G g G^T) (.) (B^T d B) ] A
// for its 6x6 input patch d and the 3x3 filter g, summed over input
// channels. The elementwise product summed over channels is, for each of
// the 36 points xi of the 6x6 domain, a GEMM:
//   M_xi [tiles x O] = V_xi [tiles x I] * U_xi [I x O]
// so the convolution does 36 multiplies per 16 outputs and channel pair
// instead of 144, on the float32 GEMM variant, with the weights transformed
// (U = G g G^T, in double) and packed once. The transforms of inputs
// (V = B^T d B) and outputs (A^T M A, then bias and clamp) are this file's
// kernel kind, vectors over channels; the blocking and the GEMMs are
// winograd_f32.cc.
//
// Rounding differs from the direct sum (the transforms' adds and G's
// thirds and fifteenths): the tests bound it against the reference, and the
// op uses it only where winograd_f32_suitable() says.
#pragma once

#include <cstdint>
#include <limits>

#include "kernels/conv2d_f32.h"
#include "kernels/gemm_f32.h"

namespace xlite::kernels {

constexpr int kWinogradOut = 4;      // outputs per tile side
constexpr int kWinogradPatch = 6;    // input patch side: kWinogradOut + 3 - 1
constexpr int kWinogradPoints = 36;  // kWinogradPatch^2

// The input transform of one tile, all channels. Patch row r is input row
// rows[r] (its pixel 0; nullptr where the row is outside the input: zeros),
// columns x0 .. x0+5 of it (those outside [0, in_w) read as zeros).
// Writes V[xi][ch] at v + xi * point_stride + ch for ch in [0, channels).
struct WinogradInputArgs {
  const float* rows[kWinogradPatch];
  int32_t x0 = 0, in_w = 0;
  int64_t channels = 0;  // also the input's pixel stride
  float* v = nullptr;
  int64_t point_stride = 0;
};

// The output transform of one tile, channels [0, n): reads M[xi][ch] at
// m + xi * point_stride + ch, adds bias[ch] (none when null), clamps to
// [min, max] and stores output pixel (r, x) of the tile, r < rows, x < cols,
// at out + r * row_stride + x * pixel_stride.
struct WinogradOutputArgs {
  const float* m = nullptr;
  int64_t point_stride = 0;
  const float* bias = nullptr;
  int64_t n = 0;
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  float* out = nullptr;
  int64_t row_stride = 0, pixel_stride = 0;
  int32_t rows = kWinogradOut, cols = kWinogradOut;
};

struct WinogradF32Kernel {
  void (*input)(const WinogradInputArgs& args);
  void (*output)(const WinogradOutputArgs& args);
};

// Whether a convolution may and should run this way: 3x3, stride 1, no
// dilation, and channels and tiles enough that the 4x fewer multiplies
// outweigh the transforms and the larger weights (36 / 9 of the direct
// filter's floats).
bool winograd_f32_suitable(const ConvF32Shape& s);
// Tiles of the output: batches * ceil(out_h / 4) * ceil(out_w / 4), in
// order (batch, tile row, tile column).
int64_t winograd_f32_tiles(const ConvF32Shape& s);

// The packed weights: for each point xi, U_xi [out_c x in_c] packed for the
// GEMM (pack_gemm_f32, zero bias), then the bias (out_c floats, 0 when
// null). filter is [out_c, 3, 3, in_c].
int64_t winograd_f32_packed_floats(int64_t out_c, int64_t in_c, int nr);
void pack_winograd_f32(const float* filter, const float* bias, int64_t out_c, int64_t in_c, int nr, float* out);

struct WinogradF32Args {
  ConvF32Shape s;
  const float* input = nullptr;
  const float* packed = nullptr;  // pack_winograd_f32 with the GEMM's nr
  float* output = nullptr;
  float* scratch = nullptr;  // winograd_f32_scratch_floats(), per thread
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  PostF32 post;  // optional: called on each tile's output rows
};

int64_t winograd_f32_scratch_floats(const ConvF32Shape& s, const GemmF32Kernel& gemm);
// Tiles [tile_begin, tile_end), output channels [col_begin, col_end)
// (col_end < 0: all; col_begin a multiple of gemm.nr). Disjoint ranges may
// run concurrently with separate scratch.
void winograd_f32(const GemmF32Kernel& gemm, const WinogradF32Kernel& wino, const WinogradF32Args& args,
                  int64_t tile_begin, int64_t tile_end, int64_t col_begin = 0, int64_t col_end = -1);

}  // namespace xlite::kernels
