#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# The whole test suite: installs dependencies, checks the formatting, builds everything (Release),
# runs every test labelled "unit" (the opt-in exhaustive sweeps are separate:
# ctest --test-dir build -L exhaustive), then builds the core library and its tests again with
# AddressSanitizer + UBSan and runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/check-format.sh

jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
ctest --test-dir build -L unit -j"$jobs" --output-on-failure --timeout 1500

# Sanitizers: the core library and its unit tests (no LibTorch: its prebuilt libraries are not
# instrumented). The numeric sweeps run in the build above; here the suite runs without them.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DELU_SANITIZE=ON \
  -DELU_BUILD_TORCH=OFF -DELU_BUILD_LAB=OFF -DELU_BUILD_BENCH=OFF -DELU_EXHAUSTIVE=OFF
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -L unit -j"$jobs" --output-on-failure --timeout 1500

# libFuzzer targets (fuzz/, clang-14 with ASan and UBSan), 30 s each; any finding fails.
bash scripts/fuzz.sh 30
echo "test.sh: all tests passed"
