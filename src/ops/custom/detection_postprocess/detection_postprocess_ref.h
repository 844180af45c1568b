// SPDX-License-Identifier: Apache-2.0
// TFLite_Detection_PostProcess, reference: SSD box decoding and
// non-maximum suppression, as LiteRT's kernel (tflite/kernels/
// detection_postprocess.cc) defines them, to the bit: the decoding is done
// in double and rounded to float, IoU in float, and ties between equal
// scores fall as LiteRT's sorts leave them (a stable sort of the kept
// scores, std::partial_sort or a first-maximum scan for the classes of one
// box, std::inplace_merge of the per-class results in class order).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace xlite::ops::custom::detection_postprocess::ref {

struct Params {
  int max_detections = 0;
  int max_classes_per_detection = 1;  // fast NMS
  int detections_per_class = 100;     // regular NMS
  float score_threshold = 0;
  float iou_threshold = 0;
  int num_classes = 0;
  float y_scale = 1, x_scale = 1, h_scale = 1, w_scale = 1;
  bool use_regular_nms = false;
};

// Corners, the order of the detection_boxes output.
struct Box {
  float ymin, xmin, ymax, xmax;
};

// enc and anchor are (y, x, h, w): centre and size.
inline Box decode(const float enc[4], const float anchor[4], const Params& p) {
  const double ay = anchor[0], ax = anchor[1], ah = anchor[2], aw = anchor[3];
  const float yc = static_cast<float>(static_cast<double>(enc[0]) / p.y_scale * ah + ay);
  const float xc = static_cast<float>(static_cast<double>(enc[1]) / p.x_scale * aw + ax);
  const float half_h = static_cast<float>(0.5 * std::exp(static_cast<double>(enc[2]) / p.h_scale) * ah);
  const float half_w = static_cast<float>(0.5 * std::exp(static_cast<double>(enc[3]) / p.w_scale) * aw);
  return {yc - half_h, xc - half_w, yc + half_h, xc + half_w};
}

// 0 when either box has no area.
inline float iou(const Box& a, const Box& b) {
  const float area_a = (a.ymax - a.ymin) * (a.xmax - a.xmin);
  const float area_b = (b.ymax - b.ymin) * (b.xmax - b.xmin);
  if (area_a <= 0 || area_b <= 0) return 0.0f;
  const float h = std::max(std::min(a.ymax, b.ymax) - std::max(a.ymin, b.ymin), 0.0f);
  const float w = std::max(std::min(a.xmax, b.xmax) - std::max(a.xmin, b.xmin), 0.0f);
  const float inter = h * w;
  return inter / (area_a + area_b - inter);
}

// Greedy NMS over one score per box: boxes scoring at least the threshold,
// best first (equal scores keep box order), each dropping the later ones
// it overlaps by more than the IoU threshold. At most `limit` indices.
inline void nms_one_class(const Box* boxes, const std::vector<float>& scores, const Params& p, int limit,
                          std::vector<int>* selected) {
  std::vector<int> kept;
  for (int i = 0; i < static_cast<int>(scores.size()); ++i)
    if (scores[i] >= p.score_threshold) kept.push_back(i);
  std::stable_sort(kept.begin(), kept.end(), [&](int a, int b) { return scores[a] > scores[b]; });
  const int n = static_cast<int>(kept.size());
  const int want = std::min(n, limit);
  selected->clear();
  std::vector<uint8_t> active(n, 1);
  int num_active = n;
  for (int i = 0; i < n && num_active > 0 && static_cast<int>(selected->size()) < want; ++i) {
    if (!active[i]) continue;
    selected->push_back(kept[i]);
    active[i] = 0;
    --num_active;
    for (int j = i + 1; j < n; ++j)
      if (active[j] && iou(boxes[kept[i]], boxes[kept[j]]) > p.iou_threshold) {
        active[j] = 0;
        --num_active;
      }
  }
}

// The first `k` class indices of one box by decreasing score.
inline void top_classes(const float* s, int num_classes, int k, int* idx) {
  if (k == 1) {
    int best = 0;  // the first maximum
    for (int c = 1; c < num_classes; ++c)
      if (s[c] > s[best]) best = c;
    idx[0] = best;
    return;
  }
  std::iota(idx, idx + num_classes, 0);
  std::partial_sort(idx, idx + k, idx + num_classes, [&](int a, int b) { return s[a] > s[b]; });
}

