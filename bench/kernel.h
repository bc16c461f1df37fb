// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What elu-bench measures: a Kernel is one callable that processes n elements per call, made by a
// Provider (elu itself or a peer library) for one element type and size.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "workspace.h"

namespace elu_bench {

struct Kernel {
  /// "<library>/<operation>/<type>/<placement>", e.g. "elu/forward/f32/out". --filter matches it,
  /// and ratios and targets name kernels by it.
  std::string id;
  std::size_t n = 0;                  // elements per call
  std::size_t bytes_per_element = 0;  // memory traffic per element (reads + writes), for GB/s
  std::function<void()> run;          // one call over all n elements
  /// For kernels that overwrite their own input (in place): puts the input back, untimed, so
  /// repeated calls see the same data (a gradient multiplied by f'(x) again and again would
  /// otherwise become subnormal). Empty when not needed.
  std::function<void()> restore;
};

/// A library taking part in the run. Providers are created once; kernels are made per size.
class Provider {
 public:
  virtual ~Provider() = default;
  /// Pins the thread count this library uses from now on (called before each pass of --threads).
  virtual void set_threads(int threads) = 0;
  /// Appends this library's kernels over the arrays of `ws` (any type it does not handle: none).
  virtual void add_kernels(const Workspace& ws, std::vector<Kernel>& out) = 0;
  /// Kernels with their own shapes, independent of --sizes (the autograd rows), only those whose
  /// id `wanted` accepts (their tensors are made here). Default: none.
  virtual void add_shaped_kernels(const std::function<bool(const std::string&)>& /*wanted*/,
                                  std::vector<Kernel>& /*out*/) {}
};

/// A peer that this build could not include: its name and why, printed as a note.
struct MissingPeer {
  std::string name, reason;
};

/// Every provider compiled into this build, subjects first; missing ones are listed in `missing`.
std::vector<std::unique_ptr<Provider>> make_providers(std::vector<MissingPeer>& missing);

}  // namespace elu_bench
