// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Summaries, the article's claims and report.md (with real gnuplot PNGs) from histories built by
// hand, so every verdict and number in the report is known in advance.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

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

TEST(Claims, HeldWhenEluIsCentredFasterAndAlive) {
  const auto claims = check_claims(three_groups(0.02, 1.0, 0.0, 0.1));
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_EQ(claims[0].verdict, Verdict::kHeld) << claims[0].evidence;
  EXPECT_EQ(claims[1].verdict, Verdict::kHeld) << claims[1].evidence;
  EXPECT_EQ(claims[2].verdict, Verdict::kHeld) << claims[2].evidence;
  EXPECT_NE(claims[0].evidence.find("elu 0.0200"), std::string::npos) << claims[0].evidence;
  EXPECT_NE(claims[0].evidence.find(" relu 0.3000"), std::string::npos) << claims[0].evidence;
}

TEST(Claims, DidNotHoldIsReportedWithTheNumbers) {
  const auto claims = check_claims(three_groups(-0.5, 0.1, 0.2, 0.1));
  EXPECT_EQ(claims[0].verdict, Verdict::kDidNotHold);
  EXPECT_EQ(claims[1].verdict, Verdict::kDidNotHold);
  EXPECT_EQ(claims[2].verdict, Verdict::kDidNotHold);
  EXPECT_NE(claims[2].evidence.find("elu 0.2000, relu 0.1000"), std::string::npos)
      << claims[2].evidence;
}

TEST(Claims, NoDeadUnitsAnywhereCannotTestTheDyingClaim) {
  const auto claims = check_claims(three_groups(0.02, 1.0, 0.0, 0.0));
  EXPECT_EQ(claims[2].verdict, Verdict::kNotTested);
  EXPECT_NE(claims[2].evidence.find("cannot tell"), std::string::npos);
}

TEST(Claims, NotTestedWithoutEluOrRelu) {
  auto groups = three_groups(0.02, 1.0, 0.0, 0.1);
  groups.erase(groups.begin());
  for (const auto& c : check_claims(groups)) EXPECT_EQ(c.verdict, Verdict::kNotTested);
}

TEST(Report, CompareReportHasTableClaimsAndPlots) {
  const auto dir = test::fresh_dir("report_compare");
  write_compare_report(dir, {"elu-lab compare --test", "test machine", "today"},
                       three_groups(0.02, 1.0, 0.0, 0.1));
  const std::string md = slurp(dir / "report.md");
  EXPECT_NE(md.find("`elu-lab compare --test`"), std::string::npos);
  EXPECT_NE(md.find("| elu | 0.2500 ± 0.0000 | 0.3000 ± 0.0000 | 0.8505 ± 0.0007 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("**ELU pushes mean activations towards zero: held.**"), std::string::npos)
      << md;
  EXPECT_NE(md.find("**ELU avoids dying units: held.**"), std::string::npos) << md;
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

TEST(Claims, AGroupWithADivergedRunTakesNoPart) {
  auto groups = three_groups(0.02, 1.0, 0.0, 0.1);
  groups[1].runs[1] = diverged_at(groups[1].runs[1], 2);  // relu seed 1
  auto claims = check_claims(groups);
  // ELU against leaky_relu alone; relu's surviving seed is not used.
  EXPECT_EQ(claims[0].verdict, Verdict::kHeld) << claims[0].evidence;
  EXPECT_EQ(claims[0].evidence.find(" relu 0.3000"), std::string::npos) << claims[0].evidence;
  EXPECT_NE(claims[0].evidence.find("leaky_relu 0.2900"), std::string::npos) << claims[0].evidence;
  EXPECT_EQ(claims[2].verdict, Verdict::kNotTested) << claims[2].evidence;
  EXPECT_NE(claims[2].evidence.find("needs relu in --acts, without a diverged run"),
            std::string::npos)
      << claims[2].evidence;
  for (const auto& c : claims) {
    EXPECT_NE(c.evidence.find("Left out: relu seed 1 diverged at epoch 2"), std::string::npos)
        << c.evidence;
  }
  // ELU itself diverged: nothing is tested, and torch_elu does not stand in for it.
  groups = three_groups(0.02, 1.0, 0.0, 0.1);
  groups[0].runs[0] = diverged_at(groups[0].runs[0], 3);
  groups.push_back(RunGroup{"torch_elu", {fake_run("torch_elu", 0, 1.0, 0.02, 0.0, 0.85)}});
  for (const auto& c : check_claims(groups)) {
    EXPECT_EQ(c.verdict, Verdict::kNotTested) << c.evidence;
    EXPECT_NE(c.evidence.find("Left out: elu seed 0 diverged at epoch 3"), std::string::npos)
        << c.evidence;
  }
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
  EXPECT_NE(md.find("| elu (1 of 2 runs diverged) | 0.2500 | 0.3000 | 0.8500 |"), std::string::npos)
      << md;
  EXPECT_NE(md.find("**ELU pushes mean activations towards zero: not tested.**"), std::string::npos)
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
  EXPECT_NE(md.find("![Test accuracy per epoch](test_accuracy.png)"), std::string::npos) << md;
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
