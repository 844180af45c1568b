// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TFLite_Detection_PostProcess, with the results of
// the runtime kernel (detection_postprocess_ref.h, which follows LiteRT):
// * decoding in f64, rounded to f32, as the reference does;
// * candidates ordered by a sort on (score >= threshold, score descending,
//   index ascending): the stable sort of the kept scores;
// * greedy NMS as one stablehlo.while over the sorted positions, for
//   several independent groups at once (fast NMS: one group of each box's
//   best class score; regular NMS: one group per class), each position's
//   IoU row computed inside the loop, so memory stays O(groups * boxes);
// * regular NMS's merge of the per-class selections (std::inplace_merge,
//   stable, truncated to max_detections after each class) equals the first
//   max_detections of all selections sorted by (score descending, class
//   ascending, rank in its class ascending): one more sort;
// * a box's classes (fast NMS) by score descending, ties to the lower
//   class (the first maximum, as the kernel's k = 1 scan);
// * every slot past the detections found is zero, as the runtime kernel
//   writes.
// Static bounds: the number of boxes, max_detections and
// max_classes_per_detection from the IR's shapes and the options.
#include <algorithm>
#include <cstring>
#include <limits>
#include <tuple>

#include "emit/stablehlo/lower.h"
#include "ops/custom/detection_postprocess/detection_postprocess.h"

