#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job on a model shipped in the repo: install, build, and describe
# the int8 digits classifier (models/digits, trained by tools/gen_models).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo
build/xlite inspect models/digits/digits_int8.tflite
