// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "train/trainer.h"

#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>

#include "dist/communicator.h"
#include "dist/gradient_sync.h"
#include "elu/nn.hpp"
#include "metrics/hidden_stats.h"
#include "models/factory.h"
#include "train/checkpoint.h"

namespace elu::lab {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string engine_text(const std::mt19937_64& engine) {
  std::ostringstream s;
  s << engine;
  return s.str();
}

// The images' pixels in [0, 1], [n, 784]: what an autoencoder reconstructs.
torch::Tensor pixels(const torch::Tensor& images, const Split& split) {
  return images.flatten(1) * split.pixel_std + split.pixel_mean;
}

}  // namespace

Evaluation evaluate(LabModel& model, const Split& split) {
  constexpr int64_t kBatch = 1000;
  torch::NoGradGuard no_grad;
  const bool was_training = model.is_training();
  model.eval();
  double loss_sum = 0.0;
  int64_t correct = 0;
  const int64_t n = split.labels.size(0);
  for (int64_t begin = 0; begin < n; begin += kBatch) {
    const int64_t end = std::min(begin + kBatch, n);
    const torch::Tensor images = split.images.slice(0, begin, end);
    const torch::Tensor logits = model.forward(images);
    if (model.reconstructs()) {
      // MSE per pixel, as in training; an autoencoder has no accuracy.
      loss_sum +=
          torch::mse_loss(logits, pixels(images, split), at::Reduction::Sum).item<double>() /
          static_cast<double>(logits.size(1));
      continue;
    }
    const torch::Tensor labels = split.labels.slice(0, begin, end);
    loss_sum +=
        torch::nn::functional::cross_entropy(
            logits, labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
            .item<double>();
    correct += logits.argmax(1).eq(labels).sum().item<int64_t>();
  }
  model.train(was_training);
  const double accuracy = model.reconstructs()
                              ? std::numeric_limits<double>::quiet_NaN()
                              : static_cast<double>(correct) / static_cast<double>(n);
  return {loss_sum / static_cast<double>(n), accuracy};
}

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const RunSpec& spec, LabModel& model) {
  if (spec.optimizer == "adam") {
    return std::make_unique<torch::optim::Adam>(model.parameters(),
                                                torch::optim::AdamOptions(spec.lr));
  }
  return std::make_unique<torch::optim::SGD>(model.parameters(), torch::optim::SGDOptions(spec.lr));
}

