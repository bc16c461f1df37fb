#!/usr/bin/env bash
# Installs dependencies, builds, and runs the main program's demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
if [ -x build/lab/elu-lab ]; then
  build/lab/elu-lab compare --acts elu,relu,leaky_relu --epochs 3 --train-subset 8000 --out out/demo
  echo "demo: report in out/demo/report.md"
else
  build/elu-demo
fi
