// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Who this process is in a distributed job: rank, world size and rendezvous address, resolved
// from the options, torchrun's environment or Slurm's, in that order. No LibTorch here.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace elu::lab::dist {

/// What the command line says about the job (elu-lab's --dist-url, --rank, --world-size,
/// --dist-timeout); unset fields fall back to the environment.
struct DistOptions {
  std::string url;         // tcp://HOST:PORT; empty: MASTER_ADDR and MASTER_PORT
  int rank = -1;           // -1: RANK or SLURM_PROCID
  int world_size = -1;     // -1: WORLD_SIZE or SLURM_NTASKS, else 1
  double timeout_s = 120;  // a lost or hung peer stops the others within this
};

/// PyTorch's default rendezvous port (TCPStoreOptions::kDefaultPort).
inline constexpr int kDefaultMasterPort = 29500;

struct World {
  int rank = 0, size = 1;
  int local_rank = 0, local_size = 1;  // processes on this machine, where the launcher says
  std::string master_addr;
  int master_port = kDefaultMasterPort;
  // torchrun's agent serves the store on MASTER_PORT; every rank connects as a client, under
  // the prefix "/worker/attempt_<restart count>" as Python's env:// does.
  bool agent_store = false;
  std::string store_prefix;
  std::chrono::milliseconds timeout{120000};
  std::string source = "single process";  // "options", "torchrun", "environment", "slurm"

  bool distributed() const { return size > 1; }
};

/// The variables resolve_world reads, from this process's environment.
std::map<std::string, std::string> launcher_environment();

/// Resolves the job. Throws std::invalid_argument, one line naming the option or variable, for a
/// rank outside [0, world size), a world size below 1, a URL that is not tcp://HOST:PORT, a port
/// outside 1-65535, a timeout that is not a positive number of seconds (at most a day), a rank
/// without a world size, or a world size above 1 with no address.
World resolve_world(const DistOptions& options, const std::map<std::string, std::string>& env);

/// "rank 1 of 2 (torchrun, rendezvous 127.0.0.1:29500)".
std::string describe(const World& world);

}  // namespace elu::lab::dist
