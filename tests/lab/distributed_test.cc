// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Distributed elu-lab: several elu-lab processes on 127.0.0.1 (a free port each time) form a
// c10d/Gloo job. Data-parallel training must match one process, a sharded compare must give one
// process's numbers, and a lost or hung rank or a bad rendezvous must stop the others with exit
// status 3 within --dist-timeout, leaving a checkpoint that resumes.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "lab_test_util.h"
#include "models/factory.h"
#include "train/checkpoint.h"
#include "train/trainer.h"

namespace elu::lab {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// A port nobody listens on now (bound and released; the kernel does not hand it out again soon).
int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(s);
    throw std::runtime_error("no free port");
  }
  ::close(s);
  return ntohs(a.sin_port);
}

struct Rank {
  int pid = -1;
  fs::path out, err;
};

struct Exit {
  int code = -1;  // -1: killed by a signal; -2: still running at the limit (then killed)
  double seconds = 0;
  std::string err;
};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

Rank start_rank(const fs::path& dir, int rank, int world, int port,
                const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  Rank r;
  r.out = dir / ("rank" + std::to_string(rank) + ".out");
  r.err = dir / ("rank" + std::to_string(rank) + ".err");
  const std::vector<std::string> all =
      with(args, {"--world-size", std::to_string(world), "--rank", std::to_string(rank),
                  "--dist-url", "tcp://127.0.0.1:" + std::to_string(port)});
  r.pid = test::spawn_program(ELU_LAB_EXE, all, r.out.string(), r.err.string(), env);
  return r;
}

Exit wait_for(const Rank& r, double limit_s) {
  const auto start = Clock::now();
  Exit e;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(r.pid, &status, WNOHANG);
    e.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (done == r.pid) {
      e.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      break;
    }
    if (e.seconds > limit_s) {
      ::kill(r.pid, SIGKILL);
      ::waitpid(r.pid, &status, 0);
      e.code = -2;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  e.err = test::read_file(r.err);
  return e;
}

// Every rank of a job that should succeed.
void expect_all_succeed(const std::vector<Rank>& ranks, double limit_s = 600) {
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    const Exit e = wait_for(ranks[i], limit_s);
    EXPECT_EQ(e.code, 0) << "rank " << i << ": " << e.err << test::read_file(ranks[i].out);
  }
}

