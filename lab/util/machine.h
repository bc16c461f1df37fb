// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// What a measured figure needs to name: the machine and the software it ran on.
#pragma once

#include <cstdint>
#include <string>

namespace elu::lab {

/// e.g. "Intel(R) Xeon(R) ... (2 hardware threads), LibTorch 1.13.0, 2 LibTorch threads".
std::string describe_machine();

/// A one-line warning when `threads` LibTorch threads would share the machine with other work:
/// its 1-minute load average `load` leaves fewer than `threads` of its `cores` idle. LibTorch's
/// threads meet at a barrier many times per minibatch, and a thread that has no core makes every
/// barrier wait for the scheduler (measured in docs/lab.md: 20x slower epochs with one other
/// busy process). Empty when the machine has room, or for one thread.
std::string busy_machine_warning(double load, unsigned cores, int threads);

/// The software a result came from, recorded in every metrics.json.
struct SoftwareInfo {
  std::string elu_version;       // elu::version()
  std::string git_commit;        // empty when not built from a git checkout
  std::string simd_target;       // elu::simd_target()
  std::string libtorch_version;  // TORCH_VERSION
};
SoftwareInfo software_info();

/// What `elu-lab --version` prints: version, commit, SIMD target and LibTorch version.
std::string version_text();

/// Physical memory of this machine in bytes (0 if unknown).
std::uint64_t physical_memory_bytes();

/// UTC date and time, "YYYY-MM-DD HH:MM UTC".
std::string utc_now();

}  // namespace elu::lab
