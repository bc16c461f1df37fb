// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "metrics/results_csv.h"

#include <cmath>
#include <sstream>

#include "util/atomic_file.h"

namespace elu::lab {
namespace {

double metric_value(const EpochRecord& e, const std::string& metric) {
  if (metric == "train_loss") return e.train_loss;
  if (metric == "val_loss") return e.val_loss;
  if (metric == "val_accuracy") return e.val_accuracy;
  if (metric == "test_loss") return e.test_loss;
  if (metric == "test_accuracy") return e.test_accuracy;
  if (metric == "median_activation") return median_activation(e);
  if (metric == "mean_activation") return mean_activation(e);
  if (metric == "dead_fraction") return dead_fraction(e);
  return e.train_seconds;  // "train_seconds"
}

}  // namespace

std::vector<std::string> result_metrics(const std::string& model) {
  if (model == "autoencoder") {
    return {"train_loss",      "val_loss",      "test_loss",    "median_activation",
            "mean_activation", "dead_fraction", "train_seconds"};
  }
  return {"train_loss",        "val_loss",        "val_accuracy",  "test_loss",    "test_accuracy",
          "median_activation", "mean_activation", "dead_fraction", "train_seconds"};
}

std::string results_csv(const std::vector<NamedRun>& runs) {
  std::ostringstream out;
  out << "run,act,alpha,seed,model,epoch,metric,value\n";
  for (const NamedRun& run : runs) {
    const RunHistory& h = *run.history;
    std::ostringstream key;
    key << run.name << ',' << h.spec.act << ',' << csv_number(h.spec.alpha) << ',' << h.spec.seed
        << ',' << h.spec.model << ',';
    const std::vector<std::string> metrics = result_metrics(h.spec.model);
    for (const EpochRecord& e : h.epochs) {
      for (const std::string& m : metrics) {
        out << key.str() << e.epoch << ',' << m << ',' << csv_number(metric_value(e, m)) << '\n';
      }
    }
  }
  return out.str();
}

void write_results_csv(const std::filesystem::path& dir, const std::vector<NamedRun>& runs) {
  write_file_atomically(dir / "results.csv", results_csv(runs));
}

}  // namespace elu::lab