std::vector<Rank> start_job(const fs::path& dir, int world, const std::vector<std::string>& args,
                            const std::vector<std::string>& env = {}) {
  const int port = free_port();
  std::vector<Rank> ranks;
  for (int r = 0; r < world; ++r) ranks.push_back(start_rank(dir, r, world, port, args, env));
  return ranks;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool wait_for_file(const fs::path& file, double limit_s) {
  const auto start = Clock::now();
  while (!fs::exists(file)) {
    if (std::chrono::duration<double>(Clock::now() - start).count() > limit_s) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// The MLP the training tests run: 4,000 images, the default global batch of 64, one thread per
// rank.
const std::vector<std::string> kTrain{
    "train", "--train-subset", "4000", "--eval-subset", "1000",           "--threads",
    "1",     "--seed",         "5",    "--data",        FASHION_MNIST_DIR};

RunSpec train_spec() {
  RunSpec s;
  s.train_subset = 4000;
  s.eval_subset = 1000;
  s.batch = 64;
  s.seed = 5;
  return s;
}

std::vector<torch::Tensor> checkpoint_parameters(const fs::path& dir) {
  const RunSpec spec = train_spec();
  std::shared_ptr<LabModel> model = make_model(spec);
  auto optimizer = make_optimizer(spec, *model);
  load_checkpoint(dir, spec, *model, *optimizer);
  return model->parameters();
}

double relative(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

TEST(DistributedTrain, TwoRanksMatchOneProcess) {
  const fs::path dir = test::fresh_dir("dist_equivalence");
  const auto one = test::run_elu_lab(with(kTrain, {"--epochs", "1", "--out", (dir / "one").string(),
                                                   "--checkpoint", (dir / "one-ckpt").string()}));
  ASSERT_EQ(one.exit_code, 0) << one.err;

  // Rank 1 is given its own --out: it must write nothing there (rank 0 alone writes).
  const auto start = [&](const std::string& name, std::vector<std::string> extra) {
    const int port = free_port();
    const auto args = with(
        kTrain, with({"--epochs", "1", "--checkpoint", (dir / (name + "-ckpt")).string()}, extra));
    fs::create_directories(dir / name);
    return std::vector<Rank>{
        start_rank(dir / name, 0, 2, port, with(args, {"--out", (dir / name / "out").string()})),
        start_rank(dir / name, 1, 2, port,
                   with(args, {"--out", (dir / name / "rank1-out").string()}))};
  };
  expect_all_succeed(start("two", {}));
  expect_all_succeed(start("two-no-overlap", {"--no-grad-overlap"}));
  EXPECT_FALSE(fs::exists(dir / "two" / "rank1-out"));

  // Parameters: the same sums in another order (each rank sums half the batch, then Gloo adds
  // the halves), so they agree to float rounding accumulated over 63 steps.
  const auto p1 = checkpoint_parameters(dir / "one-ckpt");
  const auto p2 = checkpoint_parameters(dir / "two-ckpt");
  const auto p2b = checkpoint_parameters(dir / "two-no-overlap-ckpt");
  ASSERT_EQ(p1.size(), p2.size());
  double worst = 0;
  for (std::size_t i = 0; i < p1.size(); ++i) {
    const double rel = ((p2[i] - p1[i]).norm() / p1[i].norm()).item<double>();
    worst = std::max(worst, rel);
    EXPECT_LE(rel, 1e-5) << "parameter " << i;
    // Overlapping the all-reduce with the backward pass sums the same buckets: the same bits.
    EXPECT_TRUE(torch::equal(p2[i], p2b[i])) << "parameter " << i;
  }
  std::printf("largest relative difference of a parameter tensor, 2 ranks vs 1: %.3g\n", worst);

  const json m1 = test::read_json(dir / "one" / "metrics.json");
  const json m2 = test::read_json(dir / "two" / "out" / "metrics.json");
  EXPECT_EQ(m1.at("data_parallel_ranks"), 1);
  EXPECT_EQ(m2.at("data_parallel_ranks"), 2);
  const json& e1 = m1.at("epochs").at(0);
  const json& e2 = m2.at("epochs").at(0);
  for (const char* key : {"train_loss", "val_loss", "test_loss"}) {
    EXPECT_LE(relative(e2.at(key).get<double>(), e1.at(key).get<double>()), 1e-5) << key;
    std::printf("%s: 1 rank %.17g, 2 ranks %.17g\n", key, e1.at(key).get<double>(),
                e2.at(key).get<double>());
  }
  for (const char* key : {"val_accuracy", "test_accuracy"}) {
    EXPECT_NEAR(e2.at(key).get<double>(), e1.at(key).get<double>(), 2.0 / 1000) << key;
  }
}

TEST(DistributedTrain, GlobalBatchMustDivideByWorldSize) {
  const fs::path dir = test::fresh_dir("dist_batch");
  const auto r = test::run_elu_lab(
      with(kTrain, {"--epochs", "1", "--batch", "63", "--world-size", "2", "--rank", "0",
                    "--dist-url", "tcp://127.0.0.1:1", "--out", (dir / "out").string()}));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("must divide by the world size 2"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(DistributedOptions, BadJobsAreRefusedBeforeAnythingHappens) {
  const fs::path dir = test::fresh_dir("dist_options");
  const auto out = (dir / "out").string();
  const auto base = with(kTrain, {"--epochs", "1", "--out", out});
  struct Case {
    std::vector<std::string> args, env;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"--world-size", "2", "--rank", "2", "--dist-url", "tcp://127.0.0.1:5"},
       {},
       "outside the world of 2"},
      {{"--world-size", "2", "--rank", "0", "--dist-url", "http://127.0.0.1:5"},
       {},
       "tcp://HOST:PORT"},
      {{"--world-size", "2", "--rank", "0", "--dist-url", "tcp://127.0.0.1:70000"},
       {},
       "1 to 65535"},
      {{"--world-size", "2", "--rank", "0"}, {}, "needs the rendezvous address"},
      {{"--world-size", "0"}, {}, "at least 1"},
      {{"--rank", "1"}, {}, "needs --world-size"},
      {{"--dist-timeout", "0"}, {}, "--dist-timeout"},
      {{"--parallel", "runs"}, {}, "train has one run"},
      {{}, {"WORLD_SIZE=2", "RANK=0"}, "needs the rendezvous address"},
      {{}, {"WORLD_SIZE=2", "RANK=x", "MASTER_ADDR=127.0.0.1"}, "RANK must be a whole number"},
      {{}, {"SLURM_NTASKS=2", "SLURM_PROCID=3", "MASTER_ADDR=127.0.0.1"}, "SLURM_PROCID 3"},
  };
  for (const Case& c : cases) {
    const auto r = test::run_elu_lab(with(base, c.args), c.env);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(test::lines(r.err), 1u) << r.err;
    EXPECT_FALSE(fs::exists(out));
  }
}

// Report numbers without the wall-clock times and the command line.
std::string results_without_times(const fs::path& file) {
  std::istringstream in(test::read_file(file));
  std::string line, kept;
  while (std::getline(in, line)) {
    if (line.find("seconds") == std::string::npos) kept += line + "\n";
  }
  return kept;
}

// report.md without the command line, the machine line (it has the time of day) and the Results
// table's last column (seconds per epoch).
std::string report_without_times(const fs::path& file) {
  std::istringstream in(test::read_file(file));
  std::string line, kept;
  bool results = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) results = line == "## Results";
    if (line.rfind("- Command:", 0) == 0 || line.rfind("- Machine:", 0) == 0) continue;
    if (results && line.rfind("|", 0) == 0) {
      line = line.substr(0, line.rfind('|', line.size() - 2));
    }
    kept += line + "\n";
  }
  return kept;
}

json metrics_without_times(const fs::path& file) {
  json m = test::read_json(file);
  m.erase("command_line");
  for (json& e : m.at("epochs")) {
    e.erase("train_seconds");
    e.erase("epoch_seconds");
  }
  return m;
}

const std::vector<std::string> kCompare{
    "compare",       "--acts", "elu,relu",  "--seeds", "2",      "--train-subset", "2000",
    "--eval-subset", "500",    "--threads", "1",       "--data", FASHION_MNIST_DIR};

void expect_same_compare(const fs::path& a, const fs::path& b,
                         const std::vector<std::string>& runs = {"elu-seed0", "elu-seed1",
                                                                 "relu-seed0", "relu-seed1"}) {
  const std::string ra = results_without_times(a / "results.csv");
  EXPECT_GT(test::lines(ra), 10u);
  EXPECT_EQ(ra, results_without_times(b / "results.csv"));
  EXPECT_EQ(report_without_times(a / "report.md"), report_without_times(b / "report.md"));
  for (const std::string& run : runs) {
    EXPECT_EQ(metrics_without_times(a / "runs" / run / "metrics.json"),
              metrics_without_times(b / "runs" / run / "metrics.json"))
        << run;
  }
}

TEST(DistributedCompare, TwoRanksShareTheRunsAndReportOneProcessNumbers) {
  const fs::path dir = test::fresh_dir("dist_compare");
  const auto one =
      test::run_elu_lab(with(kCompare, {"--epochs", "1", "--out", (dir / "one").string()}));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto ranks =
      start_job(dir, 2, with(kCompare, {"--epochs", "1", "--out", (dir / "two").string()}));
  expect_all_succeed(ranks);
  expect_same_compare(dir / "one", dir / "two");
  // Each rank trained two of the four runs.
  EXPECT_EQ(count(test::read_file(ranks[1].out), "epoch 1/1"), 2u) << test::read_file(ranks[1].out);
  const std::string report = report_without_times(dir / "two" / "report.md");
  EXPECT_NE(report.find("The ELU article's claims"), std::string::npos);
  EXPECT_EQ(report, report_without_times(dir / "one" / "report.md"));
}

TEST(DistributedSweep, ThreeRanksShareTheAlphas) {
  const fs::path dir = test::fresh_dir("dist_sweep");
  const std::vector<std::string> sweep{
      "sweep",          "--act", "elu",           "--alpha", "0.3,1,3",   "--epochs", "1",
      "--train-subset", "1000",  "--eval-subset", "200",     "--threads", "1",        "--data",
      FASHION_MNIST_DIR};
  const auto one = test::run_elu_lab(with(sweep, {"--out", (dir / "one").string()}));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  // Three ranks on two cores, one run each.
  expect_all_succeed(start_job(dir, 3, with(sweep, {"--out", (dir / "three").string()})));
  expect_same_compare(dir / "one", dir / "three",
                      {"elu-alpha0.3-seed0", "elu-alpha1-seed0", "elu-alpha3-seed0"});
}

TEST(DistributedCompare, ResumesWithAnotherWorldSize) {
  const fs::path dir = test::fresh_dir("dist_compare_resume");
  const auto ckpt = (dir / "ckpt").string();
  // One epoch on two ranks, then the second on one process from their checkpoints.
  expect_all_succeed(start_job(
      dir, 2,
      with(kCompare, {"--epochs", "1", "--out", (dir / "a").string(), "--checkpoint", ckpt})));
  const auto resumed =
      test::run_elu_lab(with(kCompare, {"--epochs", "2", "--out", (dir / "b").string(),
                                        "--checkpoint", ckpt, "--resume"}));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(count(resumed.out, "resumed after epoch 1"), 4u) << resumed.out;
  const auto fresh =
      test::run_elu_lab(with(kCompare, {"--epochs", "2", "--out", (dir / "c").string()}));
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  expect_same_compare(dir / "b", dir / "c");
}

// Two ranks train with checkpoints; once the first checkpoint exists, `fault` is done to one
// of them. The other must exit with status 3 within the timeout, naming the rank it lost.
void expect_survivor_stops(const std::string& name, int victim, int signal) {
  const fs::path dir = test::fresh_dir(name);
  const fs::path ckpt = dir / "ckpt";
  constexpr double kTimeout = 10;
  const auto args = with(kTrain, {"--epochs", "30", "--out", (dir / "out").string(), "--checkpoint",
                                  ckpt.string(), "--dist-timeout", "10"});
  std::vector<Rank> ranks = start_job(dir, 2, args);
  ASSERT_TRUE(wait_for_file(checkpoint_file(ckpt), 300)) << test::read_file(ranks[0].err);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // into the next epoch
  ASSERT_EQ(::kill(ranks[victim].pid, signal), 0);
  const Exit survivor = wait_for(ranks[1 - victim], 60);
  ::kill(ranks[victim].pid, SIGKILL);
  wait_for(ranks[victim], 60);
  EXPECT_EQ(survivor.code, 3) << survivor.err;
  EXPECT_LE(survivor.seconds, kTimeout) << survivor.err;
  EXPECT_EQ(count(survivor.err, "lost rank " + std::to_string(victim)), 1u) << survivor.err;
  std::printf("survivor: exit %d after %.2f s: %s", survivor.code, survivor.seconds,
              survivor.err.c_str());

  // The checkpoint is intact and loads; every rank resumes from it and finishes.
  const RunSpec spec = train_spec();
  std::shared_ptr<LabModel> model = make_model(spec);
  auto optimizer = make_optimizer(spec, *model);
  TrainingState state;
  ASSERT_NO_THROW(state = load_checkpoint(ckpt, spec, *model, *optimizer));
  EXPECT_GE(state.epochs_done, 1);
  const int epochs = state.epochs_done + 1;
  const fs::path again = dir / "again";
  fs::create_directories(again);
  expect_all_succeed(
      start_job(again, 2,
                with(kTrain, {"--epochs", std::to_string(epochs), "--out", (dir / "out").string(),
                              "--checkpoint", ckpt.string(), "--resume"})));
  const json metrics = test::read_json(dir / "out" / "metrics.json");
  EXPECT_EQ(metrics.at("epochs").size(), static_cast<std::size_t>(epochs));
}

TEST(DistributedFaults, KilledRankStopsTheOtherAndTheCheckpointResumes) {
  expect_survivor_stops("dist_kill_rank1", 1, SIGKILL);
}

TEST(DistributedFaults, KilledRankZeroStopsTheOther) {
  expect_survivor_stops("dist_kill_rank0", 0, SIGKILL);
}

TEST(DistributedFaults, HungRankStopsTheOther) {
  expect_survivor_stops("dist_hang_rank1", 1, SIGSTOP);
}

TEST(DistributedRendezvous, PortInUseIsAClearError) {
  const fs::path dir = test::fresh_dir("dist_port_in_use");
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_ANY);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(s, 1), 0);
  ASSERT_EQ(::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len), 0);
  const Rank r = start_rank(
      dir, 0, 2, ntohs(a.sin_port),
      with(kTrain, {"--epochs", "1", "--out", (dir / "out").string(), "--dist-timeout", "5"}));
  const Exit e = wait_for(r, 30);
  ::close(s);
  EXPECT_EQ(e.code, 3) << e.err;
  EXPECT_NE(e.err.find("cannot serve the rendezvous"), std::string::npos) << e.err;
  EXPECT_LE(e.seconds, 5 + 3) << e.err;  // LibTorch's start-up and the data are the rest
}

