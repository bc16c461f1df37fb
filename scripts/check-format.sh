#!/usr/bin/env bash
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
# Fails when a tracked C++ source differs from .clang-format's style; prints each difference.
# To fix: git ls-files '*.cc' '*.h' '*.hpp' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format not found (apt-get install clang-format)" >&2; exit 2; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cc' '*.h' '*.hpp')
else  # a release tarball: every C++ source in the tree
  mapfile -t files < <(find bench examples include lab src tests torch -name '*.cc' -o -name '*.h' -o -name '*.hpp')
fi
clang-format --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted as .clang-format says ($(clang-format --version))"
