// SPDX-License-Identifier: Apache-2.0
// Winograd F(4x4, 3x3) convolution (winograd_f32.h): the weight transform
// and packing, and the loop over blocks of tiles. Plain C++; the
// arithmetic is the transform and GEMM variants'.
#include "kernels/winograd_f32.h"

#include <algorithm>
#include <cstring>

namespace xlite::kernels {
namespace {

// Floats of V and M one block of tiles may hold (per thread): 512 KB, so a
// block's transforms and GEMMs work mostly in L2.
constexpr int64_t kBlockFloats = 128 * 1024;

int64_t tiles_h(const ConvF32Shape& s) { return (s.out_h + kWinogradOut - 1) / kWinogradOut; }
int64_t tiles_w(const ConvF32Shape& s) { return (s.out_w + kWinogradOut - 1) / kWinogradOut; }
int64_t round16(int64_t n) { return (n + 15) / 16 * 16; }

// The distance between two points' rows of V or M, in floats: whole cache
// lines, an odd number of them, so the 36 points a transform reads or
// writes for one tile fall in different L1 sets (a multiple of 4 KB would
// put them all in one).
int64_t point_stride(int64_t floats) {
  const int64_t lines = (floats + 15) / 16;
  return (lines | 1) * 16;
}

// Tiles per block: as many as fit kBlockFloats, a multiple of the GEMM's
// rows, and at least two register tiles of rows so each point's weights
// are reused (with many channels the weights, not the block, dominate).
int64_t block_tiles(const ConvF32Shape& s, const GemmF32Kernel& gemm) {
  const int64_t per_tile = kWinogradPoints * (static_cast<int64_t>(s.in_c) + s.out_c);
  int64_t t = kBlockFloats / per_tile / gemm.mr * gemm.mr;
  t = std::max<int64_t>(t, 4 * gemm.mr);
  return std::min<int64_t>(t, std::max<int64_t>(winograd_f32_tiles(s), 1));
}

// G of F(4, 3) for the points 0, -1, 1, 1/2, -2, infinity
// (winograd_f32_impl.h): row j is (1, p, p^2) / prod_{q != p} (p - q) for a
// finite point p. U = G g G^T.
constexpr double kG[kWinogradPatch][3] = {
    {1, 0, 0},
    {-1.0 / 3, 1.0 / 3, -1.0 / 3},
    {1.0 / 3, 1.0 / 3, 1.0 / 3},
    {-16.0 / 15, -8.0 / 15, -4.0 / 15},
    {1.0 / 15, -2.0 / 15, 4.0 / 15},
    {0, 0, 1},
};

}  // namespace

int64_t winograd_f32_tiles(const ConvF32Shape& s) {
  if (s.out_h <= 0 || s.out_w <= 0) return 0;
  return static_cast<int64_t>(s.batches) * tiles_h(s) * tiles_w(s);
}

bool winograd_f32_suitable(const ConvF32Shape& s) {
  if (s.filter_h != 3 || s.filter_w != 3 || s.stride_h != 1 || s.stride_w != 1 || s.dilation_h != 1 ||
      s.dilation_w != 1)
    return false;
  // Few channels: the transforms (per channel, not per channel pair) cost
  // as much as the multiplies they save.
  if (s.in_c < 16 || s.out_c < 16) return false;
  // Few tiles: each point's weights (4x the direct filter's floats) are
  // read for too few rows, unless they stay in cache (a 7x7 map with
  // 128 x 32 channels gains; 7x7 with 512 x 512, weight-bound, loses).
  const int64_t tiles = winograd_f32_tiles(s);
  const int64_t weight_bytes = int64_t{kWinogradPoints} * s.in_c * s.out_c * 4;
  if (tiles < 16 && weight_bytes > 1024 * 1024) return false;
  // Outputs past the map's edge in the last tiles are computed and
  // dropped: keep at least half of the 4x saving.
  const double used = static_cast<double>(s.batches) * s.out_h * s.out_w / (static_cast<double>(tiles) * 16);
  return used * 4 >= 2;
}

int64_t winograd_f32_packed_floats(int64_t out_c, int64_t in_c, int nr) {
  return kWinogradPoints * gemm_f32_packed_floats(out_c, in_c, nr) + round16(out_c);
}

void pack_winograd_f32(const float* filter, const float* bias, int64_t out_c, int64_t in_c, int nr, float* out) {
  const int64_t point = gemm_f32_packed_floats(out_c, in_c, nr);
  // The GEMM's panel layout (gemm_f32.h), written directly: panel q holds
  // nr zero biases, then for each k the nr columns' weights; columns past
  // out_c stay zero.
  std::memset(out, 0, static_cast<size_t>(winograd_f32_packed_floats(out_c, in_c, nr)) * sizeof(float));
  const int64_t panel = static_cast<int64_t>(nr) * (in_c + 1);
  // Runs of input channels at a time, channels innermost, so the compiler
  // vectorises the transform (the filter's channels are contiguous).
  constexpr int64_t kRun = 64;
  double gg[kWinogradPatch][3][kRun];  // G g, for each filter column
  for (int64_t o = 0; o < out_c; ++o) {
    float* const col = out + o / nr * panel + nr + o % nr;
    for (int64_t i0 = 0; i0 < in_c; i0 += kRun) {
      const int64_t n = std::min(kRun, in_c - i0);
      const float* g = filter + o * 9 * in_c + i0;  // tap (a, b) at g[(a * 3 + b) * in_c]
      for (int k = 0; k < kWinogradPatch; ++k)
        for (int b = 0; b < 3; ++b)
          for (int64_t i = 0; i < n; ++i)
            gg[k][b][i] = kG[k][0] * g[b * in_c + i] + kG[k][1] * g[(3 + b) * in_c + i] +
                          kG[k][2] * g[(6 + b) * in_c + i];
      for (int k = 0; k < kWinogradPatch; ++k)
        for (int j = 0; j < kWinogradPatch; ++j) {
          float* dst = col + (k * kWinogradPatch + j) * point + i0 * nr;
          for (int64_t i = 0; i < n; ++i)
            dst[i * nr] = static_cast<float>(gg[k][0][i] * kG[j][0] + gg[k][1][i] * kG[j][1] + gg[k][2][i] * kG[j][2]);
        }
    }
  }
  float* const b = out + kWinogradPoints * point;
  for (int64_t o = 0; o < out_c; ++o) b[o] = bias ? bias[o] : 0.0f;
}

int64_t winograd_f32_scratch_floats(const ConvF32Shape& s, const GemmF32Kernel& gemm) {
  const int64_t t = block_tiles(s, gemm);
  return kWinogradPoints * (point_stride(t * s.in_c) + point_stride(t * s.out_c));
}

void winograd_f32(const GemmF32Kernel& gemm, const WinogradF32Kernel& wino, const WinogradF32Args& p,
                  int64_t tile_begin, int64_t tile_end, int64_t col_begin, int64_t col_end) {
  const ConvF32Shape& s = p.s;
  if (col_end < 0 || col_end > s.out_c) col_end = s.out_c;
  if (col_begin >= col_end || tile_begin >= tile_end) return;
  const int64_t ncols = col_end - col_begin;
  const int64_t block = block_tiles(s, gemm);
  const int64_t point = gemm_f32_packed_floats(s.out_c, s.in_c, gemm.nr);
  const float* const bias = p.packed + kWinogradPoints * point + col_begin;
  const int64_t col_offset = gemm_f32_packed_floats(col_begin, s.in_c, gemm.nr);  // whole panels
  float* const v = p.scratch;
  float* const m = p.scratch + kWinogradPoints * point_stride(block * s.in_c);
  const int64_t th = tiles_h(s), tw = tiles_w(s);
  const int64_t in_row = static_cast<int64_t>(s.in_w) * s.in_c;
  const int64_t out_row = static_cast<int64_t>(s.out_w) * s.out_c;
  for (int64_t t0 = tile_begin; t0 < tile_end; t0 += block) {
    const int64_t t1 = std::min(t0 + block, tile_end), nt = t1 - t0;
    const int64_t v_stride = point_stride(nt * s.in_c), m_stride = point_stride(nt * ncols);
    // V_xi [nt x in_c] for every point.
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t b = t / (th * tw);
      const int32_t y0 = static_cast<int32_t>(t / tw % th) * kWinogradOut - s.pad_h;
      WinogradInputArgs ia;
      for (int r = 0; r < kWinogradPatch; ++r) {
        const int32_t iy = y0 + r;
        ia.rows[r] = iy < 0 || iy >= s.in_h ? nullptr : p.input + (b * s.in_h + iy) * in_row;
      }
      ia.x0 = static_cast<int32_t>(t % tw) * kWinogradOut - s.pad_w;
      ia.in_w = s.in_w;
      ia.channels = s.in_c;
      ia.v = v + (t - t0) * s.in_c;
      ia.point_stride = v_stride;
      wino.input(ia);
    }
    // M_xi [nt x ncols] = V_xi U_xi.
    for (int xi = 0; xi < kWinogradPoints; ++xi) {
      GemmF32Args g;
      g.m = nt;
      g.n = ncols;
      g.k = s.in_c;
      g.a = v + xi * v_stride;
      g.lda = s.in_c;
      g.packed = p.packed + xi * point + col_offset;
      g.c = m + xi * m_stride;
      g.ldc = ncols;
      gemm.run(g, 0, nt);
    }
    // Outputs, bias, clamp, then the fused epilogue on each tile's rows.
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t b = t / (th * tw);
      const int32_t oy = static_cast<int32_t>(t / tw % th) * kWinogradOut;
      const int32_t ox = static_cast<int32_t>(t % tw) * kWinogradOut;
      WinogradOutputArgs oa;
      oa.m = m + (t - t0) * ncols;
      oa.point_stride = m_stride;
      oa.bias = bias;
      oa.n = ncols;
      oa.min = p.min;
      oa.max = p.max;
      oa.out = p.output + (b * s.out_h + oy) * out_row + static_cast<int64_t>(ox) * s.out_c + col_begin;
      oa.row_stride = out_row;
      oa.pixel_stride = s.out_c;
      oa.rows = std::min(kWinogradOut, s.out_h - oy);
      oa.cols = std::min(kWinogradOut, s.out_w - ox);
      wino.output(oa);
      if (p.post.fn)
        for (int r = 0; r < oa.rows; ++r) p.post.fn(p.post.ctx, oa.out + r * out_row, oa.cols, ncols, s.out_c);
    }
  }
}

}  // namespace xlite::kernels
