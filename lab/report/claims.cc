// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/claims.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>

namespace elu::lab {
namespace {

using RunValue = std::function<std::optional<double>(const RunHistory&)>;

std::string fmt(double v, const char* format = "%.4g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::map<unsigned long long, const RunHistory*> usable_runs(const RunGroup& g) {
  std::map<unsigned long long, const RunHistory*> out;
  for (const RunHistory& r : g.runs) {
    if (!r.diverged && !r.epochs.empty()) out[r.spec.seed] = &r;
  }
  return out;
}

// Pairs the seeds both groups have; `value` may refuse a run (nullopt), which drops its seed.
PairTest pair_test(const RunGroup& member, const RunGroup& baseline, const RunValue& member_value,
                   const RunValue& baseline_value) {
  PairTest t;
  t.member = member.label;
  t.baseline = baseline.label;
  const auto m = usable_runs(member), b = usable_runs(baseline);
  std::vector<double> a, c;
  for (const auto& [seed, run] : m) {
    const auto other = b.find(seed);
    if (other == b.end()) continue;
    const std::optional<double> x = member_value(*run), y = baseline_value(*other->second);
    if (!x || !y || !std::isfinite(*x) || !std::isfinite(*y)) continue;
    t.seeds.push_back(seed);
    a.push_back(*x);
    c.push_back(*y);
  }
  if (!a.empty()) t.comparison = compare_paired(a, c);
  if (t.seeds.size() < kMinSeedsForTest) {
    t.verdict = Verdict::kNotTested;
  } else {
    t.verdict = t.comparison.test.p_less < kSignificance ? Verdict::kHeld : Verdict::kNotHeld;
  }
  return t;
}

double chosen_test_loss(const RunHistory& r) { return r.epochs[chosen_epoch_index(r)].test_loss; }

double train_loss_area(const RunHistory& r) {
  double sum = 0.0;
  for (const EpochRecord& e : r.epochs) sum += e.train_loss;
  return sum / static_cast<double>(r.epochs.size());
}

// Epochs until the training loss is at or below `target`; a run that never gets there counts as
// one epoch more than it had (the smallest value it could have had), and is noted.
double epochs_to(const RunHistory& r, double target) {
  for (const EpochRecord& e : r.epochs) {
    if (e.train_loss <= target) return e.epoch;
  }
  return static_cast<double>(r.epochs.size() + 1);
}

// The target of the epochs-to-target measure: the baseline's highest final training loss over its
// seeds, so that every baseline run reaches it and the question is who gets there first.
double worst_final_train_loss(const RunGroup& g) {
  double worst = NAN;
  for (const auto& [seed, run] : usable_runs(g)) {
    const double v = run->epochs.back().train_loss;
    if (std::isnan(worst) || v > worst) worst = v;
  }
  return worst;
}

}  // namespace

bool is_elu_family(const std::string& act) {
  return act == "elu" || act == "torch_elu" || act == "celu" || act == "selu" || act == "pelu";
}

std::string verdict_text(const PairTest& t) {
  switch (t.verdict) {
    case Verdict::kHeld:
      return "held (p = " + fmt(t.comparison.test.p_less, "%.3g") + ")";
    case Verdict::kNotHeld:
      return "not held (p = " + fmt(t.comparison.test.p_less, "%.3g") + ")";
    case Verdict::kNotTested:
      return "not tested: fewer than " + std::to_string(kMinSeedsForTest) + " seeds (" +
             std::to_string(t.seeds.size()) + ")";
  }
  return "";
}

std::vector<ClaimResult> check_claims(const std::vector<RunGroup>& groups) {
  std::vector<const RunGroup*> members, baselines;
  for (const RunGroup& g : groups) {
    if (g.runs.empty()) continue;
    (is_elu_family(g.runs.front().spec.act) ? members : baselines).push_back(&g);
  }
  const bool autoencoder = !groups.empty() && !groups.front().runs.empty() &&
                           groups.front().runs.front().spec.model == "autoencoder";
  const std::string loss_name = autoencoder ? "training MSE" : "training loss";

  ClaimResult zero{"ELU pushes mean activations towards zero",
                   "|median unit activation| at the last epoch (mean over hidden layers)",
                   {},
                   ""};
  ClaimResult target{"ELU learns faster: epochs to a target " + loss_name,
                     "epochs until the " + loss_name +
                         " reaches the baseline's final one (the highest over its seeds, so every "
                         "baseline run reaches it); a run that never does counts as epochs + 1",
                     {},
                     ""};
  ClaimResult area{"ELU learns faster: area under the " + loss_name + " curve",
                   loss_name + " averaged over the epochs",
                   {},
                   ""};
  ClaimResult dying{
      "ELU avoids dying units", "fraction of dead hidden units at the last epoch", {}, ""};
  ClaimResult recon{"ELU gives the lowest reconstruction error",
                    "test MSE at the epoch of lowest validation MSE",
                    {},
                    ""};
  const RunValue abs_median = [](const RunHistory& r) {
    return std::optional<double>(std::fabs(median_activation(r.epochs.back())));
  };
  const RunValue area_value = [](const RunHistory& r) {
    return std::optional<double>(train_loss_area(r));
  };
  const RunValue dead = [](const RunHistory& r) {
    return std::optional<double>(dead_fraction(r.epochs.back()));
  };
  const RunValue test_loss = [](const RunHistory& r) {
    return std::optional<double>(chosen_test_loss(r));
  };
  for (const RunGroup* m : members) {
    for (const RunGroup* b : baselines) {
      zero.pairs.push_back(pair_test(*m, *b, abs_median, abs_median));
      area.pairs.push_back(pair_test(*m, *b, area_value, area_value));
      dying.pairs.push_back(pair_test(*m, *b, dead, dead));
      if (autoencoder) recon.pairs.push_back(pair_test(*m, *b, test_loss, test_loss));
      const double goal = worst_final_train_loss(*b);
      const RunValue to_goal = [goal](const RunHistory& r) {
        return std::optional<double>(epochs_to(r, goal));
      };
      PairTest t = pair_test(*m, *b, to_goal, to_goal);
      int never = 0;
      for (const auto& [seed, run] : usable_runs(*m)) {
        if (epochs_to(*run, goal) > static_cast<double>(run->epochs.size())) ++never;
      }
      t.note = "target " + fmt(goal);
      if (never > 0)
        t.note += "; " + std::to_string(never) + " " + m->label + " run(s) never reached it";
      target.pairs.push_back(t);
    }
  }
  std::vector<ClaimResult> claims{zero, target, area, dying};
  if (autoencoder) claims.push_back(recon);
  if (members.empty() || baselines.empty()) {
    for (ClaimResult& c : claims) {
      c.not_tested =
          "needs an ELU-family member (elu, torch_elu, celu, selu, pelu) and a baseline (relu, "
          "leaky_relu, gelu, silu, mish, prelu, softplus) in --acts";
    }
  }
  return claims;
}

}  // namespace elu::lab
