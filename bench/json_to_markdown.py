#!/usr/bin/env python3
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Renders an elu-bench --json file as the Markdown tables of docs/performance.md.

Usage: bench/json_to_markdown.py RESULT.json > tables.md
"""
import json
import sys


def size_label(n):
    for unit, suffix in ((1 << 20, "M"), (1 << 10, "K")):
        if n >= unit and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(path):
    run = json.load(open(path))
    results = run["results"]
    threads = sorted({r["threads"] for r in results})
    shaped = lambda kernel: "_nn/" in kernel
    sizes = sorted({r["n"] for r in results if not shaped(r["kernel"])})
    out = [f"Command: `{run['command']}`", ""]
    for t in threads:
        ids = []
        for r in results:
            if r["threads"] == t and not shaped(r["kernel"]) and r["kernel"] not in ids:
                ids.append(r["kernel"])
        cell = {(r["kernel"], r["n"]): r["ns_per_element"] for r in results if r["threads"] == t}
        rows = [[f"`{k}`"] + [f"{cell[(k, n)]:.3f}" if (k, n) in cell else "–" for n in sizes]
                for k in ids]
        out += [f"**threads = {t}, ns per element**", "",
                table(["kernel"] + [size_label(n) for n in sizes], rows), ""]
        auto = [r for r in results if r["threads"] == t and shaped(r["kernel"])]
        if auto:
            rows = [[f"`{r['kernel']}`", f"{r['ns_per_element']:.3f}",
                     f"{r['ns_per_element'] * r['n'] / 1e3:.1f}"] for r in auto]
            out += [f"**threads = {t}, autograd forward + backward**", "",
                    table(["module", "ns/element", "µs/call"], rows), ""]
        ratios = [r for r in run["ratios"] if r["threads"] == t and not shaped(r["subject"])]
        pairs = []
        for r in ratios:
            if (r["subject"], r["reference"]) not in pairs:
                pairs.append((r["subject"], r["reference"]))
        speed = {(r["subject"], r["reference"], r["n"]): r["speed"] for r in ratios}
        rows = [[f"`{s}` vs `{ref}`"] +
                [f"{speed[(s, ref, n)]:.2f}" if (s, ref, n) in speed else "–" for n in sizes]
                for s, ref in pairs]
        out += [f"**threads = {t}, speed ratio = reference time / subject time (> 1: elu faster)**",
                "", table(["subject vs reference"] + [size_label(n) for n in sizes], rows), ""]
    rows = []
    for b in run["targets"]:
        points = ", ".join(
            f"{p['subject'].rsplit('/', 1)[1] if shaped(p['subject']) else size_label(p['n'])}: "
            + (f"{p['ratio']:.2f}" if p["ratio"] is not None else "–") for p in b["points"])
        need = (">= " if b["kind"] == "speed_at_least" else "<= ") + f"{b['required']:g}"
        kind = "speed" if b["kind"] == "speed_at_least" else "time"
        rows.append([b["area"], b["what"], str(b["threads"]), f"{kind} {need}", points,
                     f"**{b['state']}**"])
    out += ["**Targets**", "", table(["area", "target", "threads", "required", "measured", "result"],
                                  rows), ""]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