struct Outputs {
  float* boxes;    // [max_detections * slots, 4]
  float* classes;  // [max_detections * slots]
  float* scores;   // [max_detections * slots]
  float* num;      // [1]
};

// Fast NMS: each box competes with its best class score; a kept box
// reports its top max_classes_per_detection classes. scores is
// [num_boxes, num_classes + label_offset].
inline void fast_nms(const Box* boxes, const float* scores, int num_boxes, int label_offset, const Params& p,
                     const Outputs& out) {
  const int stride = p.num_classes + label_offset;
  const int k = std::min(p.max_classes_per_detection, p.num_classes);
  std::vector<int> classes(static_cast<size_t>(num_boxes) * p.num_classes);
  std::vector<float> best(num_boxes);
  for (int b = 0; b < num_boxes; ++b) {
    const float* row = scores + static_cast<int64_t>(b) * stride + label_offset;
    int* idx = classes.data() + static_cast<int64_t>(b) * p.num_classes;
    top_classes(row, p.num_classes, k, idx);
    best[b] = row[idx[0]];
  }
  std::vector<int> selected;
  nms_one_class(boxes, best, p, p.max_detections, &selected);
  for (int d = 0; d < static_cast<int>(selected.size()); ++d) {
    const int b = selected[d];
    const float* row = scores + static_cast<int64_t>(b) * stride + label_offset;
    const int* idx = classes.data() + static_cast<int64_t>(b) * p.num_classes;
    for (int c = 0; c < k; ++c) {
      const int slot = p.max_classes_per_detection * d + c;
      const Box& box = boxes[b];
      float* o = out.boxes + 4 * static_cast<int64_t>(slot);
      o[0] = box.ymin, o[1] = box.xmin, o[2] = box.ymax, o[3] = box.xmax;
      out.classes[slot] = static_cast<float>(idx[c]);
      out.scores[slot] = row[idx[c]];
    }
  }
  out.num[0] = static_cast<float>(selected.size());
}

// Regular NMS: NMS per class, then the best max_detections of all classes.
inline void regular_nms(const Box* boxes, const float* scores, int num_boxes, int label_offset, const Params& p,
                        const Outputs& out) {
  const int stride = p.num_classes + label_offset;
  const int per_class = std::min(p.detections_per_class, p.max_detections);
  struct Found {
    int index;  // box * stride + class + label_offset
    float score;
  };
  // Sorted best first; room for the kept ones plus one class's selection.
  std::vector<Found> found(static_cast<size_t>(p.max_detections) * 2);
  int num_found = 0;
  std::vector<float> class_scores(num_boxes);
  std::vector<int> selected;
  for (int c = 0; c < p.num_classes; ++c) {
    for (int b = 0; b < num_boxes; ++b) class_scores[b] = scores[static_cast<int64_t>(b) * stride + c + label_offset];
    nms_one_class(boxes, class_scores, p, per_class, &selected);
    if (selected.empty()) continue;
    const int n = static_cast<int>(selected.size());
    for (int i = 0; i < n; ++i) found[num_found + i] = {selected[i] * stride + c + label_offset, class_scores[selected[i]]};
    std::inplace_merge(found.begin(), found.begin() + num_found, found.begin() + num_found + n,
                       [](const Found& a, const Found& b) { return a.score > b.score; });
    num_found = std::min(num_found + n, p.max_detections);
  }
  for (int d = 0; d < num_found; ++d) {
    const int b = found[d].index / stride;
    const Box& box = boxes[b];
    float* o = out.boxes + 4 * static_cast<int64_t>(d);
    o[0] = box.ymin, o[1] = box.xmin, o[2] = box.ymax, o[3] = box.xmax;
    out.classes[d] = static_cast<float>(found[d].index - b * stride - label_offset);
    out.scores[d] = found[d].score;
  }
  out.num[0] = static_cast<float>(num_found);
}

}  // namespace xlite::ops::custom::detection_postprocess::ref
