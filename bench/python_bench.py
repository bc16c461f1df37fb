# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Forward + backward of elu_torch.nn against torch.nn, in one process (so a ratio comes from one
run), and the per-call cost of the adapter on a small tensor.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py [--threads 1] [--reps 15]

Each row times `y = module(x); y.backward(dy)` with x.grad (and parameter gradients) cleared
before each call, and reports the minimum over the repetitions. Targets: ELU, SELU, CELU at
(256, 65536) float at least 2x faster than torch.nn; PELU(C) at (64, 4096) at least as fast as
torch.nn.PReLU(C)."""
import argparse
import json
import time

import torch

import elu_torch


def best_time(fn, reps, inner=1):
    fn()  # warm up: allocations, first-touch page faults, lazy initialisation
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        best = min(best, (time.perf_counter() - t0) / inner)
    return best


def fwd_bwd(module, shape, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = (torch.rand(shape, generator=g) * 12 - 6).requires_grad_()
    dy = torch.rand(shape, generator=g) + 0.5
    params = list(module.parameters())

    def step():
        x.grad = None
        for p in params:
            p.grad = None
        module(x).backward(dy)

    return step


def forward_only(fn, shape):
    x = torch.rand(shape) * 12 - 6

    def step():
        fn(x)

    return step


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--json", help="also write the rows to this file")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rows = []

    def report(name, ours, theirs, target=None):
        ratio = theirs / ours
        verdict = "" if target is None else ("  MET" if ratio >= target else "  NOT MET")
        goal = "" if target is None else f"  (target >= {target:g}x)"
        print(f"{name:44s} elu {ours * 1e6:10.1f} us  torch {theirs * 1e6:10.1f} us  "
              f"speed-up {ratio:5.2f}x{goal}{verdict}")
        rows.append({"name": name, "elu_s": ours, "torch_s": theirs, "speedup": ratio,
                     "target": target})

    big = (256, 65536)
    for name, ours, theirs in (("ELU", elu_torch.nn.ELU(), torch.nn.ELU()),
                               ("SELU", elu_torch.nn.SELU(), torch.nn.SELU()),
                               ("CELU", elu_torch.nn.CELU(), torch.nn.CELU())):
        report(f"{name} fwd+bwd {big}", best_time(fwd_bwd(ours, big), args.reps),
               best_time(fwd_bwd(theirs, big), args.reps), 2.0)
    mid = (64, 4096)
    report(f"PELU({mid[1]}) vs PReLU({mid[1]}) fwd+bwd {mid}",
           best_time(fwd_bwd(elu_torch.nn.PELU(mid[1]), mid), args.reps * 4, 10),
           best_time(fwd_bwd(torch.nn.PReLU(mid[1]), mid), args.reps * 4, 10), 1.0)

    # Per-call cost on a small tensor, where the work is a few microseconds.
    small = (64, 128)
    reps, inner = args.reps * 4, 200
    relu = torch.nn.ReLU()
    t = {
        "relu fwd+bwd": best_time(fwd_bwd(relu, small), reps, inner),
        "torch ELU fwd+bwd": best_time(fwd_bwd(torch.nn.ELU(), small), reps, inner),
        "elu_torch ELU fwd+bwd": best_time(fwd_bwd(elu_torch.nn.ELU(), small), reps, inner),
        "relu module fwd": best_time(forward_only(relu, small), reps, inner),
        "elu_torch ELU module fwd": best_time(forward_only(elu_torch.nn.ELU(), small), reps, inner),
        "torch.relu fwd": best_time(forward_only(torch.relu, small), reps, inner),
        "torch.ops.elu.elu fwd": best_time(forward_only(torch.ops.elu.elu, small), reps, inner),
    }
    print(f"\nper call at {small}, {args.threads} thread(s), best of {reps} x {inner}:")
    for k, v in t.items():
        print(f"  {k:40s} {v * 1e6:8.2f} us")
        rows.append({"name": f"{k} {small}", "s": v})
    print(f"  elu_torch ELU / ReLU, fwd+bwd: {t['elu_torch ELU fwd+bwd'] / t['relu fwd+bwd']:.2f}x;"
          f" torch ELU / ReLU: {t['torch ELU fwd+bwd'] / t['relu fwd+bwd']:.2f}x")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"threads": args.threads, "torch": torch.__version__,
                       "elu_torch": elu_torch.__version__, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