namespace {

struct PassResult {
  double mean_loss = 0.0;   // over the minibatches trained; NaN or inf if one diverged
  std::size_t batches = 0;  // trained, including a non-finite one
  std::size_t planned = 0;  // in the epoch
  bool non_finite = false;  // stopped at a minibatch whose loss was not finite
};

// The permutation comes from the caller's engine, so the data order is part of the saved state.
// A non-finite minibatch loss ends the pass: every later step would only spread it.
PassResult train_epoch_in_order(LabModel& model, torch::optim::Optimizer& optimizer,
                                const Split& train, int batch, const std::vector<int64_t>& order,
                                Progress* progress) {
  model.train();
  const auto n = static_cast<int64_t>(order.size());
  const torch::Tensor index =
      torch::from_blob(const_cast<int64_t*>(order.data()), {n}, torch::kInt64);
  PassResult result;
  result.planned = static_cast<std::size_t>((n + batch - 1) / batch);
  double loss_sum = 0.0;
  for (int64_t begin = 0; begin < n; begin += batch) {
    const torch::Tensor rows = index.slice(0, begin, std::min<int64_t>(begin + batch, n));
    const torch::Tensor images = train.images.index_select(0, rows);
    const torch::Tensor output = model.forward(images);
    const torch::Tensor loss =
        model.reconstructs()
            ? torch::mse_loss(output, pixels(images, train))
            : torch::nn::functional::cross_entropy(output, train.labels.index_select(0, rows));
    optimizer.zero_grad();
    loss.backward();
    model.before_step();
    optimizer.step();
    const double value = loss.item<double>();
    loss_sum += value;
    ++result.batches;
    if (!std::isfinite(value)) {
      result.non_finite = true;
      break;
    }
    if (progress != nullptr) {
      progress->batch_done(result.batches, loss_sum / static_cast<double>(result.batches));
    }
  }
  result.mean_loss = loss_sum / static_cast<double>(result.batches);
  return result;
}

// The same pass over the ranks: every rank walks the same global order, takes its contiguous
// share of each global batch (shares differ by at most one row when the world size does not
// divide the last batch), and weights its mean loss by its share, so that the summed gradients
// are those of the global batch's mean loss. Only the summation order differs from one process.
PassResult train_epoch_data_parallel(LabModel& model, torch::optim::Optimizer& optimizer,
                                     const Split& train, int batch,
                                     const std::vector<int64_t>& order, dist::Communicator& comm,
                                     dist::GradientSync& sync, Progress* progress) {
  model.train();
  const auto n = static_cast<int64_t>(order.size());
  const torch::Tensor index =
      torch::from_blob(const_cast<int64_t*>(order.data()), {n}, torch::kInt64);
  const int64_t ranks = comm.size(), rank = comm.rank();
  PassResult result;
  result.planned = static_cast<std::size_t>((n + batch - 1) / batch);
  double loss_sum = 0.0;
  for (int64_t begin = 0; begin < n; begin += batch) {
    const int64_t rows = std::min<int64_t>(batch, n - begin);
    const int64_t first = begin + rows * rank / ranks, last = begin + rows * (rank + 1) / ranks;
    optimizer.zero_grad();
    double value = 0.0;
    if (last > first) {
      const torch::Tensor mine = index.slice(0, first, last);
      const torch::Tensor images = train.images.index_select(0, mine);
      const torch::Tensor output = model.forward(images);
      const torch::Tensor loss =
          model.reconstructs()
              ? torch::mse_loss(output, pixels(images, train))
              : torch::nn::functional::cross_entropy(output, train.labels.index_select(0, mine));
      const torch::Tensor share =
          loss * (static_cast<double>(last - first) / static_cast<double>(rows));
      sync.begin_step(share.item<double>());
      share.backward();
      value = sync.finish_step(true);
    } else {
      sync.begin_step(0.0);
      value = sync.finish_step(false);
    }
    model.before_step();
    optimizer.step();
    loss_sum += value;
    ++result.batches;
    if (!std::isfinite(value)) {  // the same sum on every rank: they all stop here
      result.non_finite = true;
      break;
    }
    if (progress != nullptr) {
      progress->batch_done(result.batches, loss_sum / static_cast<double>(result.batches));
    }
  }
  result.mean_loss = loss_sum / static_cast<double>(result.batches);
  return result;
}

// Rank 0's parameters and buffers (BatchNorm's running statistics) on every rank.
void broadcast_model(LabModel& model, dist::Communicator& comm) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> tensors;
  for (const torch::Tensor& p : model.parameters()) tensors.push_back(p);
  for (const torch::Tensor& b : model.buffers()) {
    if (b.scalar_type() == torch::kFloat32) tensors.push_back(b);
  }
  if (tensors.empty()) return;
  std::vector<torch::Tensor> rows;
  for (const torch::Tensor& t : tensors) rows.push_back(t.reshape(-1));
  torch::Tensor flat = torch::cat(rows);
  comm.broadcast(flat, "the broadcast of rank 0's parameters");
  int64_t offset = 0;
  for (torch::Tensor& t : tensors) {
    t.copy_(flat.narrow(0, offset, t.numel()).view(t.sizes()));
    offset += t.numel();
  }
}

std::vector<int64_t> shuffled_order(std::size_t n, std::mt19937_64& engine) {
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), int64_t{0});
  std::shuffle(order.begin(), order.end(), engine);
  return order;
}

}  // namespace

double train_epoch(LabModel& model, torch::optim::Optimizer& optimizer, const Split& train,
                   int batch, std::uint64_t shuffle_seed, Progress* progress) {
  std::mt19937_64 engine(shuffle_seed);
  return train_epoch_in_order(model, optimizer, train, batch, shuffled_order(train.size(), engine),
                              progress)
      .mean_loss;
}

