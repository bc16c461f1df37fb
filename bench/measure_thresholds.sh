#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Measures the two thresholds of src/parallel.cc with elu-bench (docs/performance.md shows the
# figures). It builds two scratch variants of the library in a temporary copy of the source tree,
# never touching the checkout:
#   par0-nostream: kParallelMinBytes = 0 (split whenever there are two chunks), never stream;
#   par0-stream:   kParallelMinBytes = 0, always stream out-of-place outputs.
# (1) parallel threshold: threads=1 against threads=2 of par0-nostream, 64K..4M elements;
# (2) streaming threshold: par0-stream against par0-nostream, 1M..128M elements, 1 and 2 threads.
# Usage: bench/measure_thresholds.sh [output-dir]   (about 5 minutes on 2 cores)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$PWD/thresholds}
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cp -r "$src"/CMakeLists.txt "$src"/cmake "$src"/include "$src"/src "$src"/examples "$src"/bench "$scratch"/
cmake -S "$scratch" -B "$scratch/build" -DELU_BUILD_TESTS=OFF -DELU_BUILD_TORCH=OFF \
  -DELU_BUILD_LAB=OFF >/dev/null
variant() {  # name parallel_min_bytes streaming_min_bytes
  sed -i -E "s/(constexpr std::size_t kParallelMinBytes = ).*;/\1$2;/; \
             s/(constexpr std::size_t kStreamingMinBytes = ).*;/\1$3;/" "$scratch/src/parallel.cc"
  cmake --build "$scratch/build" -j2 --target elu-bench >/dev/null
  cp "$scratch/build/bench/elu-bench" "$out/elu-bench-$1"
}
variant par0-nostream 0 SIZE_MAX
variant par0-stream 0 0

kernels='^elu/(forward|backward|backward_from_output)/f32/out$|^(relu/forward|memcpy/copy)/f32/'
"$out/elu-bench-par0-nostream" --sizes 64K,128K,256K,512K,1M,2M,4M --threads 1,2 \
  --filter "$kernels" --reps 40 --json "$out/parallel.json" | tee "$out/parallel.txt"
for v in nostream stream; do
  "$out/elu-bench-par0-$v" --sizes 1M,2M,4M,8M,16M,32M,64M,128M --threads 1,2 \
    --filter "$kernels" --reps 7 --json "$out/streaming-$v.json" | tee "$out/streaming-$v.txt"
done
