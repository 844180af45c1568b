// SPDX-License-Identifier: Apache-2.0
// TFLite_Detection_PostProcess (the SSD head of TF Object Detection models).
// Inputs: box_encodings [1, B, >=4] (y, x, h, w per box), class_predictions
// [1, B, C or C+1] (a leading background class is skipped), anchors [B, 4]
// (y, x, h, w). Each is float32 or quantized uint8/int8 (dequantized with
// its own scale and zero point; LiteRT itself takes uint8 only). Outputs,
// all float32: detection_boxes [1, D, 4] (ymin, xmin, ymax, xmax),
// detection_classes [1, D], detection_scores [1, D], num_detections [1],
// D = max_detections * max_classes_per_detection. Slots past the detections
// found are zero. Options: a FlexBuffers map (flex_options.h) with the keys
// of LiteRT's kernel; detections_per_class defaults to 100, use_regular_nms
// to false.
#include "ops/custom/detection_postprocess/detection_postprocess.h"

#include "ops/custom/flex_options.h"
#include "ops/kernel.h"

namespace xlite::ops::custom::detection_postprocess {

Result<ref::Params> parse_options(std::span<const uint8_t> bytes) {
  auto opt = FlexOptions::parse(bytes);
  if (!opt.ok()) return opt.status();
  const FlexOptions& o = opt.value();
  ref::Params p;
  auto max_det = o.get_int("max_detections");
  auto max_cls = o.get_int("max_classes_per_detection");
  auto num_classes = o.get_int("num_classes");
  auto score = o.get_float("nms_score_threshold");
  auto iou = o.get_float("nms_iou_threshold");
  auto ys = o.get_float("y_scale");
  auto xs = o.get_float("x_scale");
  auto hs = o.get_float("h_scale");
  auto ws = o.get_float("w_scale");
  for (const Status* s : {&max_det.status(), &max_cls.status(), &num_classes.status(), &score.status(),
                          &iou.status(), &ys.status(), &xs.status(), &hs.status(), &ws.status()})
    if (!s->ok()) return *s;
  p.max_detections = *max_det;
  p.max_classes_per_detection = *max_cls;
  p.num_classes = *num_classes;
  p.score_threshold = *score;
  p.iou_threshold = *iou;
  p.y_scale = *ys, p.x_scale = *xs, p.h_scale = *hs, p.w_scale = *ws;
  p.detections_per_class = o.get_int("detections_per_class", 100);
  p.use_regular_nms = o.get_bool("use_regular_nms", false);
  if (p.max_detections < 0) return Status::error("max_detections must be >= 0");
  if (p.num_classes <= 0) return Status::error("num_classes must be positive");
  if (!p.use_regular_nms && p.max_classes_per_detection <= 0)
    return Status::error("max_classes_per_detection must be positive");
  if (p.use_regular_nms && std::min(p.detections_per_class, p.max_detections) <= 0)
    return Status::error("regular NMS needs detections_per_class and max_detections above 0");
  if (!(p.iou_threshold > 0.0f && p.iou_threshold <= 1.0f))
    return Status::error("nms_iou_threshold must be in (0, 1], got " + std::to_string(p.iou_threshold));
  if (int64_t{p.max_detections} * std::max(p.max_classes_per_detection, 1) > (int64_t{1} << 24))
    return Status::error("max_detections * max_classes_per_detection is too large");
  return p;
}

namespace {

struct State : OpState {
  ref::Params p;
  int num_boxes = 0, box_len = 4, label_offset = 0;
  std::vector<ref::Box> boxes;
  std::vector<float> scores;  // dequantized class predictions
};


bool supported(const RtTensor& t) {
  return t.dtype == DType::kFloat32 || t.dtype == DType::kUInt8 || t.dtype == DType::kInt8;
}

// Element i of a float32 or quantized tensor as float, as LiteRT
// dequantizes: (float(q) - zero_point) * scale in float.
float real(const RtTensor& t, int64_t i) {
  switch (t.dtype) {
    case DType::kUInt8:
      return (static_cast<float>(t.as<uint8_t>()[i]) - static_cast<float>(t.zero_point())) * t.scale();
    case DType::kInt8:
      return (static_cast<float>(t.as<int8_t>()[i]) - static_cast<float>(t.zero_point())) * t.scale();
    default:
      return t.as<float>()[i];
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  if (ctx.num_inputs() != 3 || ctx.num_outputs() != 4)
    return Status::error("takes 3 inputs (box_encodings, class_predictions, anchors) and 4 outputs, has " +
                         std::to_string(ctx.num_inputs()) + " and " + std::to_string(ctx.num_outputs()));
  const RtTensor* enc = ctx.input(0);
  const RtTensor* cls = ctx.input(1);
  const RtTensor* anchors = ctx.input(2);
  if (!enc || !cls || !anchors) return Status::error("all 3 inputs are required");
  auto params = parse_options(ctx.op().custom_options);
  if (!params.ok()) return params.status();
  const ref::Params& p = params.value();
  if (enc->rank() != 3 || cls->rank() != 3 || anchors->rank() != 2)
    return Status::error("box_encodings and class_predictions must have rank 3 and anchors rank 2, got " +
                         shape_to_string(enc->shape) + ", " + shape_to_string(cls->shape) + ", " +
                         shape_to_string(anchors->shape));
  const int num_boxes = enc->dim(1);
  if (enc->dim(0) != 1 || cls->dim(0) != 1) return Status::error("only batch 1 is supported");
  if (enc->dim(2) < 4) return Status::error("box_encodings must have at least 4 values per box");
  if (cls->dim(1) != num_boxes || anchors->dim(0) != num_boxes || anchors->dim(1) != 4)
    return Status::error("box_encodings " + shape_to_string(enc->shape) + ", class_predictions " +
                         shape_to_string(cls->shape) + " and anchors " + shape_to_string(anchors->shape) +
                         " disagree on the number of boxes (anchors must be [boxes, 4])");
  const int label_offset = cls->dim(2) - p.num_classes;
  if (label_offset < 0 || label_offset > 1)
    return Status::error("class_predictions has " + std::to_string(cls->dim(2)) + " classes per box; num_classes is " +
                         std::to_string(p.num_classes) + " (one more for a background class is allowed)");
  for (const RtTensor* t : {enc, cls, anchors}) {
    if (!supported(*t))
      return Status::error("inputs must be float32, uint8 or int8, got " + std::string(dtype_name(t->dtype)));
    if (t->dtype != DType::kFloat32 && (t->quant == nullptr || t->quant->scale.size() != 1))
      return Status::error("a uint8/int8 input needs per-tensor quantization");
  }
  auto* s = ctx.make_state<State>();
  s->p = p;
  s->num_boxes = num_boxes;
  s->box_len = enc->dim(2);
  s->label_offset = label_offset;
  s->boxes.resize(num_boxes);
  if (cls->dtype != DType::kFloat32) s->scores.resize(static_cast<size_t>(cls->num_elements()));
  const int32_t d = p.max_detections * p.max_classes_per_detection;
  const std::vector<std::vector<int32_t>> shapes = {{1, d, 4}, {1, d}, {1, d}, {1}};
  for (int i = 0; i < 4; ++i) {
    ctx.output(i).dtype = DType::kFloat32;
    ctx.output(i).shape = shapes[i];
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  auto* s = ctx.state<State>();
  const ref::Params& p = s->p;
  const RtTensor& enc = *ctx.input(0);
  const RtTensor& cls = *ctx.input(1);
  const RtTensor& anchors = *ctx.input(2);
  for (int b = 0; b < s->num_boxes; ++b) {
    float e[4], a[4];
    for (int k = 0; k < 4; ++k) {
      e[k] = real(enc, static_cast<int64_t>(b) * s->box_len + k);
      a[k] = real(anchors, static_cast<int64_t>(b) * 4 + k);
    }
    const ref::Box box = ref::decode(e, a, p);
    // LiteRT refuses these too (a negative anchor height or width).
    if (box.ymin > box.ymax || box.xmin > box.xmax)
      return Status::error("decoded box " + std::to_string(b) + " has ymin > ymax or xmin > xmax");
    s->boxes[b] = box;
  }
  const float* scores = cls.as<float>();
  if (cls.dtype != DType::kFloat32) {
    for (size_t i = 0; i < s->scores.size(); ++i) s->scores[i] = real(cls, static_cast<int64_t>(i));
    scores = s->scores.data();
  }
  ref::Outputs out{ctx.output(0).as<float>(), ctx.output(1).as<float>(), ctx.output(2).as<float>(),
                   ctx.output(3).as<float>()};
  for (int i = 0; i < 3; ++i) std::fill_n(ctx.output(i).as<float>(), ctx.output(i).num_elements(), 0.0f);
  if (p.use_regular_nms)
    ref::regular_nms(s->boxes.data(), scores, s->num_boxes, s->label_offset, p, out);
  else
    ref::fast_nms(s->boxes.data(), scores, s->num_boxes, s->label_offset, p, out);
  return ok_status();
}

}  // namespace xlite::ops::custom::detection_postprocess