namespace {

// A checkpoint of the same configuration trained on other data (another --data with the same
// subsets) would resume as if nothing had changed.
void check_same_data(const RunHistory& h, const FashionMnist& data,
                     const std::filesystem::path& file) {
  if (h.train_images != data.train.size() || h.validation_images != data.validation.size() ||
      h.test_images != data.test.size()) {
    throw CheckpointError(
        file.string() + ": made with " + std::to_string(h.train_images) + "/" +
        std::to_string(h.validation_images) + "/" + std::to_string(h.test_images) +
        " training/validation/test images, not this data's " + std::to_string(data.train.size()) +
        "/" + std::to_string(data.validation.size()) + "/" + std::to_string(data.test.size()));
  }
}

}  // namespace

void check_resumable(const RunSpec& spec, const FashionMnist& data, const RunPaths& paths) {
  if (!paths.resume || paths.checkpoint_dir.empty()) return;
  if (!std::filesystem::exists(checkpoint_file(paths.checkpoint_dir))) return;
  std::shared_ptr<LabModel> model = make_model(spec);
  std::unique_ptr<torch::optim::Optimizer> optimizer = make_optimizer(spec, *model);
  const TrainingState state = load_checkpoint(paths.checkpoint_dir, spec, *model, *optimizer);
  check_same_data(state.history, data, checkpoint_file(paths.checkpoint_dir));
}

