#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what xlite needs on Debian 12, idempotently.
#   scripts/setup.sh           build dependencies (Debian packages)
#   scripts/setup.sh --test    also the test tools: clang (sanitizers, libFuzzer), the
#                              aarch64 cross compiler and qemu-user (ARM tests),
#                              the Python test venv in .venv, and python3-dev to
#                              build the xlite Python package into it
#   scripts/setup.sh --models  also TensorFlow in .venv, to generate test models
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
want_models=0
[[ "${1:-}" == "--test" ]] && want_test=1
[[ "${1:-}" == "--models" ]] && want_test=1 && want_models=1

pkgs=(cmake ninja-build g++ ccache libflatbuffers-dev flatbuffers-compiler libcli11-dev nlohmann-json3-dev libgtest-dev)
if (( want_test )); then
  pkgs+=(clang libclang-rt-14-dev python3-venv python3-pip python3-dev g++-aarch64-linux-gnu qemu-user)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if (( want_test )); then
  PY=${PYTHON:-python3}
  if [[ ! -x .venv/bin/python ]]; then
    "$PY" -m venv .venv
  fi
  req=tests/requirements.txt
  stamp=.venv/.requirements.sha256
  sum=$(sha256sum "$req" | cut -d' ' -f1)
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$sum" ]]; then
    echo "setup: installing Python test requirements into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r "$req"
    echo "$sum" > "$stamp"
  fi
fi

if (( want_models )); then
  req=tests/requirements-models.txt
  stamp=.venv/.requirements-models.sha256
  sum=$(sha256sum "$req" | cut -d' ' -f1)
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$sum" ]]; then
    echo "setup: installing TensorFlow into .venv (model generation)"
    .venv/bin/python -m pip install -q -r "$req"
    echo "$sum" > "$stamp"
  fi
fi
