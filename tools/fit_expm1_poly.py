#!/usr/bin/env python3
# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Fits the float expm1 polynomial of src/kernels/elu-inl.h.

expm1(t) = t + t^2/2 + t^3 * P(t), P of degree DEG (argument; 4 is what the kernel uses), fitted
by least squares weighted like the error of expm1 and reweighted towards minimax, on
|t| <= 1.02 * ln2/2. Prints the coefficients as float hexfloats and the resulting max relative
error. `--free-c2 DEG` fits every coefficient from t^2 on instead (the 16-bit experiment of
docs/lowp.md). `--remez DEG` finds the minimax polynomial of the relative error with c2 = 1/2 by
Remez's exchange on |t| <= 1.0005 * ln2/2 (the kernel's short degree-6 polynomial).
Needs numpy: run with Debian's /usr/bin/python3 (python3-numpy).
"""
import numpy as np
from math import factorial
# q3(t) = (expm1(t) - t - t^2/2) / t^3 = sum_{k>=3} t^(k-3)/k!, evaluated without cancellation.
def q3(t): return sum(t**(k-3)/float(factorial(k)) for k in range(3, 25))
def expm1_err_weight(t): return t*t  # error in expm1 is t^3 (q3 - P); relative to |expm1(t)| ~ |t|
a = 0.3466 * 1.02
import sys
# Least squares of the weighted error w * (poly(t) - y) over ncoef coefficients, reweighted
# `iterations` times towards minimax (points with larger error get more weight).
def reweighted_fit(t, y, w, ncoef, iterations):
    V = np.vander(t, ncoef, increasing=True)
    wt = np.ones_like(t)
    for it in range(iterations):
        c, *_ = np.linalg.lstsq(V * (w*wt)[:, None], y*w*wt, rcond=None)
        e = np.abs((V @ c - y) * w)
        wt *= (e / e.max()) ** 0.5 + 1e-3
    return c
if sys.argv[1] == "--free-c2":
    # A polynomial for a 16-bit result (docs/lowp.md): expm1(t) = t + t^2 Q(t), every
    # coefficient of Q fitted (c2 too), DEG the degree of the whole polynomial; prints c2..cDEG
    # and the max relative error, also with Horner's scheme evaluated in float.
    deg = int(sys.argv[2]); m = deg - 2
    def q2(t): return sum(t**(k-2)/factorial(k) for k in range(2, 30))
    t = np.cos(np.linspace(0, np.pi, 4001)) * a
    y = np.array([q2(v) for v in t]); w = np.abs(t) + 1e-30
    c = reweighted_fit(t, y, w, m + 1, 80)
    c32 = np.float32(c)
    tt = np.float32(np.linspace(-a, a, 400001)); tt = tt[tt != 0]
    q = np.full_like(tt, c32[m])
    for k in range(m-1, -1, -1): q = np.float32(q*tt + c32[k])
    r = np.float32(tt + np.float32(tt * np.float32(q*tt)))
    ref = np.expm1(tt.astype(np.float64))
    exact_poly = tt + tt*tt*np.polyval(c32[::-1].astype(np.float64), tt.astype(np.float64))
    print("coeffs (c2..c%d):" % deg, [float(v).hex() for v in c32])
    print("max rel err %.3e, evaluated in float %.3e" % ((np.abs(exact_poly-ref)/np.abs(ref)).max(),
                                                        (np.abs(r-ref)/np.abs(ref)).max()))
    sys.exit(0)
if sys.argv[1] == "--remez":
    # Unknowns c3..cDEG and the level h; on m + 1 reference points the relative error
    # t^3 (P(t) - q3(t)) / expm1(t) is made to alternate +-h, then the reference moves to the
    # extrema of the error's sign runs, until the level settles.
    deg = int(sys.argv[2]); m = deg - 2
    lim = float(np.log(2) / 2) * 1.0005
    grid = np.cos(np.linspace(0, np.pi, 200001)) * lim
    grid = grid[np.abs(grid) > 1e-6]
    q3_grid = q3(grid)
    def rel_err(c, tv, q3v): return tv**3 * (np.polyval(c[::-1], tv) - q3v) / np.expm1(tv)
    ref = np.cos(np.linspace(0, np.pi, m + 1)) * lim
    for it in range(40):
        w = ref**3 / np.expm1(ref)
        A = np.column_stack([w * ref**k for k in range(m)] + [-(-1.0) ** np.arange(m + 1)])
        sol = np.linalg.solve(A, w * q3(ref)); c = sol[:m]
        e = rel_err(c, grid, q3_grid)
        runs = np.split(np.arange(len(e)), np.flatnonzero(np.diff(np.sign(e))) + 1)
        idx = [r[np.argmax(np.abs(e[r]))] for r in runs]
        while len(idx) > m + 1:  # drop the smaller end until m + 1 alternating points remain
            idx = idx[1:] if abs(e[idx[0]]) < abs(e[idx[-1]]) else idx[:-1]
        ref = grid[idx]
    c32 = np.float32(c).astype(np.float64)
    e32 = np.abs(rel_err(c32, grid, q3_grid)).max()
    print("coeffs (c3..c%d):" % deg, [float(np.float32(v)).hex() for v in c])
    print("minimax rel err %.3e; with float coefficients %.3e = %.3f float ULP (2^-24 rel)"
          % (abs(sol[m]), e32, e32 / 2**-24))
    sys.exit(0)
deg = int(sys.argv[1])
# Iteratively reweighted least squares towards minimax on the weighted error.
t = np.cos(np.linspace(0, np.pi, 4001)) * a
y = np.array([q3(v) for v in t]); w = expm1_err_weight(t) + 1e-30
c = reweighted_fit(t, y, w, deg + 1, 60)
c32 = np.float32(c)
def expm1_poly(tv, cc):
    q = np.float64(cc[deg])
    for k in range(deg-1, -1, -1): q = q*tv + np.float64(cc[k])
    return tv + tv*tv*(0.5 + tv*q)
import math
tt = np.linspace(-a, a, 200001); tt = tt[tt != 0]
ref = np.expm1(tt)
rel = np.abs(expm1_poly(tt, c32) - ref) / np.abs(ref)
print("coeffs (c3..c7):", [float(v) for v in c32], [v.hex() for v in map(float, c32)])
print("max rel err %.3e  = %.4f float ULP (2^-24 rel)" % (rel.max(), rel.max() / 2**-24))
# Taylor degree 8 for comparison
taylor = [1/factorial(k) for k in range(3, 9)]
def tay(tv):
    q = 0.0
    for k in range(len(taylor)-1, -1, -1): q = q*tv + np.float32(taylor[k])
    return tv + tv*tv*(0.5 + tv*q)
print("taylor8 max rel %.3e" % (np.abs(tay(tt)-ref)/np.abs(ref)).max())