namespace xlite::ops::custom::detection_postprocess {
namespace {

using shlo::Builder;
using shlo::Cmp;
using shlo::TType;
using shlo::Value;
using ref::Params;

constexpr DType F32 = DType::kFloat32, F64 = DType::kFloat64, I32 = DType::kInt32, I1 = DType::kBool;

Value fill(Builder& b, DType t, const std::vector<int64_t>& shape, double v) { return b.splat(t, shape, v); }

Value dyn_slice(Builder& b, const Value& a, const std::vector<Value>& starts, std::vector<int64_t> sizes) {
  std::vector<Value> ops{a};
  ops.insert(ops.end(), starts.begin(), starts.end());
  return b.op("stablehlo.dynamic_slice", ops, a.type.with_shape(sizes), "slice_sizes = " + shlo::i64_array(sizes));
}

Value logical(Builder& b, std::string_view name, const Value& x, const Value& y) {
  return b.binary(name, x, y);
}
Value and_(Builder& b, const Value& x, const Value& y) { return logical(b, "stablehlo.and", x, y); }
Value or_(Builder& b, const Value& x, const Value& y) { return logical(b, "stablehlo.or", x, y); }
Value not_(Builder& b, const Value& x) { return b.unary("stablehlo.not", x); }

// Column k of a [n, m] value as [n].
Value column(Builder& b, const Value& x, int64_t k) {
  const int64_t n = x.type.shape[0];
  const int64_t start[] = {0, k}, limit[] = {n, k + 1}, one[] = {1, 1};
  return b.reshape(b.slice(x, start, limit, one), {n});
}

// A region builder whose block takes `types` (a sort comparator takes two
// scalars per operand; a while region one value per loop variable).
Builder block(const Builder& parent, const std::vector<TType>& types, std::vector<Value>& args) {
  Builder rb = parent.region();
  std::string header = "^bb0(";
  for (size_t k = 0; k < types.size(); ++k) {
    args.push_back({rb.fresh(), types[k]});
    header += (k ? ", " : "") + args.back().name + ": " + shlo::type_str(types[k]);
  }
  rb.raw(header + "):");
  return rb;
}

// Sorts [G, N] operands along dim 1 by (valid descending, key descending,
// index ascending); returns the sorted (valid, key, index). The index
// tie-break makes the order total, so it does not rest on is_stable.
std::vector<Value> sort_desc(Builder& b, const Value& valid_i32, const Value& key, const Value& index) {
  const TType si{I32, {}}, sf{F32, {}};
  std::vector<Value> a;
  Builder rb = block(b, {si, si, sf, sf, si, si}, a);
  const Value first = or_(
      rb, rb.compare(a[0], a[1], Cmp::GT),
      and_(rb, rb.compare(a[0], a[1], Cmp::EQ),
           or_(rb, rb.compare(a[2], a[3], Cmp::GT),
               and_(rb, rb.compare(a[2], a[3], Cmp::EQ), rb.compare(a[4], a[5], Cmp::LT)))));
  shlo::region_return(rb, std::span<const Value>(&first, 1));
  const Value ops[] = {valid_i32, key, index};
  const TType types[] = {valid_i32.type, key.type, index.type};
  return b.op_n("stablehlo.sort", ops, types, "dimension = 1 : i64, is_stable = true", shlo::region_text(rb));
}

// Decoded boxes, as four [B] f32 values (ymin, xmin, ymax, xmax).
struct Boxes {
  Value c[4];
};

// Greedy NMS (ref::nms_one_class) for G groups at once: scores [G, B],
// at most `limit` per group. Returns the selected box indices [G, limit]
// (best first, 0 past the count) and the counts [G].
std::pair<Value, Value> greedy_nms(Builder& b, const Boxes& boxes, const Value& scores, const Params& p,
                                   int64_t limit) {
  const int64_t G = scores.type.shape[0], B = scores.type.shape[1];
  const std::vector<int64_t> gb = {G, B};
  const Value valid = b.compare(scores, b.splat(F32, gb, p.score_threshold), Cmp::GE);
  const Value valid_i = b.convert(valid, I32);
  const Value key = b.select(valid, scores, b.splat(F32, gb, 0.0));
  const std::vector<Value> sorted = sort_desc(b, valid_i, key, b.iota({I32, gb}, 1));
  const Value order = sorted[2];
  const int64_t dim1 = 1;
  const Value n = b.reduce(valid_i, b.scalar(I32, 0), std::span<const int64_t>(&dim1, 1), "stablehlo.add");
  Value c[4];
  for (int k = 0; k < 4; ++k) c[k] = shlo::gather_axis(b, boxes.c[k], order, 0);
  const Value area = b.mul(b.sub(c[2], c[0]), b.sub(c[3], c[1]));

  // Loop variables: i, active [G,B], selected [G,limit+1] (the last column
  // takes the writes of groups that select nothing), count [G], then the
  // loop-invariant sorted boxes, areas, order and n.
  const TType ti{I32, {}}, tact{I1, gb}, tsel{I32, {G, limit + 1}}, tcnt{I32, {G}}, tf{F32, gb}, to{I32, gb};
  const std::vector<TType> types = {ti, tact, tsel, tcnt, tf, tf, tf, tf, tf, to, tcnt};
  const std::vector<Value> init = {b.scalar(I32, 0), b.compare(sorted[0], b.splat(I32, gb, 0), Cmp::NE),
                                   fill(b, I32, {G, limit + 1}, 0), fill(b, I32, {G}, 0), c[0], c[1], c[2], c[3],
                                   area, order, n};
  const int64_t dim0 = 0;

  // cond: some group has a sorted candidate left and room for it.
  std::vector<Value> cv;
  Builder cb = block(b, types, cv);
  {
    const Value i = cb.broadcast_in_dim(cv[0], {G}, {});
    const Value more = and_(cb, cb.compare(i, cv[10], Cmp::LT), cb.compare(cv[3], fill(cb, I32, {G}, limit), Cmp::LT));
    const Value any = cb.reduce(more, cb.scalar(I1, 0), std::span<const int64_t>(&dim0, 1), "stablehlo.or");
    shlo::region_return(cb, std::span<const Value>(&any, 1));
  }

  // body: the candidate at sorted position i of each group, if still
  // active and its group has room, is selected and suppresses the later
  // candidates of its group whose IoU with it exceeds the threshold.
  std::vector<Value> v;
  Builder bb = block(b, types, v);
  {
    const Value zero = bb.scalar(I32, 0);
    const Value& i = v[0];
    const Value act_i = bb.reshape(dyn_slice(bb, v[1], {zero, i}, {G, 1}), {G});
    const Value live = and_(bb, act_i, bb.compare(v[3], fill(bb, I32, {G}, limit), Cmp::LT));
    const Value cand = bb.reshape(dyn_slice(bb, v[9], {zero, i}, {G, 1}), {G});
    const std::vector<int64_t> gs = {G, limit + 1};
    const Value at = and_(bb, bb.compare(bb.iota({I32, gs}, 1), bb.broadcast_in_dim(v[3], gs, std::vector<int64_t>{0}), Cmp::EQ),
                          bb.broadcast_in_dim(live, gs, std::vector<int64_t>{0}));
    const Value sel = bb.select(at, bb.broadcast_in_dim(cand, gs, std::vector<int64_t>{0}), v[2]);
    const Value count = bb.add(v[3], bb.convert(live, I32));
    // IoU as ref::iou: 0 when either box has no area.
    Value cc[5];
    for (int k = 0; k < 5; ++k)
      cc[k] = bb.broadcast_in_dim(dyn_slice(bb, v[4 + k], {zero, i}, {G, 1}), gb, std::vector<int64_t>{0, 1});
    const Value fzero = bb.splat(F32, gb, 0.0);
    const Value h = bb.max(bb.sub(bb.min(cc[2], v[6]), bb.max(cc[0], v[4])), fzero);
    const Value w = bb.max(bb.sub(bb.min(cc[3], v[7]), bb.max(cc[1], v[5])), fzero);
    const Value inter = bb.mul(h, w);
    const Value iou = bb.div(inter, bb.sub(bb.add(cc[4], v[8]), inter));
    const Value has_area = and_(bb, not_(bb, bb.compare(cc[4], fzero, Cmp::LE)), not_(bb, bb.compare(v[8], fzero, Cmp::LE)));
    const Value over = and_(bb, has_area, bb.compare(iou, bb.splat(F32, gb, p.iou_threshold), Cmp::GT));
    const Value later = bb.compare(bb.iota({I32, gb}, 1), bb.broadcast_in_dim(i, gb, {}), Cmp::GT);
    const Value supp = and_(bb, and_(bb, over, later), bb.broadcast_in_dim(live, gb, std::vector<int64_t>{0}));
    const Value active = and_(bb, v[1], not_(bb, supp));
    const Value next = bb.add(i, bb.scalar(I32, 1));
    const std::vector<Value> out = {next, active, sel, count, v[4], v[5], v[6], v[7], v[8], v[9], v[10]};
    shlo::region_return(bb, out);
  }
  const std::vector<Value> res =
      b.op_n("stablehlo.while", init, types, {}, shlo::region_text(cb) + ", " + shlo::region_text(bb));
  const int64_t start[] = {0, 0}, lim[] = {G, limit}, one[] = {1, 1};
  return {b.slice(res[2], start, lim, one), res[3]};
}

// The first k classes of each box as the kernel's std::partial_sort on
// (class indices, comp = score greater) leaves them, ties included: the
// heap selection of libstdc++ (make_heap on the first k, then each later
// class that beats the heap's top replaces it and sifts down, then
// sort_heap), whose sift-down / push-up steps decide where equal scores
// land. All boxes at once: the heap is [B, k], positions are per-box
// vectors and every data-dependent loop is unrolled to its bound with a
// mask. One stablehlo.while step per heap operation. Returns the classes
// and scores, [B, k] each, best first.
std::pair<Value, Value> partial_sort_classes(Builder& b, const Value& scores, int64_t k) {
  const int64_t B = scores.type.shape[0], C = scores.type.shape[1];
  const int64_t T1 = k / 2, T2 = C - k, T3 = k - 1;
  // Unrolled bounds: the sift-down runs while child < (len - 1) / 2 and
  // each step takes child to 2 * child + 1 or more (len <= k, from hole
  // 0 at least); the push-up climbs at most the depth of a heap of k.
  int sift_levels = 0, push_levels = 0;
  for (int64_t c = 0; c < (k - 1) / 2; c = 2 * c + 1) ++sift_levels;
  for (int64_t h = k - 1; h > 0; h = (h - 1) / 2) ++push_levels;
  const std::vector<int64_t> bk = {B, k}, bv = {B};
  const int64_t z2[] = {0, 0}, l2[] = {B, k}, one2[] = {1, 1};
  const TType ti{I32, {}}, th{I32, bk}, ths{F32, bk}, ts{F32, {B, C}};
  const std::vector<TType> types = {ti, th, ths, ts};
  const std::vector<Value> init = {b.scalar(I32, 0), b.iota(th, 1), b.slice(scores, z2, l2, one2), scores};

  std::vector<Value> cv;
  Builder cb = block(b, types, cv);
  {
    const Value go = cb.compare(cv[0], cb.scalar(I32, static_cast<double>(T1 + T2 + T3)), Cmp::LT);
    shlo::region_return(cb, std::span<const Value>(&go, 1));
  }
  std::vector<Value> v;
  Builder bb = block(b, types, v);
  {
    const Value& t = v[0];
    Value H = v[1], HS = v[2];
    const Value& S = v[3];
    auto sc = [&](double x) { return bb.scalar(I32, x); };
    auto vec = [&](const Value& scalar) { return bb.broadcast_in_dim(scalar, bv, {}); };
    const Value iota = bb.iota(th, 1);
    auto at = [&](const Value& pos) { return bb.compare(iota, bb.broadcast_in_dim(pos, bk, std::vector<int64_t>{0}), Cmp::EQ); };
    const int64_t dim1 = 1;
    auto read = [&](const Value& arr, const Value& pos) {
      const Value z = arr.type.dtype == F32 ? bb.splat(F32, bk, 0.0) : fill(bb, I32, bk, 0);
      return bb.reduce(bb.select(at(pos), arr, z), bb.scalar(arr.type.dtype, 0), std::span<const int64_t>(&dim1, 1),
                       "stablehlo.add");
    };
    auto write = [&](const Value& arr, const Value& pos, const Value& val, const Value& mask) {
      const Value m = and_(bb, at(pos), bb.broadcast_in_dim(mask, bk, std::vector<int64_t>{0}));
      return bb.select(m, bb.broadcast_in_dim(val, bk, std::vector<int64_t>{0}), arr);
    };
    auto move = [&](const Value& to, const Value& from, const Value& mask) {
      const Value hi = read(H, from), hs = read(HS, from);
      H = write(H, to, hi, mask);
      HS = write(HS, to, hs, mask);
    };
    // Phase 1 (t < T1): make_heap, hole (k-2)/2 - t. Phase 2: class
    // k + t - T1 against the heap's top. Phase 3: sort_heap, the heap of
    // len = k - 1 - (t - T1 - T2) gives its top to position len.
    const Value in1 = bb.compare(t, sc(static_cast<double>(T1)), Cmp::LT);
    const Value in3 = bb.compare(t, sc(static_cast<double>(T1 + T2)), Cmp::GE);
    const Value in2 = and_(bb, not_(bb, in1), not_(bb, in3));
    const Value hole_s = bb.select(in1, bb.sub(sc(static_cast<double>((k - 2) / 2)), t), sc(0));
    const Value len_s =
        bb.select(in3, bb.sub(sc(static_cast<double>(k - 1 + T1 + T2)), t), sc(static_cast<double>(k)));
    const Value col = bb.clamp(sc(0), bb.add(t, sc(static_cast<double>(k - T1))), sc(static_cast<double>(C - 1)));
    const Value col_s = bb.reshape(dyn_slice(bb, S, {sc(0), col}, {B, 1}), bv);
    const Value from = vec(bb.select(in1, hole_s, len_s));
    const Value val_i = bb.select(vec(in2), vec(col), read(H, from));
    const Value val_s = bb.select(vec(in2), col_s, read(HS, from));
    const Value zero_v = fill(bb, I32, bv, 0);
    const Value top_s = read(HS, zero_v);
    const Value mask = or_(bb, not_(bb, vec(in2)), bb.compare(col_s, top_s, Cmp::GT));
    move(from, zero_v, vec(in3));  // sort_heap: *last = *first
    // __adjust_heap(first, hole, len, value)
    Value hole = vec(hole_s);
    const Value top = hole;
    Value child = hole;
    const Value lim = vec(bb.div(bb.sub(len_s, sc(1)), sc(2)));
    const Value one_v = fill(bb, I32, bv, 1), two_v = fill(bb, I32, bv, 2);
    for (int l = 0; l < sift_levels; ++l) {
      const Value go = and_(bb, mask, bb.compare(child, lim, Cmp::LT));
      const Value right = bb.mul(two_v, bb.add(child, one_v));
      const Value left = bb.sub(right, one_v);
      const Value pick = bb.select(bb.compare(read(HS, right), read(HS, left), Cmp::GT), left, right);
      move(hole, pick, go);
      hole = bb.select(go, pick, hole);
      child = bb.select(go, pick, child);
    }
    const Value even = bb.compare(bb.binary("stablehlo.remainder", len_s, sc(2)), sc(0), Cmp::EQ);
    const Value tail = and_(bb, and_(bb, mask, vec(even)),
                            bb.compare(child, vec(bb.div(bb.sub(len_s, sc(2)), sc(2))), Cmp::EQ));
    const Value last_child = bb.add(bb.mul(two_v, child), one_v);
    move(hole, last_child, tail);
    hole = bb.select(tail, last_child, hole);
    // __push_heap(first, hole, top, value)
    for (int l = 0; l < push_levels; ++l) {
      const Value parent = bb.div(bb.sub(hole, one_v), two_v);
      const Value go = and_(bb, and_(bb, mask, bb.compare(hole, top, Cmp::GT)),
                            bb.compare(read(HS, parent), val_s, Cmp::GT));
      move(hole, parent, go);
      hole = bb.select(go, parent, hole);
    }
    H = write(H, hole, val_i, mask);
    HS = write(HS, hole, val_s, mask);
    const std::vector<Value> out = {bb.add(t, sc(1)), H, HS, S};
    shlo::region_return(bb, out);
  }
  const std::vector<Value> res =
      b.op_n("stablehlo.while", init, types, {}, shlo::region_text(cb) + ", " + shlo::region_text(bb));
  return {res[1], res[2]};
}

// An input as f32: quantized integer values (a --quant mode that keeps
// them) are dequantized as the kernel does, (float(q) - zero_point) * scale.
Result<Value> real_input(shlo::LowerContext& ctx, int k) {
  Result<Value> v = ctx.input(k);
  if (!v.ok()) return v.status();
  const DType t = v->type.dtype;
  if (t == F32) return v;
  const Tensor& tensor = ctx.input_tensor(k);
  if ((t != DType::kUInt8 && t != DType::kInt8) || tensor.quant.scale.size() != 1)
    return Status::error("input " + std::to_string(k) + " ('" + tensor.name +
                         "') must be float32 or per-tensor quantized uint8/int8, is " + shlo::type_str(v->type));
  Builder& b = ctx.b;
  const double zp = tensor.quant.zero_point.empty() ? 0 : static_cast<double>(tensor.quant.zero_point[0]);
  const Value x = b.sub(b.convert(v.value(), F32), b.splat(F32, v->type.shape, zp));
  return b.mul(x, b.splat(F32, v->type.shape, tensor.quant.scale[0]));
}

// Constant anchors are checked here, as the kernel checks each decoded box
// when it runs: a negative height or width gives ymin > ymax.
Status check_constant_anchors(const Tensor& t) {
  if (!t.is_constant()) return ok_status();
  const size_t n = t.data.size() / std::max<size_t>(dtype_bits(t.dtype) / 8, 1);
  for (size_t i = 0; i + 3 < n; i += 4)
    for (size_t j : {i + 2, i + 3}) {
      float x = 0;
      if (t.dtype == F32) {
        std::memcpy(&x, t.data.data() + 4 * j, 4);
      } else {
        const float q = t.dtype == DType::kInt8 ? static_cast<float>(static_cast<int8_t>(t.data[j])) : t.data[j];
        const float zp = t.quant.zero_point.empty() ? 0.0f : static_cast<float>(t.quant.zero_point[0]);
        x = t.quant.scale.empty() ? q : (q - zp) * t.quant.scale[0];
      }
      if (x < 0)
        return Status::error("anchor " + std::to_string(i / 4) + " has a negative " + (j == i + 2 ? "height" : "width") +
                             " (the kernel refuses the box it decodes: ymin > ymax or xmin > xmax)");
    }
  return ok_status();
}

Result<Boxes> decode(shlo::LowerContext& ctx, const Params& p, int64_t B) {
  Builder& b = ctx.b;
  Result<Value> enc = real_input(ctx, 0);
  if (!enc.ok()) return enc.status();
  Result<Value> anchors = real_input(ctx, 2);
  if (!anchors.ok()) return anchors.status();
  const int64_t start[] = {0, 0, 0}, limit[] = {1, B, 4}, one[] = {1, 1, 1};
  const Value e = b.convert(b.reshape(b.slice(enc.value(), start, limit, one), {B, 4}), F64);
  const Value a = b.convert(anchors.value(), F64);
  const std::vector<int64_t> s = {B};
  auto scale = [&](float v) { return b.splat(F64, s, static_cast<double>(v)); };
  const Value ay = column(b, a, 0), ax = column(b, a, 1), ah = column(b, a, 2), aw = column(b, a, 3);
  const Value yc = b.convert(b.add(b.mul(b.div(column(b, e, 0), scale(p.y_scale)), ah), ay), F32);
  const Value xc = b.convert(b.add(b.mul(b.div(column(b, e, 1), scale(p.x_scale)), aw), ax), F32);
  const Value half = b.splat(F64, s, 0.5);
  const Value hh = b.convert(b.mul(b.mul(half, b.unary("stablehlo.exponential", b.div(column(b, e, 2), scale(p.h_scale)))), ah), F32);
  const Value hw = b.convert(b.mul(b.mul(half, b.unary("stablehlo.exponential", b.div(column(b, e, 3), scale(p.w_scale)))), aw), F32);
  return Boxes{{b.sub(yc, hh), b.sub(xc, hw), b.add(yc, hh), b.add(xc, hw)}};
}

// [n, 4] boxes of the indices `idx` [n].
Value gather_boxes(Builder& b, const Boxes& boxes, const Value& idx) {
  const int64_t n = idx.type.shape[0];
  std::vector<Value> cols;
  for (const Value& c : boxes.c) cols.push_back(b.reshape(shlo::gather_axis(b, c, idx, 0), {n, 1}));
  return b.concatenate(cols, 1);
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  if (ctx.num_inputs() != 3 || ctx.num_outputs() != 4 || !ctx.has_input(0) || !ctx.has_input(1) || !ctx.has_input(2))
    return Status::error("takes 3 inputs (box_encodings, class_predictions, anchors) and 4 outputs");
  Result<Params> params = parse_options(ctx.op().custom_options);
  if (!params.ok()) return params.status();
  const Params& p = params.value();
  const auto& es = ctx.input_tensor(0).shape;
  const auto& cs = ctx.input_tensor(1).shape;
  const auto& as = ctx.input_tensor(2).shape;
  if (es.size() != 3 || cs.size() != 3 || as.size() != 2 || es[0] != 1 || cs[0] != 1 || es[2] < 4 || cs[1] != es[1] ||
      as[0] != es[1] || as[1] != 4)
    return Status::error("inputs must be box_encodings [1, boxes, >=4], class_predictions [1, boxes, classes] and "
                         "anchors [boxes, 4], got " + shape_to_string(es) + ", " + shape_to_string(cs) + ", " +
                         shape_to_string(as));
  const int64_t B = es[1], C = p.num_classes, L = cs[2] - p.num_classes;
  if (L < 0 || L > 1)
    return Status::error("class_predictions has " + std::to_string(cs[2]) + " classes per box; num_classes is " +
                         std::to_string(C) + " (one more for a background class is allowed)");
  if (B <= 0) return Status::error("there are no boxes");
  if (Status st = check_constant_anchors(ctx.input_tensor(2)); !st.ok()) return st;
  const int64_t D = p.max_detections, K = p.max_classes_per_detection, slots = D * K;
  const std::vector<std::vector<int64_t>> want = {{1, slots, 4}, {1, slots}, {1, slots}, {1}};
  for (int k = 0; k < 4; ++k) {
    const TType t = ctx.output_type(k);
    if (t.dtype != F32 || t.shape != want[k])
      return Status::error("output " + std::to_string(k) + " is " + shlo::type_str(t) + ", the options give " +
                           shlo::type_str({F32, want[k]}));
  }
  Builder& b = ctx.b;
  if (slots == 0) {
    for (int k = 0; k < 4; ++k) ctx.set_output(k, b.splat(F32, want[k], 0.0));
    return ok_status();
  }
  Result<Boxes> boxes = decode(ctx, p, B);
  if (!boxes.ok()) return boxes.status();
  Result<Value> cls_in = real_input(ctx, 1);
  if (!cls_in.ok()) return cls_in.status();
  // [B, C] without the background column.
  const int64_t s0[] = {0, L}, s1[] = {B, L + C}, one2[] = {1, 1};
  const Value scores = b.slice(b.reshape(cls_in.value(), {B, L + C}), s0, s1, one2);
  const int64_t dim1 = 1;

  Value out_boxes, out_classes, out_scores, num;
  if (!p.use_regular_nms) {
    const int64_t k = std::min(K, C);
    const Value best = b.reduce(scores, b.scalar(F32, -std::numeric_limits<double>::infinity()),
                                std::span<const int64_t>(&dim1, 1), "stablehlo.maximum");
    auto [sel, count] = greedy_nms(b, boxes.value(), b.reshape(best, {1, B}), p, D);
    const Value idx = b.reshape(sel, {D});
    // Each box's classes, best first: for k = 1 the first maximum (the
    // kernel's scan), which a sort on (score, class) gives; for k > 1 the
    // kernel's partial_sort order.
    Value cls_bk, sc_bk;
    if (k == 1) {
      const std::vector<Value> ranked = sort_desc(b, fill(b, I32, {B, C}, 1), scores, b.iota({I32, {B, C}}, 1));
      const int64_t t0[] = {0, 0}, t1[] = {B, 1};
      cls_bk = b.slice(ranked[2], t0, t1, one2);
      sc_bk = b.slice(ranked[1], t0, t1, one2);
    } else {
      std::tie(cls_bk, sc_bk) = partial_sort_classes(b, scores, k);
    }
    const Value top_cls = shlo::gather_axis(b, b.convert(cls_bk, F32), idx, 0);  // [D, k]
    const Value top_sc = shlo::gather_axis(b, sc_bk, idx, 0);
    const Value fz = b.scalar(F32, 0.0);
    const int64_t lo[] = {0, 0}, hi[] = {0, K - k};
    const Value cls_dk = b.pad(top_cls, fz, lo, hi), sc_dk = b.pad(top_sc, fz, lo, hi);
    // Slot (d, c) holds a detection when d < count and c < k.
    const std::vector<int64_t> dk = {D, K};
    const Value used = and_(b, b.compare(b.iota({I32, dk}, 0), b.broadcast_in_dim(b.reshape(count, {}), dk, {}), Cmp::LT),
                            b.compare(b.iota({I32, dk}, 1), b.splat(I32, dk, static_cast<double>(k)), Cmp::LT));
    const Value zeros = b.splat(F32, dk, 0.0);
    out_classes = b.reshape(b.select(used, cls_dk, zeros), {1, slots});
    out_scores = b.reshape(b.select(used, sc_dk, zeros), {1, slots});
    const std::vector<int64_t> dk4 = {D, K, 4};
    const Value bx = b.broadcast_in_dim(gather_boxes(b, boxes.value(), idx), dk4, std::vector<int64_t>{0, 2});
    const Value bxm = b.select(b.broadcast_in_dim(used, dk4, std::vector<int64_t>{0, 1}), bx, b.splat(F32, dk4, 0.0));
    out_boxes = b.reshape(bxm, {1, slots, 4});
    num = b.reshape(b.convert(count, F32), {1});
  } else {
    const int64_t P = std::min<int64_t>(p.detections_per_class, D), M = C * P;
    const int64_t perm[] = {1, 0};
    const Value by_class = b.transpose(scores, perm);  // [C, B]
    auto [sel, count] = greedy_nms(b, boxes.value(), by_class, p, P);  // [C, P], [C]
    // Each selection's score and flat index into the [C, P] table.
    const std::vector<int64_t> cp = {C, P};
    const Value flat_score_idx = b.add(b.mul(b.iota({I32, cp}, 0), b.splat(I32, cp, static_cast<double>(B))), sel);
    const Value sel_score = shlo::gather_axis(b, b.reshape(by_class, {C * B}), flat_score_idx, 0);  // [C, P]
    const Value valid = b.convert(b.compare(b.iota({I32, cp}, 1), b.broadcast_in_dim(count, cp, std::vector<int64_t>{0}), Cmp::LT), I32);
    const Value key = b.select(b.compare(valid, b.splat(I32, cp, 0), Cmp::NE), sel_score, b.splat(F32, cp, 0.0));
    // (valid, score, flat index c * P + r): the flat index orders ties by
    // class, then by rank within the class.
    const std::vector<Value> merged =
        sort_desc(b, b.reshape(valid, {1, M}), b.reshape(key, {1, M}), b.iota({I32, {1, M}}, 1));
    // The first D entries (padded when all classes together hold fewer).
    const int64_t take = std::min(M, D);
    auto first = [&](const Value& x) {
      const int64_t a0[] = {0, 0}, a1[] = {1, take};
      Value s = b.reshape(b.slice(x, a0, a1, one2), {take});
      if (take < D) {
        const int64_t lo[] = {0}, hi[] = {D - take};
        s = b.pad(s, b.scalar(x.type.dtype, 0.0), lo, hi);
      }
      return s;
    };
    const Value entry = first(merged[2]);                 // [D] flat index c * P + r
    const Value entry_score = first(merged[1]);           // [D]
    const int64_t dim0 = 0;
    const Value total = b.reduce(count, b.scalar(I32, 0), std::span<const int64_t>(&dim0, 1), "stablehlo.add");
    const Value found = b.min(total, b.scalar(I32, static_cast<double>(D)));
    const std::vector<int64_t> d1 = {D};
    const Value used = b.compare(b.iota({I32, d1}, 0), b.broadcast_in_dim(found, d1, {}), Cmp::LT);
    const Value box_idx = shlo::gather_axis(b, b.reshape(sel, {M}), entry, 0);
    const Value cls = b.convert(b.div(entry, b.splat(I32, d1, static_cast<double>(P))), F32);
    const Value zeros = b.splat(F32, d1, 0.0);
    const int64_t lo1[] = {0}, hi1[] = {slots - D};
    const Value fz = b.scalar(F32, 0.0);
    out_classes = b.reshape(b.pad(b.select(used, cls, zeros), fz, lo1, hi1), {1, slots});
    out_scores = b.reshape(b.pad(b.select(used, entry_score, zeros), fz, lo1, hi1), {1, slots});
    const std::vector<int64_t> d4 = {D, 4};
    const Value bx = b.select(b.broadcast_in_dim(used, d4, std::vector<int64_t>{0}), gather_boxes(b, boxes.value(), box_idx),
                              b.splat(F32, d4, 0.0));
    const int64_t lo2[] = {0, 0}, hi2[] = {slots - D, 0};
    out_boxes = b.reshape(b.pad(bx, fz, lo2, hi2), {1, slots, 4});
    num = b.reshape(b.convert(found, F32), {1});
  }
  ctx.set_output(0, out_boxes);
  ctx.set_output(1, out_classes);
  ctx.set_output(2, out_scores);
  ctx.set_output(3, num);
  return ok_status();
}

}  // namespace xlite::ops::custom::detection_postprocess
