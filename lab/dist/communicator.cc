// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "dist/communicator.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "util/one_line.h"

namespace elu::lab::dist {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::vector<uint8_t> to_bytes(const std::string& s) { return {s.begin(), s.end()}; }
std::string from_bytes(const std::vector<uint8_t>& b) { return {b.begin(), b.end()}; }

std::string seconds_text(milliseconds t) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", static_cast<double>(t.count()) / 1000.0);
  return text;
}

std::string heartbeat_key(int rank) { return "heartbeat/" + std::to_string(rank); }

// A beat every twentieth of the timeout (50 ms to 1 s); a peer whose beat has not moved for half
// the timeout is lost, so the others stop well within it.
milliseconds beat_interval(milliseconds timeout) {
  return std::clamp(timeout / 20, milliseconds(50), milliseconds(1000));
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::shared_ptr<::gloo::transport::Device> make_device(const World& world) {
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname != nullptr && *ifname) {
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  }
  if (is_loopback(world.master_addr)) {
    return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  }
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

std::once_flag exit_once;

[[noreturn]] void exit_with_line(const std::string& line) {
  std::call_once(exit_once, [&] {
    std::fflush(stdout);
    std::fprintf(stderr, "elu-lab: %s\n", line.c_str());
    std::fflush(stderr);
  });
  std::_Exit(kLostPeerStatus);
}

}  // namespace

Communicator::Communicator(World world, c10::intrusive_ptr<c10d::Store> store,
                           c10::intrusive_ptr<c10d::Store> store_root)
    : world_(std::move(world)), store_(std::move(store)), store_root_(std::move(store_root)) {}

std::unique_ptr<Communicator> Communicator::connect(const World& world, const std::string& job) {
  const std::string where = world.master_addr + ":" + std::to_string(world.master_port);
  const std::string me = "rank " + std::to_string(world.rank) + ": ";
  c10::intrusive_ptr<c10d::Store> root;
  try {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(world.master_port);
    options.isServer = !world.agent_store && world.rank == 0;
    options.waitWorkers = false;
    options.timeout = world.timeout;
    root = c10::make_intrusive<c10d::TCPStore>(world.master_addr, options);
  } catch (const std::exception& e) {
    const std::string why = first_line(e.what());
    if (!world.agent_store && world.rank == 0) {
      throw RendezvousError(me + "cannot serve the rendezvous on " + where + " (" + why +
                            "); is the port in use? choose another with MASTER_PORT or --dist-url");
    }
    throw RendezvousError(me + "cannot reach the rendezvous at " + where + " within " +
                          seconds_text(world.timeout) + " (" + why +
                          "); is rank 0 running, and is MASTER_ADDR its address?");
  }
  c10::intrusive_ptr<c10d::Store> base = root;
  if (!world.store_prefix.empty())
    base = c10::make_intrusive<c10d::PrefixStore>(world.store_prefix, root);
  auto store = c10::make_intrusive<c10d::PrefixStore>("elu-lab", base);
  store->setTimeout(world.timeout);

  // Join: claim the rank, publish the job, and wait for everyone's.
  const std::string rank_text = std::to_string(world.rank);
  try {
    if (store->add("claim/" + rank_text, 1) > 1) {
      throw RendezvousError(me + "another process has already joined this job as rank " +
                            rank_text);
    }
    store->set("job/" + rank_text, to_bytes(std::to_string(world.size) + "|" + job));
    std::vector<std::string> keys;
    for (int r = 0; r < world.size; ++r) keys.push_back("job/" + std::to_string(r));
    // Every joined rank's world size and job must be ours; compared as they arrive, so that
    // both sides of a disagreement say so, not only the one that waits longer.
    auto check_joined = [&] {
      for (int r = 0; r < world.size; ++r) {
        if (!store->check({keys[r]})) continue;
        const std::string theirs = from_bytes(store->get(keys[r]));
        const std::string size_text = theirs.substr(0, theirs.find('|'));
        if (size_text != std::to_string(world.size)) {
          throw RendezvousError(me + "rank " + std::to_string(r) +
                                " was started with a world size of " + size_text +
                                ", this one with " + std::to_string(world.size));
        }
        if (theirs.substr(theirs.find('|') + 1) != job) {
          throw RendezvousError(me + "rank " + std::to_string(r) +
                                " runs a different job (other options, or another elu-lab "
                                "build); every rank must be started with the same command and "
                                "options");
        }
      }
    };
    // A rank of a larger world announces itself under a rank beyond ours.
    auto check_beyond = [&] {
      const std::string beyond = "job/" + std::to_string(world.size);
      if (store->check({beyond})) {
        const std::string theirs = from_bytes(store->get(beyond));
        throw RendezvousError(
            me + "rank " + std::to_string(world.size) + " joined, started with a world size of " +
            theirs.substr(0, theirs.find('|')) + ", this one with " + std::to_string(world.size));
      }
    };
    const auto deadline = Clock::now() + world.timeout;
    while (!store->check(keys)) {
      check_joined();
      check_beyond();
      if (Clock::now() > deadline) {
        std::string missing;
        for (int r = 0; r < world.size; ++r) {
          if (!store->check({keys[r]}))
            missing += (missing.empty() ? "" : ", ") + std::to_string(r);
        }
        throw RendezvousError(me + "rank(s) " + missing + " did not join within " +
                              seconds_text(world.timeout) + " (the world size here is " +
                              std::to_string(world.size) + "; do all ranks agree on it?)");
      }
      std::this_thread::sleep_for(milliseconds(20));
    }
    check_joined();
  } catch (const RendezvousError&) {
    throw;
  } catch (const std::exception& e) {
    std::string why = me + "the rendezvous at " + where + " failed (" + first_line(e.what()) + ")";
    if (!world.agent_store && world.rank != 0) why += ": rank 0, which serves it, has stopped";
    throw RendezvousError(why);
  }

  std::unique_ptr<Communicator> c(new Communicator(world, store, root));
  try {
    auto options = c10d::ProcessGroupGloo::Options::create(world.timeout);
    options->devices.push_back(make_device(world));
    options->threads = 2;
    c->group_ = c10::make_intrusive<c10d::ProcessGroupGloo>(
        c10::make_intrusive<c10d::PrefixStore>("gloo", base), world.rank, world.size, options);
  } catch (const std::exception& e) {
    throw RendezvousError(me + "cannot connect the Gloo group (" + first_line(e.what()) +
                          "); on several machines set GLOO_SOCKET_IFNAME to the interface that "
                          "reaches the others");
  }
  c->start_watchdog();
  return c;
}