RunHistory run_training(const RunSpec& spec, const FashionMnist& data, const RunPaths& paths,
                        Progress& progress, const std::string& run_label,
                        const Provenance& provenance, const DataParallel& parallel) {
  dist::Communicator* const comm =
      parallel.comm != nullptr && parallel.comm->size() > 1 ? parallel.comm : nullptr;
  const bool root = comm == nullptr || comm->is_root();  // evaluates, measures and writes
  // Training and evaluation of this run, on this thread (the autograd nodes keep the choice).
  const elu::nn::CorrectlyRoundedGuard numerics(spec.exact);
  torch::manual_seed(spec.seed);
  std::shared_ptr<LabModel> model = make_model(spec);
  std::unique_ptr<torch::optim::Optimizer> optimizer = make_optimizer(spec, *model);
  std::mt19937_64 order_engine(spec.seed);

  TrainingState state;
  state.history.spec = spec;
  state.history.model_description = model->describe();
  state.history.train_images = data.train.size();
  state.history.validation_images = data.validation.size();
  state.history.test_images = data.test.size();
  auto describe_data = [&](RunHistory& h) {
    h.data_dir = data.dir.string();
    h.pixel_mean = data.train.pixel_mean;
    h.pixel_std = data.train.pixel_std;
    h.command_line = provenance.command_line;
    h.machine = provenance.machine;
  };
  describe_data(state.history);

  state.history.data_parallel_ranks = comm != nullptr ? comm->size() : 1;

  const bool checkpoints = !paths.checkpoint_dir.empty();
  if (paths.resume && checkpoints) {
    const auto file = checkpoint_file(paths.checkpoint_dir);
    // In a job, rank 0's file is the one every rank resumes from (no shared file system needed).
    std::string bytes;
    if (root && std::filesystem::exists(file)) bytes = read_checkpoint_bytes(paths.checkpoint_dir);
    if (comm != nullptr) bytes = comm->broadcast_bytes(bytes, "the broadcast of the checkpoint");
    if (!bytes.empty()) {
      state = load_checkpoint_bytes(bytes, file, spec, *model, *optimizer);
      check_same_data(state.history, data, file);
      state.history.spec = spec;
      state.history.data_parallel_ranks = comm != nullptr ? comm->size() : 1;
      describe_data(state.history);
      std::istringstream(state.order_rng) >> order_engine;
      if (state.history.diverged) {
        // A result, like a finished run: its files are rewritten and the command goes on.
        if (root) {
          progress.warn(run_label + " diverged at epoch " +
                        std::to_string(state.history.diverged->epoch) + " (" +
                        state.history.diverged->reason + "), as recorded in " + file.string() +
                        "; nothing is left to train");
          write_metrics(state.history, paths.out_dir);
        }
        return state.history;
      }
      if (root) {
        progress.note(run_label + "  resumed after epoch " + std::to_string(state.epochs_done) +
                      " from " + file.string());
      }
    } else if (root) {
      progress.note(run_label + "  no checkpoint in " + paths.checkpoint_dir.string() +
                    "; starting at epoch 1");
    }
  }
  std::unique_ptr<dist::GradientSync> sync;
  if (comm != nullptr) {
    broadcast_model(*model, *comm);
    sync = std::make_unique<dist::GradientSync>(*comm, model->parameters(), parallel.overlap);
  }

  const torch::Tensor probe_images = data.train.images.slice(
      0, 0, static_cast<int64_t>(std::min(kProbeImages, data.train.size())));
  const std::size_t batches = (data.train.size() + spec.batch - 1) / spec.batch;
  const int first_epoch = state.epochs_done + 1;
  double train_seconds_total = 0;  // this invocation's, for the data-parallel summary
  for (int epoch = first_epoch; epoch <= spec.epochs; ++epoch) {
    if (root) progress.begin_epoch(run_label, epoch, spec.epochs, batches);
    const auto start = Clock::now();
    EpochRecord record;
    record.epoch = epoch;
    const std::vector<int64_t> order = shuffled_order(data.train.size(), order_engine);
    const PassResult pass =
        comm == nullptr
            ? train_epoch_in_order(*model, *optimizer, data.train, spec.batch, order, &progress)
            : train_epoch_data_parallel(*model, *optimizer, data.train, spec.batch, order, *comm,
                                        *sync, root ? &progress : nullptr);
    record.train_loss = pass.mean_loss;
    record.train_seconds = seconds_since(start);
    train_seconds_total += record.train_seconds;
    if (!root) {
      // Rank 0 evaluates and writes meanwhile; its verdict on divergence ends every rank's run.
      state.history.epochs.push_back(record);
      state.epochs_done = epoch;
      comm->sync_point("epoch " + std::to_string(epoch) + "'s evaluation on rank 0");
      torch::Tensor stop = torch::zeros({1}, torch::kInt64);
      comm->broadcast(stop, "the end of epoch " + std::to_string(epoch));
      if (stop.item<int64_t>() != 0) return state.history;
      continue;
    }
    const Evaluation val = evaluate(*model, data.validation);
    const Evaluation test = evaluate(*model, data.test);
    record.val_loss = val.loss;
    record.val_accuracy = val.accuracy;
    record.test_loss = test.loss;
    record.test_accuracy = test.accuracy;
    record.layers = measure_hidden_layers(*model, probe_images);
    record.epoch_seconds = seconds_since(start);

    state.history.epochs.push_back(record);
    state.epochs_done = epoch;
    state.order_rng = engine_text(order_engine);
    const std::string bad = non_finite_loss(record);
    if (!bad.empty()) {
      std::string reason = bad;
      if (pass.non_finite) {
        reason +=
            " in minibatch " + std::to_string(pass.batches) + " of " + std::to_string(pass.planned);
      }
      state.history.diverged = Divergence{epoch, reason};
    }
    // Checkpoint first: metrics.json then never lists an epoch that a resume would not find.
    if (checkpoints) save_checkpoint(paths.checkpoint_dir, *model, *optimizer, state);
    write_metrics(state.history, paths.out_dir);
    progress.end_epoch(run_label, record, spec.epochs);
    if (comm != nullptr) {
      comm->sync_point("epoch " + std::to_string(epoch) + "'s evaluation on rank 0");
      torch::Tensor stop = torch::full({1}, state.history.diverged ? 1 : 0, torch::kInt64);
      comm->broadcast(stop, "the end of epoch " + std::to_string(epoch));
    }
    if (state.history.diverged) {
      progress.warn(run_label + " diverged at epoch " + std::to_string(epoch) + " (" +
                    state.history.diverged->reason +
                    "); the run ends there, and its metrics and "
                    "report say so");
      return state.history;
    }
  }
  if (sync != nullptr && root && sync->steps() > 0) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%s  data parallel over %d ranks: %zu steps, %zu gradient bucket(s), %.2f s "
                  "waiting for all-reduces (%.1f ms per step) of %.2f s training",
                  run_label.c_str(), comm->size(), sync->steps(), sync->buckets(),
                  sync->exposed_seconds(), 1e3 * sync->exposed_seconds() / sync->steps(),
                  train_seconds_total);
    progress.note(line);
  }
  if (first_epoch > spec.epochs && root) {
    // Resumed a run that had already finished: its metrics still belong in --out.
    write_metrics(state.history, paths.out_dir);
  }
  return state.history;
}

}  // namespace elu::lab
