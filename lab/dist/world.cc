// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "dist/world.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace elu::lab::dist {
namespace {

constexpr const char* kVariables[] = {"RANK",
                                      "WORLD_SIZE",
                                      "LOCAL_RANK",
                                      "LOCAL_WORLD_SIZE",
                                      "MASTER_ADDR",
                                      "MASTER_PORT",
                                      "TORCHELASTIC_USE_AGENT_STORE",
                                      "TORCHELASTIC_RESTART_COUNT",
                                      "SLURM_PROCID",
                                      "SLURM_NTASKS",
                                      "SLURM_LOCALID",
                                      "SLURM_NTASKS_PER_NODE"};

[[noreturn]] void refuse(const std::string& message) { throw std::invalid_argument(message); }

const std::string* find(const std::map<std::string, std::string>& env, const char* name) {
  const auto it = env.find(name);
  return it == env.end() || it->second.empty() ? nullptr : &it->second;
}

int whole_number(const std::string& text, const std::string& what) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [last, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || last != end)
    refuse(what + " must be a whole number (got '" + text + "')");
  return value;
}

int port_number(const std::string& text, const std::string& what) {
  const int port = whole_number(text, what);
  if (port < 1 || port > 65535) refuse(what + " must be a port, 1 to 65535 (got " + text + ")");
  return port;
}

// Slurm's SLURM_NTASKS_PER_NODE may read "2" or "2(x3)"; the count before any '(' is enough.
int leading_count(const std::string& text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

std::map<std::string, std::string> launcher_environment() {
  std::map<std::string, std::string> env;
  for (const char* name : kVariables) {
    if (const char* value = std::getenv(name)) env[name] = value;
  }
  return env;
}

World resolve_world(const DistOptions& options, const std::map<std::string, std::string>& env) {
  World w;
  if (!std::isfinite(options.timeout_s) || options.timeout_s <= 0 || options.timeout_s > 86400) {
    std::string got = std::to_string(options.timeout_s);
    refuse("--dist-timeout must be a positive number of seconds, at most 86400 (got " + got + ")");
  }
  w.timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout_s * 1000.0));

  const bool torchrun = find(env, "WORLD_SIZE") != nullptr;
  const bool slurm = !torchrun && find(env, "SLURM_NTASKS") != nullptr;
  std::string rank_from = "--rank", size_from = "--world-size";
  int rank = options.rank, size = options.world_size;
  if (size == -1) {
    if (torchrun) {
      size = whole_number(*find(env, "WORLD_SIZE"), "WORLD_SIZE");
      size_from = "WORLD_SIZE";
    } else if (slurm) {
      size = whole_number(*find(env, "SLURM_NTASKS"), "SLURM_NTASKS");
      size_from = "SLURM_NTASKS";
    }
  } else if (size < 1) {
    refuse("--world-size must be at least 1 (got " + std::to_string(size) + ")");
  }
  if (rank < 0) {
    if (options.rank != -1) refuse("--rank must be 0 or more (got " + std::to_string(rank) + ")");
    const char* name = torchrun ? "RANK" : slurm ? "SLURM_PROCID" : nullptr;
    if (name != nullptr && find(env, name) != nullptr) {
      rank = whole_number(*find(env, name), name);
      rank_from = name;
    }
  }
  if (size == -1) {
    if (rank > 0) refuse("--rank " + std::to_string(rank) + " needs --world-size (or WORLD_SIZE)");
    return w;  // no job: one process, as always
  }
  if (size < 1) refuse(size_from + " must be at least 1 (got " + std::to_string(size) + ")");
  if (rank < 0) {
    if (size > 1)
      refuse(size_from + " is " + std::to_string(size) + " but no rank is given (--rank or RANK)");
    rank = 0;
  }
  if (rank >= size) {
    refuse(rank_from + " " + std::to_string(rank) + " is outside the world of " +
           std::to_string(size) + " (" + size_from + "): ranks are 0 to " +
           std::to_string(size - 1));
  }
  w.rank = rank;
  w.size = size;
  w.source = options.world_size != -1 || options.rank >= 0 ? "options"
             : torchrun                                    ? "environment"
                                                           : "slurm";

  if (!options.url.empty()) {
    const std::string scheme = "tcp://";
    const std::size_t colon = options.url.rfind(':');
    if (options.url.rfind(scheme, 0) != 0 || colon == std::string::npos || colon <= scheme.size()) {
      refuse("--dist-url must be tcp://HOST:PORT (got '" + options.url + "')");
    }
    w.master_addr = options.url.substr(scheme.size(), colon - scheme.size());
    if (w.master_addr.size() > 2 && w.master_addr.front() == '[' && w.master_addr.back() == ']') {
      w.master_addr = w.master_addr.substr(1, w.master_addr.size() - 2);  // [::1]
    }
    w.master_port = port_number(options.url.substr(colon + 1), "--dist-url's port");
  } else {
    if (const std::string* addr = find(env, "MASTER_ADDR")) w.master_addr = *addr;
    if (const std::string* port = find(env, "MASTER_PORT"))
      w.master_port = port_number(*port, "MASTER_PORT");
  }
  if (w.distributed() && w.master_addr.empty()) {
    refuse(
        "a world of " + std::to_string(size) +
        " needs the rendezvous address: --dist-url tcp://HOST:PORT or MASTER_ADDR (rank 0's host)");
  }

  if (torchrun) {
    if (const std::string* v = find(env, "LOCAL_RANK"))
      w.local_rank = whole_number(*v, "LOCAL_RANK");
    if (const std::string* v = find(env, "LOCAL_WORLD_SIZE"))
      w.local_size = whole_number(*v, "LOCAL_WORLD_SIZE");
    if (const std::string* v = find(env, "TORCHELASTIC_USE_AGENT_STORE")) {
      w.agent_store = *v == "True" || *v == "true" || *v == "1";
    }
    if (w.agent_store) {
      const std::string* restarts = find(env, "TORCHELASTIC_RESTART_COUNT");
      w.store_prefix = "/worker/attempt_" + (restarts != nullptr ? *restarts : std::string("0"));
      w.source = "torchrun";
    }
  } else if (slurm) {
    if (const std::string* v = find(env, "SLURM_LOCALID"))
      w.local_rank = whole_number(*v, "SLURM_LOCALID");
    if (const std::string* v = find(env, "SLURM_NTASKS_PER_NODE"))
      w.local_size = std::max(1, leading_count(*v));
  }
  if (w.local_size < 1) w.local_size = 1;
  return w;
}

std::string describe(const World& w) {
  if (!w.distributed()) return "single process";
  return "rank " + std::to_string(w.rank) + " of " + std::to_string(w.size) + " (" + w.source +
         ", rendezvous " + w.master_addr + ":" + std::to_string(w.master_port) + ")";
}

}  // namespace elu::lab::dist
