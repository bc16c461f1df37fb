// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "metrics/history.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "util/atomic_file.h"
#include "util/machine.h"

namespace elu::lab {

using nlohmann::json;

namespace {

// JSON has no NaN; to_json writes it as null (nlohmann's choice too), and this reads it back.
double number(const json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}

}  // namespace

// CSV readers (pandas, R, gnuplot) all read "nan", "inf" and "-inf"; printf's "-nan" is noise.
std::string csv_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream s;
  s.precision(9);
  s << v;
  return s.str();
}

std::string non_finite_loss(const EpochRecord& e) {
  const std::pair<const char*, double> losses[] = {
      {"training loss", e.train_loss}, {"validation loss", e.val_loss}, {"test loss", e.test_loss}};
  for (const auto& [name, value] : losses) {
    if (!std::isfinite(value)) return std::string(name) + " " + csv_number(value);
  }
  return "";
}

double median_activation(const EpochRecord& e) {
  double sum = 0.0;
  for (const LayerStats& l : e.layers) sum += l.median_unit_mean;
  return e.layers.empty() ? 0.0 : sum / static_cast<double>(e.layers.size());
}

double mean_activation(const EpochRecord& e) {
  double sum = 0.0;
  for (const LayerStats& l : e.layers) sum += l.mean;
  return e.layers.empty() ? 0.0 : sum / static_cast<double>(e.layers.size());
}

double dead_fraction(const EpochRecord& e) {
  double dead = 0.0, units = 0.0;
  for (const LayerStats& l : e.layers) {
    dead += l.dead_fraction * l.units;
    units += l.units;
  }
  return units == 0.0 ? 0.0 : dead / units;
}

json to_json(const RunSpec& s) {
  return json{{"model", s.model},
              {"act", s.act},
              {"alpha", s.alpha},
              {"depth", s.depth},
              {"width", s.width},
              {"batchnorm", s.batchnorm},
              {"optimizer", s.optimizer},
              {"lr", s.lr},
              {"batch", s.batch},
              {"epochs", s.epochs},
              {"seed", s.seed},
              {"train_subset", s.train_subset},
              {"eval_subset", s.eval_subset},
              {"exact", s.exact}};
}

RunSpec run_spec_from_json(const json& j) {
  RunSpec s;
  j.at("model").get_to(s.model);
  j.at("act").get_to(s.act);
  j.at("alpha").get_to(s.alpha);
  j.at("depth").get_to(s.depth);
  j.at("width").get_to(s.width);
  j.at("batchnorm").get_to(s.batchnorm);
  j.at("optimizer").get_to(s.optimizer);
  j.at("lr").get_to(s.lr);
  j.at("batch").get_to(s.batch);
  j.at("epochs").get_to(s.epochs);
  j.at("seed").get_to(s.seed);
  j.at("train_subset").get_to(s.train_subset);
  j.at("eval_subset").get_to(s.eval_subset);
  s.exact = j.value("exact", false);  // metrics.json from before the option
  return s;
}

json to_json(const RunHistory& h) {
  json epochs = json::array();
  for (const EpochRecord& e : h.epochs) {
    json layers = json::array();
    for (const LayerStats& l : e.layers) {
      json layer{{"units", l.units},
                 {"mean", l.mean},
                 {"median_unit_mean", l.median_unit_mean},
                 {"dead_fraction", l.dead_fraction}};
      if (l.pelu_a) layer["pelu_a"] = *l.pelu_a;
      if (l.pelu_b) layer["pelu_b"] = *l.pelu_b;
      layers.push_back(layer);
    }
    epochs.push_back(json{{"epoch", e.epoch},
                          {"train_loss", e.train_loss},
                          {"val_loss", e.val_loss},
                          {"val_accuracy", e.val_accuracy},
                          {"test_loss", e.test_loss},
                          {"test_accuracy", e.test_accuracy},
                          {"train_seconds", e.train_seconds},
                          {"epoch_seconds", e.epoch_seconds},
                          {"layers", layers}});
  }
  const SoftwareInfo sw = software_info();
  return json{
      {"software",
       {{"elu_version", sw.elu_version},
        {"git_commit", sw.git_commit.empty() ? json(nullptr) : json(sw.git_commit)},
        {"simd_target", sw.simd_target},
        {"libtorch_version", sw.libtorch_version}}},
      {"command_line", h.command_line},
      {"machine", h.machine},
      {"data_parallel_ranks", h.data_parallel_ranks},
      {"data", {{"dir", h.data_dir}, {"pixel_mean", h.pixel_mean}, {"pixel_std", h.pixel_std}}},
      {"spec", to_json(h.spec)},
      {"model", h.model_description},
      {"train_images", h.train_images},
      {"validation_images", h.validation_images},
      {"test_images", h.test_images},
      {"epochs", epochs},
      {"diverged", h.diverged ? json{{"epoch", h.diverged->epoch}, {"reason", h.diverged->reason}}
                              : json(nullptr)}};
}

