// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Summaries, the article's claims and report.md (with real gnuplot PNGs) from histories built by
// hand, so every verdict and number in the report is known in advance.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "lab_test_util.h"
#include "report/claims.h"
#include "report/report.h"

namespace elu::lab {
namespace {

// A run whose loss falls as 1/(epoch + speed_offset) and whose hidden layer has the given
// median activation and dead fraction at every epoch.
RunHistory fake_run(const std::string& act, unsigned long long seed, double loss_offset,
                    double median, double dead, double accuracy) {
  RunHistory h;
  h.spec.act = act;
  h.spec.seed = seed;
  h.spec.epochs = 3;
  h.model_description = "784 -> 2 x 16 -> 10";
  h.train_images = 512;
  h.validation_images = 500;
  h.test_images = 500;
  for (int e = 1; e <= 3; ++e) {
    EpochRecord r;
    r.epoch = e;
    r.train_loss = 1.0 / (e + loss_offset);
    r.val_loss = r.train_loss + 0.05;
    r.val_accuracy = accuracy;
    r.test_loss = r.val_loss;
    r.test_accuracy = accuracy + 0.001 * static_cast<double>(seed);
    r.train_seconds = 0.5;
    r.epoch_seconds = 0.7;
    LayerStats l;
    l.units = 16;
    l.mean = median + 0.01;
    l.median_unit_mean = median;
    l.dead_fraction = dead;
    r.layers = {l, l};
    h.epochs.push_back(r);
  }
  return h;
}

std::vector<RunGroup> three_groups(double elu_median, double elu_loss_offset, double elu_dead,
                                   double relu_dead) {
  return {RunGroup{"elu",
                   {fake_run("elu", 0, elu_loss_offset, elu_median, elu_dead, 0.85),
                    fake_run("elu", 1, elu_loss_offset, elu_median, elu_dead, 0.85)}},
          RunGroup{"relu",
                   {fake_run("relu", 0, 0.5, 0.3, relu_dead, 0.84),
                    fake_run("relu", 1, 0.5, 0.3, relu_dead, 0.84)}},
          RunGroup{"leaky_relu",
                   {fake_run("leaky_relu", 0, 0.6, 0.29, 0.0, 0.84),
                    fake_run("leaky_relu", 1, 0.6, 0.29, 0.0, 0.84)}}};
}

std::string slurp(const std::filesystem::path& f) {
  std::ifstream in(f);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_png(const std::filesystem::path& f) {
  std::ifstream in(f, std::ios::binary);
  char head[8] = {};
  in.read(head, 8);
  return in.gcount() == 8 && std::string(head + 1, 3) == "PNG" &&
         std::filesystem::file_size(f) > 1000;
}

TEST(Summary, MeanAndSampleStdOverSeeds) {
  const auto groups = three_groups(0.02, 1.0, 0.0, 0.1);
  const GroupSummary s = summarise(groups[0]);
  EXPECT_EQ(s.seeds, 2);
  EXPECT_EQ(s.epochs, 3);
  EXPECT_DOUBLE_EQ(s.final_train_loss.mean, 1.0 / 4.0);
  EXPECT_DOUBLE_EQ(s.best_val_loss.mean, 1.0 / 4.0 + 0.05);
  EXPECT_NEAR(s.mean_train_loss.mean, (1.0 / 2 + 1.0 / 3 + 1.0 / 4) / 3, 1e-12);
  EXPECT_NEAR(s.test_accuracy.mean, 0.8505, 1e-12);
  EXPECT_NEAR(s.test_accuracy.std, 0.001 / std::sqrt(2.0), 1e-12);
  EXPECT_DOUBLE_EQ(s.median_activation.mean, 0.02);
}

TEST(Summary, DeadFractionWeighsLayersByUnits) {
  EpochRecord e;
  LayerStats a, b;
  a.units = 32;
  a.dead_fraction = 0.5;
  b.units = 96;
  b.dead_fraction = 0.0;
  e.layers = {a, b};
  EXPECT_DOUBLE_EQ(dead_fraction(e), 16.0 / 128.0);
}

// `seeds` runs per activation; each seed shifts the loss a little so the pairs differ.
std::vector<RunGroup> seeded_groups(int seeds, double elu_median, double elu_loss_offset,
                                    double elu_dead, double relu_dead) {
  std::vector<RunGroup> groups{{"elu", {}}, {"relu", {}}, {"leaky_relu", {}}};
  for (int k = 0; k < seeds; ++k) {
    const auto seed = static_cast<unsigned long long>(k);
    const double jitter = 0.01 * k;
    groups[0].runs.push_back(
        fake_run("elu", seed, elu_loss_offset + jitter, elu_median + jitter, elu_dead, 0.85));
    groups[1].runs.push_back(fake_run("relu", seed, 0.5 + 2 * jitter, 0.3, relu_dead, 0.84));
    groups[2].runs.push_back(fake_run("leaky_relu", seed, 0.6 + 2 * jitter, 0.29, 0.0, 0.84));
  }
  return groups;
}

const ClaimResult& claim_named(const std::vector<ClaimResult>& claims, const std::string& start) {
  for (const ClaimResult& c : claims) {
    if (c.claim.rfind(start, 0) == 0) return c;
  }
  throw std::runtime_error("no claim " + start);
}

TEST(Claims, OneSeedIsNotTested) {
  const auto claims = check_claims(seeded_groups(1, 0.02, 2.0, 0.0, 0.1));
  ASSERT_EQ(claims.size(), 4u);
  for (const ClaimResult& c : claims) {
    ASSERT_EQ(c.pairs.size(), 2u) << c.claim;  // elu vs relu, elu vs leaky_relu
    for (const PairTest& t : c.pairs) {
      EXPECT_EQ(t.verdict, Verdict::kNotTested);
      EXPECT_EQ(verdict_text(t), "not tested: fewer than 5 seeds (1)");
    }
  }
}

TEST(Claims, FiveSeedsAllOneWayAreHeldWithTheExactP) {
  const auto claims = check_claims(seeded_groups(5, 0.02, 2.0, 0.0, 0.1));
  for (const char* name :
       {"ELU pushes", "ELU learns faster: epochs", "ELU learns faster: area", "ELU avoids dying"}) {
    const ClaimResult& c = claim_named(claims, name);
    ASSERT_EQ(c.pairs.size(), 2u) << name;
    const PairTest& vs_relu = c.pairs[0];
    EXPECT_EQ(vs_relu.member, "elu");
    EXPECT_EQ(vs_relu.baseline, "relu");
    EXPECT_EQ(vs_relu.seeds.size(), 5u);
    EXPECT_EQ(vs_relu.verdict, Verdict::kHeld) << name << ": " << verdict_text(vs_relu);
    EXPECT_DOUBLE_EQ(vs_relu.comparison.test.p_less, 1.0 / 32) << name;
    EXPECT_EQ(verdict_text(vs_relu).rfind("held (p = 0.031", 0), 0u) << verdict_text(vs_relu);
    EXPECT_LT(vs_relu.comparison.effect, 0.0) << name;
  }
  // Epochs to relu's final loss (1 / 3.5 at seed 0): elu gets there at epoch 2, relu at 3.
  const PairTest& t = claim_named(claims, "ELU learns faster: epochs").pairs[0];
  EXPECT_DOUBLE_EQ(t.comparison.mean_a, 2.0);
  EXPECT_DOUBLE_EQ(t.comparison.mean_b, 3.0);
  // No unit of leaky_relu or elu died: no difference, so not held.
  const PairTest& dead = claim_named(claims, "ELU avoids dying").pairs[1];
  EXPECT_EQ(dead.verdict, Verdict::kNotHeld);
  EXPECT_EQ(verdict_text(dead), "not held (p = 1)");
}

TEST(Claims, NotHeldWhenEluIsWorse) {
  const auto claims = check_claims(seeded_groups(6, -0.5, 0.1, 0.2, 0.1));
  for (const ClaimResult& c : claims) {
    for (const PairTest& t : c.pairs) {
      EXPECT_EQ(t.verdict, Verdict::kNotHeld) << c.claim << " " << t.baseline;
      EXPECT_EQ(verdict_text(t).rfind("not held (p = ", 0), 0u);
    }
  }
}

TEST(Claims, OnlyTheActivationsInTheRunArePaired) {
  auto groups = seeded_groups(5, 0.02, 2.0, 0.0, 0.1);
  groups.erase(groups.begin() + 2);  // no leaky_relu
  RunGroup gelu{"gelu", {}};
  for (const RunHistory& r : groups[1].runs) {
    RunHistory g = r;
    g.spec.act = "gelu";
    gelu.runs.push_back(g);
  }
  groups.push_back(gelu);
  for (const ClaimResult& c : check_claims(groups)) {
    ASSERT_EQ(c.pairs.size(), 2u);
    EXPECT_EQ(c.pairs[0].baseline, "relu");
    EXPECT_EQ(c.pairs[1].baseline, "gelu");
  }
  groups.erase(groups.begin());  // no ELU-family member
  for (const ClaimResult& c : check_claims(groups)) {
    EXPECT_TRUE(c.pairs.empty());
    EXPECT_NE(c.not_tested.find("needs an ELU-family member"), std::string::npos);
  }
}

TEST(Report, CompareReportHasTableClaimsAndPlots) {
  const auto dir = test::fresh_dir("report_compare");
  write_compare_report(dir, {"elu-lab compare --test", "test machine", "today"},
                       three_groups(0.02, 1.0, 0.0, 0.1));
  const std::string md = slurp(dir / "report.md");
  EXPECT_NE(md.find("`elu-lab compare --test`"), std::string::npos);
  EXPECT_NE(md.find("| elu | 0.2500 ± 0.0000 | 0.3000 ± 0.0000 | 3.0 ± 0.0 | 0.8505 ± 0.0007 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- Seeds: 2 per activation; too few for the paired tests"), std::string::npos)
      << md;
  EXPECT_NE(md.find("- elu vs relu: **not tested: fewer than 5 seeds (2)**"), std::string::npos)
      << md;
  EXPECT_NE(md.find("- elu vs leaky_relu: **not tested: fewer than 5 seeds (2)**"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Test accuracy per epoch, for information"), std::string::npos) << md;

  const auto five = test::fresh_dir("report_compare_five");
  write_compare_report(five, {"elu-lab compare --test", "test machine", "today"},
                       seeded_groups(5, 0.02, 2.0, 0.0, 0.1));
  const std::string md5 = slurp(five / "report.md");
  EXPECT_NE(md5.find("- Seeds: 5 per activation; enough for the paired tests"), std::string::npos)
      << md5;
  EXPECT_NE(md5.find("- elu vs relu: **held (p = 0.0312)**"), std::string::npos) << md5;
  for (const char* png :
       {"loss.png", "median_activation.png", "test_accuracy.png", "dead_units.png"}) {
    EXPECT_TRUE(is_png(dir / png)) << png;
    EXPECT_NE(md.find(std::string("](") + png + ")"), std::string::npos) << png;
  }
  // Nothing temporary left behind.
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

TEST(Report, SweepPicksTheLowestBestValidationLoss) {
  const auto dir = test::fresh_dir("report_sweep");
  std::vector<RunGroup> groups{RunGroup{"alpha=0.1", {fake_run("elu", 0, 0.2, 0, 0, 0.8)}},
                               RunGroup{"alpha=1", {fake_run("elu", 0, 2.0, 0, 0, 0.86)}},
                               RunGroup{"alpha=3", {fake_run("elu", 0, 1.0, 0, 0, 0.84)}}};
  EXPECT_EQ(best_alpha_index(groups), 1u);
  write_sweep_report(dir, {"elu-lab sweep --test", "m", "d"}, "elu", {0.1, 1.0, 3.0}, groups);
  const std::string md = slurp(dir / "report.md");
  EXPECT_NE(md.find("**Chosen alpha: 1**"), std::string::npos) << md;
  EXPECT_TRUE(is_png(dir / "alpha_sweep.png"));
  EXPECT_TRUE(is_png(dir / "loss.png"));
}

// `h` as if it had diverged at `epoch`: NaN losses and activations there, and nothing after.
RunHistory diverged_at(RunHistory h, int epoch) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  h.epochs.resize(static_cast<std::size_t>(epoch));
  EpochRecord& e = h.epochs.back();
  e.train_loss = e.val_loss = e.test_loss = kNaN;
  for (LayerStats& l : e.layers) l.mean = l.median_unit_mean = kNaN;
  h.diverged = Divergence{epoch, "training loss nan in minibatch 2 of 8"};
  return h;
}

TEST(Summary, ADivergedRunIsLeftOutOfTheNumbersButNotOutOfTheCurves) {
  auto groups = three_groups(0.02, 1.0, 0.0, 0.1);
  groups[0].runs[1] = diverged_at(groups[0].runs[1], 2);
  const GroupSummary s = summarise(groups[0]);
  EXPECT_EQ(s.seeds, 1);
  EXPECT_EQ(s.diverged, 1);
  EXPECT_EQ(s.epochs, 3);
  EXPECT_DOUBLE_EQ(s.final_train_loss.mean, 0.25);
  EXPECT_DOUBLE_EQ(s.final_train_loss.std, 0.0);
  EXPECT_DOUBLE_EQ(s.test_accuracy.mean, 0.85) << "seed 0's alone";
  const auto loss = curve(groups[0], [](const EpochRecord& e) { return e.train_loss; });
  ASSERT_EQ(loss.size(), 3u);
  EXPECT_DOUBLE_EQ(loss[0].mean, 0.5) << "epoch 1: both seeds";
  EXPECT_DOUBLE_EQ(loss[1].mean, 1.0 / 3.0) << "epoch 2: seed 1's NaN is skipped";
  EXPECT_DOUBLE_EQ(loss[2].mean, 0.25) << "epoch 3: seed 0 only";
  EXPECT_EQ(divergence_notes(groups[0]),
            std::vector<std::string>{
                "elu seed 1 diverged at epoch 2 (training loss nan in minibatch 2 of 8)"});
  // Every run diverged: no numbers at all (NaN), not zeros.
  groups[1].runs[0] = diverged_at(groups[1].runs[0], 1);
  groups[1].runs[1] = diverged_at(groups[1].runs[1], 1);
  const GroupSummary none = summarise(groups[1]);
  EXPECT_EQ(none.seeds, 0);
  EXPECT_TRUE(std::isnan(none.best_val_loss.mean));
  EXPECT_TRUE(
      std::isnan(curve(groups[1], [](const EpochRecord& e) { return e.val_loss; })[0].mean));
}

TEST(Claims, ADivergedRunDropsItsSeedFromThePairs) {
  auto groups = seeded_groups(6, 0.02, 2.0, 0.0, 0.1);
  groups[1].runs[1] = diverged_at(groups[1].runs[1], 2);  // relu seed 1
  const auto claims = check_claims(groups);
  const PairTest& vs_relu = claims[0].pairs[0];
  EXPECT_EQ(vs_relu.seeds, (std::vector<unsigned long long>{0, 2, 3, 4, 5}));
  EXPECT_EQ(claims[0].pairs[1].seeds.size(), 6u) << "leaky_relu keeps every seed";
  groups[0].runs[0] = diverged_at(groups[0].runs[0], 3);  // elu seed 0 as well
  EXPECT_EQ(check_claims(groups)[0].pairs[0].verdict, Verdict::kNotTested)
      << "4 seeds left: too few";
}

TEST(Report, DivergedRunsAreNamedAndThePlotsSkipTheirNaNs) {
  const auto dir = test::fresh_dir("report_diverged");
  auto groups = three_groups(0.02, 1.0, 0.0, 0.1);
  groups[0].runs[1] = diverged_at(groups[0].runs[1], 2);
  write_compare_report(dir, {"elu-lab compare --test", "m", "d"}, groups);
  const std::string md = slurp(dir / "report.md");
  EXPECT_NE(md.find("- elu seed 1 diverged at epoch 2 (training loss nan in minibatch 2 of 8)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| elu (1 of 2 runs diverged) | 0.2500 | 0.3000 | 3.0 | 0.8500 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Left out of the pairs: elu seed 1 diverged at epoch 2"), std::string::npos)
      << md;
  EXPECT_EQ(md.find(" nan |"), std::string::npos) << "no NaN in a table:\n" << md;
  EXPECT_NE(md.find("| elu | 0 | 16 | 0.0300 | 0.0200 |"), std::string::npos)
      << "the layer table shows the seed that did not diverge:\n"
      << md;
  for (const char* png :
       {"loss.png", "median_activation.png", "test_accuracy.png", "dead_units.png"}) {
    EXPECT_TRUE(is_png(dir / png)) << png;
  }
}

TEST(Report, APlotWithoutAFinitePointIsNotDrawnAndSaysSo) {
  const auto dir = test::fresh_dir("report_all_diverged");
  std::ofstream(dir / "loss.png") << "an earlier run's plot";
  std::vector<RunGroup> groups{
      RunGroup{"elu", {diverged_at(fake_run("elu", 0, 1.0, 0.0, 0.0, 0.1), 1)}}};
  write_compare_report(dir, {"elu-lab train --test", "m", "d"}, groups);
  const std::string md = slurp(dir / "report.md");
  EXPECT_NE(md.find("- elu seed 0 diverged at epoch 1"), std::string::npos) << md;
  EXPECT_NE(md.find("| elu (1 of 1 runs diverged) | — | — | — |"), std::string::npos) << md;
  EXPECT_NE(md.find("Training and validation loss per epoch (loss.png): not drawn, no finite value "
                    "to plot: every run diverged before it had one."),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("(median_activation.png): not drawn"), std::string::npos) << md;
  EXPECT_FALSE(std::filesystem::exists(dir / "loss.png"))
      << "an old plot must not pass for this one";
  EXPECT_FALSE(std::filesystem::exists(dir / "median_activation.png"));
  EXPECT_TRUE(is_png(dir / "test_accuracy.png")) << "accuracy is finite even when the loss is not";
  EXPECT_NE(md.find("![Test accuracy per epoch, for information"), std::string::npos) << md;
}

TEST(Report, SweepChoosesOnlyAmongAlphasWithoutADivergedRun) {
  const auto dir = test::fresh_dir("report_sweep_diverged");
  std::vector<RunGroup> groups{
      RunGroup{
          "alpha=0.1",
          {fake_run("elu", 0, 5.0, 0, 0, 0.8), diverged_at(fake_run("elu", 1, 5.0, 0, 0, 0.8), 2)}},
      RunGroup{"alpha=1",
               {fake_run("elu", 0, 2.0, 0, 0, 0.86), fake_run("elu", 1, 2.0, 0, 0, 0.86)}},
      RunGroup{"alpha=3",
               {fake_run("elu", 0, 1.0, 0, 0, 0.84), fake_run("elu", 1, 1.0, 0, 0, 0.84)}}};
  EXPECT_EQ(best_alpha_index(groups), std::optional<std::size_t>(1))
      << "alpha 0.1's surviving seed has the lowest loss, but one of its runs diverged";
  write_sweep_report(dir, {"elu-lab sweep --test", "m", "d"}, "elu", {0.1, 1.0, 3.0}, groups);
  std::string md = slurp(dir / "report.md");
  EXPECT_NE(md.find("**Chosen alpha: 1**"), std::string::npos) << md;
  EXPECT_NE(md.find("Alphas with a diverged run were not candidates."), std::string::npos) << md;

  for (RunGroup& g : groups) g.runs = {diverged_at(g.runs[0], 1)};
  EXPECT_EQ(best_alpha_index(groups), std::nullopt);
  write_sweep_report(dir, {"elu-lab sweep --test", "m", "d"}, "elu", {0.1, 1.0, 3.0}, groups);
  md = slurp(dir / "report.md");
  EXPECT_NE(md.find("**No alpha chosen**: every alpha had a diverged run"), std::string::npos)
      << md;
  EXPECT_NE(md.find("(alpha_sweep.png): not drawn"), std::string::npos) << md;
  EXPECT_FALSE(std::filesystem::exists(dir / "alpha_sweep.png"));
}

}  // namespace
}  // namespace elu::lab
