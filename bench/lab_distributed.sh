#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Scaling of elu-lab's distributed modes on this machine: 1 rank x 1 thread against 2 ranks x 1
# thread on 127.0.0.1 (Gloo over loopback), for
#   1. a sharded compare of 4 runs, 10 epochs each on the full training set (runs per hour),
#   2. a data-parallel CNN, global batch 128 (training images per second),
#   3. the paper MLP, global batch 64 (images per second, and the all-reduce share of a step),
# each with the gradient all-reduce overlapped with the backward pass and without.
# Usage: bench/lab_distributed.sh [ELU_LAB] [WORK_DIR]   (defaults: build/lab/elu-lab, a temp dir)
# Prints a Markdown table; docs/distributed.md records its output and the machine.
set -euo pipefail

lab=${1:-build/lab/elu-lab}
work=${2:-$(mktemp -d)}
data=${ELU_LAB_DATA:-/usr/share/datasets/fashion-mnist}
mkdir -p "$work"
port=$((20000 + RANDOM % 20000))

seconds() { date +%s.%N; }

# run_job NAME RANKS ARGS...: runs elu-lab with RANKS ranks (1 = no job at all); wall seconds.
run_job() {
  local name=$1 ranks=$2
  shift 2
  local start end
  start=$(seconds)
  if ((ranks == 1)); then
    "$lab" "$@" --out "$work/$name" >"$work/$name.log" 2>&1
  else
    port=$((port + 1))
    local pids=()
    for ((r = 0; r < ranks; r++)); do
      "$lab" "$@" --out "$work/$name" --world-size "$ranks" --rank "$r" \
        --dist-url "tcp://127.0.0.1:$port" >"$work/$name.rank$r.log" 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
  fi
  end=$(seconds)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }' 
}

# Training images per second of a train run's training passes (metrics.json, rank 0).
images_per_second() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/metrics.json"))
seconds = sum(e["train_seconds"] for e in m["epochs"])
print("%.0f" % (m["train_images"] * len(m["epochs"]) / seconds))
PY
}

# The all-reduce wait line that rank 0 prints for a data-parallel run.
allreduce_line() { grep -ho "data parallel over.*" "$work/$1.rank0.log" | tail -1; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); $("$lab" --version | head -1)"
echo

compare=(compare --acts elu,relu --seeds 2 --epochs 10 --eval-subset 5000 --threads 1 --data "$data")
t1=$(run_job compare1 1 "${compare[@]}")
t2=$(run_job compare2 2 "${compare[@]}")

cnn_base=(train --model cnn --epochs 1 --train-subset 12800 --eval-subset 1000 --threads 1
  --data "$data")
cnn=("${cnn_base[@]}" --batch 128)
run_job cnn1 1 "${cnn[@]}" >/dev/null
run_job cnn2 2 "${cnn[@]}" >/dev/null
run_job cnn2-no-overlap 2 "${cnn[@]}" --no-grad-overlap >/dev/null
run_job cnn1-batch64 1 "${cnn_base[@]}" --batch 64 >/dev/null  # one rank's share of a global 128

mlp=(train --epochs 1 --eval-subset 1000 --threads 1 --data "$data")
run_job mlp1 1 "${mlp[@]}" >/dev/null
run_job mlp2 2 "${mlp[@]}" >/dev/null
run_job mlp2-no-overlap 2 "${mlp[@]}" --no-grad-overlap >/dev/null

cnn1=$(images_per_second "$work/cnn1")
cnn2=$(images_per_second "$work/cnn2")
cnn2n=$(images_per_second "$work/cnn2-no-overlap")
mlp1=$(images_per_second "$work/mlp1")
mlp2=$(images_per_second "$work/mlp2")
mlp2n=$(images_per_second "$work/mlp2-no-overlap")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
per_hour() { awk -v t="$1" 'BEGIN { printf "%.0f", 4 * 3600 / t }'; }
echo "| workload | 1 rank x 1 thread | 2 ranks x 1 thread | scaling |"
echo "|---|---|---|---|"
echo "| sharded compare, 4 runs (runs/hour) | $(per_hour "$t1") | $(per_hour "$t2") | $(ratio "$t1" "$t2") |"
echo "| data-parallel CNN, batch 128 (images/s) | $cnn1 | $cnn2 | $(ratio "$cnn2" "$cnn1") |"
echo "| same, all-reduce after backward | $cnn1 | $cnn2n | $(ratio "$cnn2n" "$cnn1") |"
echo "| (1 rank, batch 64: one rank's share) | $(images_per_second "$work/cnn1-batch64") | | |"
echo "| paper MLP, batch 64 (images/s) | $mlp1 | $mlp2 | $(ratio "$mlp2" "$mlp1") |"
echo "| same, all-reduce after backward | $mlp1 | $mlp2n | $(ratio "$mlp2n" "$mlp1") |"
echo
echo "cnn, overlapped:      $(allreduce_line cnn2)"
echo "cnn, after backward:  $(allreduce_line cnn2-no-overlap)"
echo "mlp, overlapped:      $(allreduce_line mlp2)"
echo "mlp, after backward:  $(allreduce_line mlp2-no-overlap)"
echo "(work directory: $work)"
