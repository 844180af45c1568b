#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job on a model shipped in the repo: install, build, then describe
# and run the digits classifier (models/digits, trained by
# tools/gen_models/train_digits.py on scikit-learn's bundled digits) on a
# held-out image of a 3.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo
build/xlite inspect models/digits/digits_int8.tflite
echo
echo "== float32 model, image of a 3 (models/digits/sample_2_label3.npy)"
build/xlite run models/digits/digits_f32.tflite --input models/digits/sample_2_label3.npy
echo
echo "== int8 model, same image (float data quantized with the input's scale)"
build/xlite run models/digits/digits_int8.tflite --input models/digits/sample_2_label3.npy --quantize-inputs