RunHistory run_history_from_json(const json& j) {
  RunHistory h;
  h.spec = run_spec_from_json(j.at("spec"));
  j.at("model").get_to(h.model_description);
  j.at("train_images").get_to(h.train_images);
  j.at("validation_images").get_to(h.validation_images);
  j.at("test_images").get_to(h.test_images);
  // Files written before these were recorded lack them.
  if (j.contains("command_line")) j.at("command_line").get_to(h.command_line);
  if (j.contains("machine")) j.at("machine").get_to(h.machine);
  if (j.contains("data_parallel_ranks")) j.at("data_parallel_ranks").get_to(h.data_parallel_ranks);
  if (j.contains("data")) {
    const json& d = j.at("data");
    d.at("dir").get_to(h.data_dir);
    h.pixel_mean = number(d.at("pixel_mean"));
    h.pixel_std = number(d.at("pixel_std"));
  }
  for (const json& je : j.at("epochs")) {
    EpochRecord e;
    je.at("epoch").get_to(e.epoch);
    e.train_loss = number(je.at("train_loss"));
    e.val_loss = number(je.at("val_loss"));
    e.val_accuracy = number(je.at("val_accuracy"));
    e.test_loss = number(je.at("test_loss"));
    e.test_accuracy = number(je.at("test_accuracy"));
    e.train_seconds = number(je.at("train_seconds"));
    e.epoch_seconds = number(je.at("epoch_seconds"));
    for (const json& jl : je.at("layers")) {
      LayerStats l;
      jl.at("units").get_to(l.units);
      l.mean = number(jl.at("mean"));
      l.median_unit_mean = number(jl.at("median_unit_mean"));
      l.dead_fraction = number(jl.at("dead_fraction"));
      if (jl.contains("pelu_a")) l.pelu_a = number(jl.at("pelu_a"));
      if (jl.contains("pelu_b")) l.pelu_b = number(jl.at("pelu_b"));
      e.layers.push_back(l);
    }
    h.epochs.push_back(e);
  }
  // Files written before divergence was recorded have no "diverged".
  if (j.contains("diverged") && !j.at("diverged").is_null()) {
    const json& d = j.at("diverged");
    h.diverged = Divergence{d.at("epoch").get<int>(), d.at("reason").get<std::string>()};
  }
  return h;
}

std::string to_csv(const RunHistory& h) {
  std::ostringstream out;
  out << "epoch,train_loss,val_loss,val_accuracy,test_loss,test_accuracy,train_seconds,epoch_"
         "seconds";
  const bool pelu = !h.epochs.empty() && !h.epochs.front().layers.empty() &&
                    h.epochs.front().layers.front().pelu_a.has_value();
  const std::size_t layers = h.epochs.empty() ? 0 : h.epochs.front().layers.size();
  for (std::size_t i = 0; i < layers; ++i) {
    const std::string p = "layer" + std::to_string(i);
    out << ',' << p << "_mean," << p << "_median," << p << "_dead";
    if (pelu) out << ',' << p << "_pelu_a," << p << "_pelu_b";
  }
  out << ",diverged\n";
  for (const EpochRecord& e : h.epochs) {
    out << e.epoch;
    for (double v : {e.train_loss, e.val_loss, e.val_accuracy, e.test_loss, e.test_accuracy,
                     e.train_seconds, e.epoch_seconds}) {
      out << ',' << csv_number(v);
    }
    for (const LayerStats& l : e.layers) {
      out << ',' << csv_number(l.mean) << ',' << csv_number(l.median_unit_mean) << ','
          << csv_number(l.dead_fraction);
      if (pelu)
        out << ',' << csv_number(l.pelu_a.value_or(0.0)) << ','
            << csv_number(l.pelu_b.value_or(0.0));
    }
    out << ',' << (h.diverged && h.diverged->epoch == e.epoch ? 1 : 0) << '\n';
  }
  return out.str();
}

void write_metrics(const RunHistory& history, const std::filesystem::path& dir) {
  write_file_atomically(dir / "metrics.csv", to_csv(history));
  write_file_atomically(dir / "metrics.json", to_json(history).dump(2) + "\n");
}

}  // namespace elu::lab
