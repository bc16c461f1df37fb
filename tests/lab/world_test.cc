// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// dist::resolve_world: options over torchrun's variables over Slurm's, and the refusals.
#include <gtest/gtest.h>

#include <stdexcept>

#include "dist/world.h"

namespace elu::lab::dist {
namespace {

using Env = std::map<std::string, std::string>;

TEST(World, NothingGivenIsOneProcessWithoutAStore) {
  const World w = resolve_world({}, {});
  EXPECT_FALSE(w.distributed());
  EXPECT_EQ(w.rank, 0);
  EXPECT_EQ(w.size, 1);
  EXPECT_EQ(describe(w), "single process");
  // A world of one is one process too, whatever the address.
  DistOptions one;
  one.world_size = 1;
  EXPECT_FALSE(resolve_world(one, {}).distributed());
}

TEST(World, TorchrunsVariablesWithItsAgentStore) {
  const Env env{{"RANK", "1"},
                {"WORLD_SIZE", "2"},
                {"LOCAL_RANK", "1"},
                {"LOCAL_WORLD_SIZE", "2"},
                {"MASTER_ADDR", "127.0.0.1"},
                {"MASTER_PORT", "29512"},
                {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                {"TORCHELASTIC_RESTART_COUNT", "3"}};
  const World w = resolve_world({}, env);
  EXPECT_EQ(w.rank, 1);
  EXPECT_EQ(w.size, 2);
  EXPECT_EQ(w.local_rank, 1);
  EXPECT_EQ(w.local_size, 2);
  EXPECT_EQ(w.master_addr, "127.0.0.1");
  EXPECT_EQ(w.master_port, 29512);
  EXPECT_TRUE(w.agent_store);
  EXPECT_EQ(w.store_prefix, "/worker/attempt_3");
  EXPECT_EQ(w.source, "torchrun");
}

TEST(World, OptionsOverrideTheEnvironment) {
  DistOptions o;
  o.url = "tcp://10.0.0.7:4000";
  o.rank = 0;
  o.world_size = 3;
  o.timeout_s = 7.5;
  const World w = resolve_world(o, {{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "x"}});
  EXPECT_EQ(w.rank, 0);
  EXPECT_EQ(w.size, 3);
  EXPECT_EQ(w.master_addr, "10.0.0.7");
  EXPECT_EQ(w.master_port, 4000);
  EXPECT_EQ(w.timeout.count(), 7500);
  EXPECT_FALSE(w.agent_store);
  o.url = "tcp://[::1]:4001";
  EXPECT_EQ(resolve_world(o, {}).master_addr, "::1");
}

TEST(World, SlurmsVariablesWhenTorchrunsAreAbsent) {
  const Env env{{"SLURM_PROCID", "3"},
                {"SLURM_NTASKS", "4"},
                {"SLURM_LOCALID", "1"},
                {"SLURM_NTASKS_PER_NODE", "2(x2)"},
                {"MASTER_ADDR", "node1"}};
  const World w = resolve_world({}, env);
  EXPECT_EQ(w.rank, 3);
  EXPECT_EQ(w.size, 4);
  EXPECT_EQ(w.local_rank, 1);
  EXPECT_EQ(w.local_size, 2);
  EXPECT_EQ(w.master_port, kDefaultMasterPort);
  EXPECT_EQ(w.source, "slurm");
  EXPECT_EQ(describe(w), "rank 3 of 4 (slurm, rendezvous node1:29500)");
}

void expect_refused(const DistOptions& o, const Env& env, const std::string& message) {
  try {
    resolve_world(o, env);
    ADD_FAILURE() << "accepted; expected: " << message;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

TEST(World, RefusesWhatCannotFormAJob) {
  DistOptions o;
  o.world_size = 2;
  o.rank = 2;
  o.url = "tcp://h:1";
  expect_refused(o, {}, "outside the world of 2");
  o.rank = -5;
  expect_refused(o, {}, "--rank must be 0 or more");
  o.rank = 0;
  o.url = "h:1";
  expect_refused(o, {}, "tcp://HOST:PORT");
  o.url = "tcp://h:0";
  expect_refused(o, {}, "1 to 65535");
  o.url = "tcp://:5";
  expect_refused(o, {}, "tcp://HOST:PORT");
  o.url.clear();
  expect_refused(o, {}, "needs the rendezvous address");
  expect_refused(o, {{"MASTER_ADDR", "h"}, {"MASTER_PORT", "99999"}}, "MASTER_PORT");
  o.world_size = 2;
  o.rank = -1;
  expect_refused(o, {{"MASTER_ADDR", "h"}}, "no rank is given");
  DistOptions bad_timeout;
  bad_timeout.timeout_s = -1;
  expect_refused(bad_timeout, {}, "--dist-timeout");
  bad_timeout.timeout_s = 1e9;
  expect_refused(bad_timeout, {}, "--dist-timeout");
  expect_refused({}, {{"WORLD_SIZE", "two"}}, "WORLD_SIZE must be a whole number");
  expect_refused({}, {{"WORLD_SIZE", "0"}}, "WORLD_SIZE must be at least 1");
  DistOptions rank_only;
  rank_only.rank = 1;
  expect_refused(rank_only, {}, "needs --world-size");
}

}  // namespace
}  // namespace elu::lab::dist