Communicator::~Communicator() { stop_watchdog(); }

void Communicator::start_watchdog() {
  watchdog_ = std::thread([this] { watch(); });
}

void Communicator::stop_watchdog() {
  {
    std::lock_guard<std::mutex> lock(watchdog_mutex_);
    watchdog_stop_ = true;
  }
  watchdog_wake_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

void Communicator::watch() {
  const milliseconds interval = beat_interval(world_.timeout);
  const milliseconds limit = world_.timeout / 2;
  std::vector<int64_t> last(world_.size, -1);
  std::vector<Clock::time_point> moved(world_.size, Clock::now());
  Clock::time_point store_ok = Clock::now();
  std::unique_lock<std::mutex> lock(watchdog_mutex_);
  while (!watchdog_wake_.wait_for(lock, interval, [this] { return watchdog_stop_; })) {
    const auto now = Clock::now();
    try {
      store_->add(heartbeat_key(world_.rank), 1);
      for (int r = 0; r < world_.size; ++r) {
        if (r == world_.rank) continue;
        const int64_t beat = store_->add(heartbeat_key(r), 0);
        if (beat != last[r]) {
          last[r] = beat;
          moved[r] = now;
        } else if (now - moved[r] > limit) {
          exit_with_line("lost rank " + std::to_string(r) + ": no heartbeat for " +
                         seconds_text(limit) + " (it died or hangs); rank " +
                         std::to_string(world_.rank) + " stops (exit status 3)");
        }
      }
      store_ok = now;
    } catch (const std::exception& e) {
      if (now - store_ok > limit) {
        exit_with_line("lost rank 0: the rendezvous store at " + world_.master_addr + ":" +
                       std::to_string(world_.master_port) + " has not answered for " +
                       seconds_text(limit) + " (" + first_line(e.what()) + "); rank " +
                       std::to_string(world_.rank) + " stops (exit status 3)");
      }
    }
  }
}

void Communicator::lost(const std::string& during, const std::string& detail) {
  // Which peer is gone: the ones whose heartbeat stands still over a few beats. Without the store
  // (it lives in rank 0, unless torchrun's agent serves it), rank 0 is the one lost.
  std::string names;
  try {
    std::vector<int64_t> before(world_.size);
    for (int r = 0; r < world_.size; ++r) before[r] = store_->add(heartbeat_key(r), 0);
    std::this_thread::sleep_for(beat_interval(world_.timeout) * 3);
    for (int r = 0; r < world_.size; ++r) {
      if (r != world_.rank && store_->add(heartbeat_key(r), 0) == before[r]) {
        names += (names.empty() ? "" : ", ") + std::to_string(r);
      }
    }
  } catch (const std::exception&) {
    names = world_.agent_store ? "" : "0";
  }
  if (names.empty() && world_.size == 2) names = std::to_string(1 - world_.rank);
  exit_with_line("lost rank " + (names.empty() ? std::string("?") : names) + " during " + during +
                 " (" + first_line(detail) + "); rank " + std::to_string(world_.rank) +
                 " stops (exit status 3)");
}

void Communicator::broadcast(torch::Tensor& flat, const std::string& what) {
  std::vector<at::Tensor> tensors{flat};
  c10d::BroadcastOptions options;
  options.rootRank = 0;
  try {
    group_->broadcast(tensors, options)->wait();
  } catch (const std::exception& e) {
    lost(what, e.what());
  }
}

std::string Communicator::broadcast_bytes(const std::string& bytes, const std::string& what) {
  torch::Tensor size =
      torch::tensor({static_cast<int64_t>(is_root() ? bytes.size() : 0)}, torch::kInt64);
  broadcast(size, what);
  torch::Tensor data = torch::empty({size.item<int64_t>()}, torch::kUInt8);
  if (is_root() && !bytes.empty()) std::memcpy(data.data_ptr(), bytes.data(), bytes.size());
  if (data.numel() > 0) broadcast(data, what);
  return {static_cast<const char*>(data.data_ptr()), static_cast<std::size_t>(data.numel())};
}

c10::intrusive_ptr<c10d::Work> Communicator::allreduce_sum_async(torch::Tensor& flat) {
  std::vector<at::Tensor> tensors{flat};
  try {
    return group_->allreduce(tensors);
  } catch (const std::exception& e) {
    lost("the gradient all-reduce", e.what());
  }
}

void Communicator::wait(const c10::intrusive_ptr<c10d::Work>& work, const std::string& what) {
  try {
    work->wait();
  } catch (const std::exception& e) {
    lost(what, e.what());
  }
}

std::vector<std::string> Communicator::allgather_bytes(const std::string& mine,
                                                       const std::string& what) {
  try {
    std::vector<at::Tensor> size_in{
        torch::tensor({static_cast<int64_t>(mine.size())}, torch::kInt64)};
    std::vector<std::vector<at::Tensor>> size_out(1);
    for (int r = 0; r < size(); ++r) size_out[0].push_back(torch::empty({1}, torch::kInt64));
    group_->allgather(size_out, size_in)->wait();
    int64_t longest = 0;
    for (const auto& s : size_out[0]) longest = std::max(longest, s.item<int64_t>());
    std::vector<at::Tensor> data_in{torch::zeros({std::max<int64_t>(longest, 1)}, torch::kUInt8)};
    std::memcpy(data_in[0].data_ptr(), mine.data(), mine.size());
    std::vector<std::vector<at::Tensor>> data_out(1);
    for (int r = 0; r < size(); ++r) data_out[0].push_back(torch::empty_like(data_in[0]));
    group_->allgather(data_out, data_in)->wait();
    std::vector<std::string> all;
    for (int r = 0; r < size(); ++r) {
      all.emplace_back(static_cast<const char*>(data_out[0][r].data_ptr()),
                       static_cast<std::size_t>(size_out[0][r].item<int64_t>()));
    }
    return all;
  } catch (const std::exception& e) {
    lost(what, e.what());
  }
}

void Communicator::sync_point(const std::string& what) {
  const std::string point = "sync/" + std::to_string(sync_count_++) + "/";
  std::vector<std::string> keys;
  for (int r = 0; r < size(); ++r) keys.push_back(point + std::to_string(r));
  try {
    store_->set(keys[rank()], to_bytes("1"));
    while (!store_->check(keys)) std::this_thread::sleep_for(milliseconds(10));
  } catch (const std::exception& e) {
    lost(what, e.what());
  }
}

void Communicator::finish() {
  sync_point("the end of the job");
  stop_watchdog();
  try {
    store_->add("left", 1);
    if (!world_.agent_store && is_root()) {
      // The store lives in this process: the others must be done with it before it goes.
      const auto deadline = Clock::now() + world_.timeout;
      while (store_->add("left", 0) < size() && Clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(10));
      }
    }
  } catch (const std::exception&) {
    // Everyone met above; a peer already gone is no failure now.
  }
}

}  // namespace elu::lab::dist
