# SPDX-License-Identifier: Apache-2.0
"""Converts keras.applications architectures with random weights
(weights=None: nothing is downloaded) to .tflite, float32 and full int8
(post-training quantization on a synthetic representative dataset).

Two sets:
  --set small   narrow variants committed to tests/models/arch (a few MB in
                all), run by the parity tests in CI;
  --set full    the benchmark set at 224x224 (MobileNet, MobileNetV2,
                MobileNetV3Small/Large, EfficientNetB0, ResNet50,
                DenseNet121), written to a cache directory, too large to
                commit.

Needs TensorFlow (tensorflow-cpu 2.21); the xlite build and tests do not.
"""
import argparse
import os
import pathlib
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

SMALL = {
    # name: (constructor, kwargs, input size[, variants])
    # 10 classes keep the classifier head (1280x1000 in MobileNetV2) small.
    "mobilenet_a025": ("MobileNet", {"alpha": 0.25, "classes": 10}, 128),
    "mobilenet_v2_a035": ("MobileNetV2", {"alpha": 0.35, "classes": 10}, 128),
    "mobilenet_v3_small_a075": ("MobileNetV3Small", {"alpha": 0.75, "classes": 10}, 128),
    # float16 weights rather than float32 keep the file at half of 16 MB.
    "efficientnet_b0_c10": ("EfficientNetB0", {"classes": 10}, 96, ("f16w", "int8")),
}
FULL = {
    "mobilenet": ("MobileNet", {}, 224),
    "mobilenet_v2": ("MobileNetV2", {}, 224),
    "mobilenet_v3_small": ("MobileNetV3Small", {}, 224),
    "mobilenet_v3_large": ("MobileNetV3Large", {}, 224),
    "efficientnet_b0": ("EfficientNetB0", {}, 224),
    "resnet50": ("ResNet50", {}, 224),
    "densenet121": ("DenseNet121", {}, 224),
}


def build(ctor, kwargs, size, seed, logits):
    tf.keras.utils.set_random_seed(seed)
    if logits:
        # With random weights the int8 logits get a tiny scale, and LiteRT's
        # reference SOFTMAX aborts in Prepare (QuantizeMultiplierGreaterThanOne
        # requires beta * scale * 2^26 > 1), so the committed set ends at the
        # logits; SOFTMAX has op models of its own.
        kwargs = dict(kwargs, classifier_activation=None)
    return getattr(tf.keras.applications, ctor)(weights=None, input_shape=(size, size, 3), **kwargs)


def convert(model, size, variant, seed):
    with tempfile.TemporaryDirectory() as d:
        model.export(d, verbose=False)
        conv = tf.lite.TFLiteConverter.from_saved_model(d)
        if variant == "f16w":
            conv.optimizations = [tf.lite.Optimize.DEFAULT]
            conv.target_spec.supported_types = [tf.float16]
        if variant == "int8":
            rng = np.random.default_rng(seed)

            def rep():
                for _ in range(8):
                    yield [rng.uniform(-1, 1, size=(1, size, size, 3)).astype(np.float32)]
            conv.optimizations = [tf.lite.Optimize.DEFAULT]
            conv.representative_dataset = rep
            conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            conv.inference_input_type = tf.int8
            conv.inference_output_type = tf.int8
        return conv.convert()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=["small", "full"], default="small")
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    root = pathlib.Path(__file__).resolve().parents[2]
    table = SMALL if args.set == "small" else FULL
    out = pathlib.Path(args.out or (root / "tests" / "models" / "arch" if args.set == "small"
                                    else pathlib.Path.home() / ".cache" / "xlite" / "arch"))
    out.mkdir(parents=True, exist_ok=True)
    for i, (name, spec) in enumerate(table.items()):
        if args.only and args.only not in name:
            continue
        ctor, kwargs, size = spec[:3]
        variants = spec[3] if len(spec) > 3 else ("f32", "int8")
        model = build(ctor, kwargs, size, seed=i, logits=args.set == "small")
        for variant in variants:
            path = out / f"{name}_{variant}.tflite"
            path.write_bytes(convert(model, size, variant, seed=i))
            print(f"{path} {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
