// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// One process's membership of a distributed elu-lab job, on PyTorch's c10d: a TCPStore for the
// rendezvous (rank 0 serves it, or torchrun's agent does), a Gloo process group for the
// collectives, and a watchdog thread that beats a heartbeat in the store and watches the others'.
//
// Faults end the process: a peer that dies (a collective fails, or its heartbeat stops) or hangs
// (its heartbeat stops for half of --dist-timeout, or a collective times out) makes this process
// print one line naming the rank it lost and exit with kLostPeerStatus at once, from whichever
// thread saw it first. Nothing is written after that, so the last checkpoint (written atomically)
// stays intact. A failed rendezvous throws RendezvousError, which main turns into the same status.
#pragma once

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>
#include <torch/types.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "dist/world.h"

namespace elu::lab::dist {

/// The exit status of a process whose job failed: a peer lost, or no rendezvous.
inline constexpr int kLostPeerStatus = 3;

class RendezvousError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Communicator {
 public:
  /// Joins the job: connects to (or, as rank 0 without torchrun, serves) the store, checks that
  /// every rank joins within the timeout with the same `job` text (what it will compute: a world
  /// size or option that differs is refused, naming the rank), and forms the Gloo group.
  static std::unique_ptr<Communicator> connect(const World& world, const std::string& job);

  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;
  ~Communicator();

  int rank() const { return world_.rank; }
  int size() const { return world_.size; }
  bool is_root() const { return world_.rank == 0; }
  const World& world() const { return world_; }

  /// Rank 0's values of `flat` (contiguous) on every rank.
  void broadcast(torch::Tensor& flat, const std::string& what);
  /// Rank 0's `bytes` on every rank (the argument is ignored elsewhere).
  std::string broadcast_bytes(const std::string& bytes, const std::string& what);
  /// Starts summing `flat` (contiguous, float) over the ranks in place; wait() finishes it.
  c10::intrusive_ptr<c10d::Work> allreduce_sum_async(torch::Tensor& flat);
  void wait(const c10::intrusive_ptr<c10d::Work>& work, const std::string& what);
  /// Every rank's `mine`, in rank order, on every rank.
  std::vector<std::string> allgather_bytes(const std::string& mine, const std::string& what);
  /// Returns once every rank has called it (the n-th call of each rank meets the others' n-th).
  /// No timeout while the peers' heartbeats go on: rank 0 may evaluate and write for minutes
  /// while the others wait here.
  void sync_point(const std::string& what);
  /// The orderly end: meets the others, stops the watchdog, and (rank 0 serving the store) waits
  /// until the others have left it.
  void finish();

 private:
  Communicator(World world, c10::intrusive_ptr<c10d::Store> store,
               c10::intrusive_ptr<c10d::Store> store_root);
  void start_watchdog();
  void stop_watchdog();
  void watch();
  /// Names the lost rank (the peers whose heartbeat no longer moves), prints one line, exits.
  [[noreturn]] void lost(const std::string& during, const std::string& detail);

  World world_;
  c10::intrusive_ptr<c10d::Store> store_;       // elu-lab's keys
  c10::intrusive_ptr<c10d::Store> store_root_;  // the TCPStore itself (rank 0 may serve it)
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group_;
  long sync_count_ = 0;

  std::thread watchdog_;
  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_wake_;
  bool watchdog_stop_ = false;
};

}  // namespace elu::lab::dist