TEST(DistributedRendezvous, UnreachableMasterIsAClearError) {
  const fs::path dir = test::fresh_dir("dist_unreachable");
  const Rank r = start_rank(
      dir, 1, 2, free_port(),
      with(kTrain, {"--epochs", "1", "--out", (dir / "out").string(), "--dist-timeout", "4"}));
  const Exit e = wait_for(r, 60);
  EXPECT_EQ(e.code, 3) << e.err;
  EXPECT_NE(e.err.find("cannot reach the rendezvous"), std::string::npos) << e.err;
  EXPECT_LE(e.seconds, 4 + 6) << e.err;
}

TEST(DistributedRendezvous, WorldSizesThatDisagreeAreAClearError) {
  const fs::path dir = test::fresh_dir("dist_world_sizes");
  const int port = free_port();
  const auto args = with(kTrain, {"--epochs", "1", "--batch", "60", "--out", (dir / "out").string(),
                                  "--dist-timeout", "5"});
  const Rank r0 = start_rank(dir, 0, 2, port, args);
  const Rank r1 = start_rank(dir, 1, 3, port, args);
  const Exit e0 = wait_for(r0, 60), e1 = wait_for(r1, 60);
  EXPECT_EQ(e0.code, 3) << e0.err;
  EXPECT_EQ(e1.code, 3) << e1.err;
  EXPECT_NE(e0.err.find("rank 1 was started with a world size of 3"), std::string::npos) << e0.err;
  // Rank 1 sees rank 0's world size, unless rank 0 (which serves the store) has stopped first.
  EXPECT_TRUE(e1.err.find("rank 0 was started with a world size of 2") != std::string::npos ||
              e1.err.find("rank 0, which serves it, has stopped") != std::string::npos)
      << e1.err;
  EXPECT_LE(e1.seconds, 5 + 6) << e1.err;
}

