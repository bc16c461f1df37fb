# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Writes the README's fenced code blocks to files, exactly as written: every ```cpp block as
snippet_<i>.cc and the first ```python block as snippet.py."""
import argparse
import pathlib
import re
import sys

parser = argparse.ArgumentParser()
parser.add_argument("readme", type=pathlib.Path)
parser.add_argument("out", type=pathlib.Path)
args = parser.parse_args()

text = args.readme.read_text(encoding="utf-8")
blocks = re.findall(r"^```(\w+)\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
cpp = [code for lang, code in blocks if lang == "cpp"]
python = [code for lang, code in blocks if lang == "python"]
if len(cpp) < 2 or not python:
    sys.exit(f"{args.readme}: expected 2 C++ snippets and a Python one, found {len(cpp)} and {len(python)}")

args.out.mkdir(parents=True, exist_ok=True)
for i, code in enumerate(cpp):
    (args.out / f"snippet_{i}.cc").write_text(code, encoding="utf-8")
(args.out / "snippet.py").write_text(python[0], encoding="utf-8")
