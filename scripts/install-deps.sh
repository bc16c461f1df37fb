#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Installs every package elu needs to build, test, benchmark and train, from Debian 12's registry.
# Run as root on a fresh machine; skips apt entirely when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libhwy-dev                                   # SIMD kernels (Google Highway 1.0.3)
  libgtest-dev libgmock-dev libbenchmark-dev   # tests and benchmarks
  libmpfr-dev libgmp-dev                       # exact reference values
  libcli11-dev zlib1g-dev nlohmann-json3-dev   # elu-lab options, data files, metrics.json
  clang-format                                 # the format check of scripts/test.sh
  clang-14 libclang-rt-14-dev libomp-14-dev    # libFuzzer targets in fuzz/ (clang with OpenMP)
  file                                         # cpack -G DEB: finds the binaries for dpkg-shlibdeps
  libtorch-dev python3-torch python3-numpy     # LibTorch adapter, Python ops, elu-lab's engine
  libgloo-dev                                  # c10d's Gloo process group (elu-lab's distributed runs)
  iproute2                                     # ip netns: the two-host test of distributed runs
  python3-onnx                                 # checks the ONNX export of elu_torch
  libopenblas0-openmp                          # fast BLAS behind LibTorch (13.2 s -> 1.19 s per epoch)
  libxnnpack-dev libpthreadpool-dev libdnnl-dev  # benchmark peers
  dataset-fashion-mnist                        # elu-lab's data
  gnuplot-nox                                  # elu-lab's plots
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