TEST(DistributedTorchrun, TwoWorkersUnderDebiansLauncher) {
  const fs::path dir = test::fresh_dir("dist_torchrun");
  const std::vector<std::string> args =
      with({"-m", "torch.distributed.run", "--nproc_per_node=2", "--master_port",
            std::to_string(free_port()), "--no_python", "--redirects", "1", "--tee", "1",
            "--log_dir", (dir / "logs").string(), ELU_LAB_EXE},
           with(kTrain, {"--epochs", "1", "--out", (dir / "out").string()}));
  const int pid = test::spawn_program("/usr/bin/python3", args, (dir / "torchrun.out").string(),
                                      (dir / "torchrun.err").string());
  const Exit e = wait_for(Rank{pid, dir / "torchrun.out", dir / "torchrun.err"}, 600);
  ASSERT_EQ(e.code, 0) << e.err << test::read_file(dir / "torchrun.out");
  const json metrics = test::read_json(dir / "out" / "metrics.json");
  EXPECT_EQ(metrics.at("data_parallel_ranks"), 2);
  EXPECT_EQ(metrics.at("epochs").size(), 1u);
}

// Two hosts: two network namespaces joined by a veth pair, each with its own address and no
// loopback path to the other. All of it happens inside `unshare --mount` (util-linux), so the
// mounts `ip netns` makes vanish with that process, and the namespaces and the veth pair with them,
// even where the setup fails halfway (a chroot without /run): nothing leaks to the machine.
TEST(DistributedTwoHosts, RanksInTwoNetworkNamespaces) {
  const fs::path dir = test::fresh_dir("dist_two_hosts");
  const std::string id = std::to_string(::getpid() % 100000);
  const std::string a = "elu-a" + id, b = "elu-b" + id, va = "ea" + id, vb = "eb" + id;
  const std::string port = std::to_string(free_port());
  std::string train;
  for (const std::string& arg : with(kTrain, {"--epochs", "1"})) train += " '" + arg + "'";
  auto rank = [&](int r, const std::string& ns, const std::string& ifname) {
    // Each rank knows only the master's address and its own interface, as on two machines.
    return "ip netns exec " + ns + " env GLOO_SOCKET_IFNAME=" + ifname +
           " MASTER_ADDR=10.77.0.1 MASTER_PORT=" + port +
           " WORLD_SIZE=2 RANK=" + std::to_string(r) + " '" + ELU_LAB_EXE + "'" + train +
           " --out '" + (dir / ("out" + std::to_string(r))).string() + "' >'" +
           (dir / ("rank" + std::to_string(r) + ".out")).string() + "' 2>'" +
           (dir / ("rank" + std::to_string(r) + ".err")).string() + "'";
  };
  std::string script = R"(set -u
setup() {
  ip netns add @A@ && ip netns add @B@ &&
  ip link add @VA@ type veth peer name @VB@ &&
  ip link set @VA@ netns @A@ && ip link set @VB@ netns @B@ &&
  ip -n @A@ addr add 10.77.0.1/24 dev @VA@ && ip -n @B@ addr add 10.77.0.2/24 dev @VB@ &&
  ip -n @A@ link set @VA@ up && ip -n @B@ link set @VB@ up &&
  ip -n @A@ link set lo up && ip -n @B@ link set lo up
}
cleanup() { ip netns del @A@ 2>/dev/null; ip netns del @B@ 2>/dev/null; }
trap cleanup EXIT
setup >/dev/null 2>&1 || exit 77
@RANK0@ &
r0=$!
@RANK1@
s1=$?
wait $r0; s0=$?
echo "$s0 $s1" >'@STATUS@'
[ $s0 = 0 ] && [ $s1 = 0 ]
)";
  const std::vector<std::pair<std::string, std::string>> fills{
      {"@RANK0@", rank(0, a, va)},
      {"@RANK1@", rank(1, b, vb)},
      {"@VA@", va},
      {"@VB@", vb},
      {"@A@", a},
      {"@B@", b},
      {"@STATUS@", (dir / "status").string()}};
  for (const auto& [token, value] : fills) {
    for (std::size_t at = script.find(token); at != std::string::npos;
         at = script.find(token, at + value.size())) {
      script.replace(at, token.size(), value);
    }
  }
  { std::ofstream(dir / "two_hosts.sh") << script; }
  const int status = std::system(("unshare --mount --propagation private sh '" +
                                  (dir / "two_hosts.sh").string() + "' >/dev/null 2>&1")
                                     .c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 77 || (code != 0 && !fs::exists(dir / "status"))) {
    GTEST_SKIP() << "ip netns does not work here (it needs root, iproute2 and a /run to mount on)";
  }
  ASSERT_EQ(code, 0) << test::read_file(dir / "rank0.err") << test::read_file(dir / "rank1.err");
  const json metrics = test::read_json(dir / "out0" / "metrics.json");
  EXPECT_EQ(metrics.at("data_parallel_ranks"), 2);
  EXPECT_FALSE(fs::exists(dir / "out1"));
}

}  // namespace
}  // namespace elu::lab
