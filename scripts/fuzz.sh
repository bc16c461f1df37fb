#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (fuzz/) with clang-14, AddressSanitizer and UBSan in build-fuzz,
# then runs each for SECONDS (default 30) from its seed corpus (fuzz/corpus/<target>), two at a
# time. Exits non-zero on any finding: a crash, a leak, undefined behaviour, a timeout or a broken
# contract (the targets abort with one line saying what). A finding's input is saved as
# build-fuzz/fuzz-artifacts/<target>-crash-<hash>; replay it with build-fuzz/fuzz/<target> FILE.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Inputs the runs find are kept in build-fuzz/fuzz-corpus/<target> (reused by the next run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD  # absolute paths below: fuzz_options changes its working directory
seconds=${1:-30}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_idx fuzz_checkpoint fuzz_options fuzz_api fuzz_quantized)
build=$(realpath -m "${ELU_FUZZ_BUILD_DIR:-build-fuzz}")
jobs=$(nproc)

for tool in clang-14 clang++-14; do
  command -v "$tool" >/dev/null || {
    echo "fuzz.sh: $tool not found; install clang-14 and libclang-rt-14-dev" >&2
    exit 1
  }
done

# The library needs OpenMP: clang's runtime is libomp-14-dev.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <omp.h>\nint main() { return omp_get_max_threads() > 0 ? 0 : 1; }\n' >"$probe/omp.cc"
if ! clang++-14 -fopenmp "$probe/omp.cc" -o "$probe/omp" 2>/dev/null; then
  echo "fuzz.sh: clang-14 cannot build with OpenMP; install libomp-14-dev" >&2
  exit 1
fi

# Line tables are enough for the sanitizers' stack traces, and much cheaper to build than full
# debug information for the Highway kernels.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only" \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DELU_SANITIZE=ON -DELU_BUILD_FUZZERS=ON -DELU_BUILD_TESTS=OFF -DELU_BUILD_BENCH=OFF \
  -DELU_BUILD_TORCH=OFF -DELU_BUILD_LAB=OFF -DELU_BUILD_EXAMPLES=OFF -DELU_EXHAUSTIVE=OFF \
  -DELU_INSTALL=OFF >/dev/null
if ((${#targets[@]} == 5)); then
  cmake --build "$build" -j"$jobs" --target elu_fuzzers  # one make: all five in parallel
else
  cmake --build "$build" -j"$jobs" --target "${targets[@]}"
fi

# The checkpoint seed is a real checkpoint saved by this build (the format follows the code).
# Its first byte, 0, tells the target to use the rest as the file.
seeds=$build/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds/checkpoint"
if [[ " ${targets[*]} " == *" fuzz_checkpoint "* ]]; then
  ELU_FUZZ_WRITE_SEED="$seeds/saved" "$build/fuzz/fuzz_checkpoint"
  { printf '\0'; cat "$seeds/saved/checkpoint.pt"; } >"$seeds/checkpoint/saved-checkpoint"
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"

run_one() {
  local target=$1 name=${1#fuzz_}
  local corpus=$build/fuzz-corpus/$name
  mkdir -p "$corpus"
  local options=() seed_dirs=("$root/fuzz/corpus/$name")
  [[ -f fuzz/$name.dict ]] && options+=(-dict="$root/fuzz/$name.dict")
  [[ $name == checkpoint ]] && seed_dirs+=("$seeds/checkpoint")
  local rc=0
  "$build/fuzz/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$target-" \
    "${options[@]}" "$corpus" "${seed_dirs[@]}" >"$build/fuzz-logs/$target.log" 2>&1 || rc=$?
  echo "$rc" >"$build/fuzz-logs/$target.rc"
}

start=$SECONDS
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
  run_one "$target" &
done
wait

failed=()
for target in "${targets[@]}"; do
  log=$build/fuzz-logs/$target.log
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  echo "fuzz.sh: $target: $runs runs, $cov"
  [[ $(cat "$build/fuzz-logs/$target.rc") == 0 ]] || failed+=("$target")
done
if ((${#failed[@]})); then
  for target in "${failed[@]}"; do
    echo "fuzz.sh: $target FAILED; the end of $build/fuzz-logs/$target.log:" >&2
    grep -v '^    #' "$build/fuzz-logs/$target.log" | tail -15 >&2
  done
  exit 1
fi
echo "fuzz.sh: no findings in $((SECONDS - start)) s of fuzzing (${seconds} s per target)"
