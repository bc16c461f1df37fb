// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/claims.h"

#include <cmath>
#include <cstdio>
#include <optional>

namespace elu::lab {
namespace {

const RunGroup* group_of(const std::vector<RunGroup>& groups, const std::string& act) {
  for (const RunGroup& g : groups) {
    if (!g.runs.empty() && g.runs.front().spec.act == act) return &g;
  }
  return nullptr;
}

// A group with a diverged run takes no part: its other runs alone would flatter it, and a run
// that diverged has no final numbers to compare. Its runs are noted in `left_out`.
std::optional<GroupSummary> usable(const RunGroup* g, std::vector<std::string>& left_out) {
  if (g == nullptr) return std::nullopt;
  const std::vector<std::string> notes = divergence_notes(*g);
  if (!notes.empty()) {
    left_out.insert(left_out.end(), notes.begin(), notes.end());
    return std::nullopt;
  }
  return summarise(*g);
}

std::string fmt(double v, const char* format = "%.4f") {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// "elu 0.0123, relu 0.2345 and leaky_relu 0.2201" for the groups present.
std::string listing(const std::vector<const GroupSummary*>& present,
                    const std::function<double(const GroupSummary&)>& value) {
  std::string out;
  for (std::size_t i = 0; i < present.size(); ++i) {
    if (i > 0) out += (i + 1 == present.size()) ? " and " : ", ";
    out += present[i]->label + " " + fmt(value(*present[i]));
  }
  return out;
}

}  // namespace

std::string verdict_text(Verdict v) {
  switch (v) {
    case Verdict::kHeld:
      return "held";
    case Verdict::kDidNotHold:
      return "did not hold";
    case Verdict::kNotTested:
      return "not tested";
  }
  return "";
}

std::vector<ClaimResult> check_claims(const std::vector<RunGroup>& groups) {
  // torch_elu stands in only when elu was not run, not when elu diverged.
  const RunGroup* elu_group = group_of(groups, "elu");
  if (elu_group == nullptr) elu_group = group_of(groups, "torch_elu");
  std::vector<std::string> left_out;
  const std::optional<GroupSummary> elu = usable(elu_group, left_out);
  const std::optional<GroupSummary> relu = usable(group_of(groups, "relu"), left_out);
  const std::optional<GroupSummary> leaky = usable(group_of(groups, "leaky_relu"), left_out);
  std::string left_note;
  if (!left_out.empty()) {
    left_note = " Left out: ";
    for (std::size_t i = 0; i < left_out.size(); ++i) left_note += (i ? "; " : "") + left_out[i];
    left_note +=
        ". A group with a diverged run takes no part in the claims: its other runs alone would "
        "flatter it.";
  }

  ClaimResult zero{"ELU pushes mean activations towards zero", Verdict::kNotTested, ""};
  ClaimResult speed{"ELU learns faster than ReLU and Leaky ReLU", Verdict::kNotTested, ""};
  ClaimResult dying{"ELU avoids dying units", Verdict::kNotTested, ""};
  if (!elu || (!relu && !leaky)) {
    const std::string without = left_out.empty() ? "" : ", without a diverged run";
    const std::string why =
        "needs elu (or torch_elu) and relu or leaky_relu in --acts" + without + ".";
    zero.evidence = why + left_note;
    speed.evidence = why + left_note;
    dying.evidence = "needs elu (or torch_elu) and relu in --acts" + without + "." + left_note;
    return {zero, speed, dying};
  }
  std::vector<const GroupSummary*> present{&*elu};
  std::vector<const GroupSummary*> rivals;
  if (relu) rivals.push_back(&*relu);
  if (leaky) rivals.push_back(&*leaky);
  present.insert(present.end(), rivals.begin(), rivals.end());

  // Zero-centred: the median unit activation (Clevert et al.'s measure) closest to 0.
  bool closer = true;
  for (const GroupSummary* r : rivals) {
    closer = closer && std::abs(elu->median_activation.mean) < std::abs(r->median_activation.mean);
  }
  zero.verdict = closer ? Verdict::kHeld : Verdict::kDidNotHold;
  zero.evidence = "median unit activation at the last epoch (mean over hidden layers): " +
                  listing(present, [](const GroupSummary& s) { return s.median_activation.mean; }) +
                  "; mean activation " +
                  listing(present, [](const GroupSummary& s) { return s.mean_activation.mean; }) +
                  ". Rule: held if " + elu->label + "'s |median| is the smallest.";

  // Learning speed: the training loss averaged over all epochs is the area under the curve, so
  // it is lower for the network that gets there sooner.
  bool faster = true;
  for (const GroupSummary* r : rivals)
    faster = faster && elu->mean_train_loss.mean < r->mean_train_loss.mean;
  speed.verdict = faster ? Verdict::kHeld : Verdict::kDidNotHold;
  speed.evidence = "training loss averaged over the " + std::to_string(elu->epochs) + " epochs: " +
                   listing(present, [](const GroupSummary& s) { return s.mean_train_loss.mean; }) +
                   "; at the last epoch " +
                   listing(present, [](const GroupSummary& s) { return s.final_train_loss.mean; }) +
                   "; test accuracy " +
                   listing(present, [](const GroupSummary& s) { return s.test_accuracy.mean; }) +
                   ". Rule: held if " + elu->label + "'s averaged training loss is the lowest.";

  if (!relu) {
    dying.evidence =
        left_out.empty() ? "needs relu in --acts" : "needs relu in --acts, without a diverged run.";
  } else {
    const double e = elu->dead_fraction.mean, r = relu->dead_fraction.mean;
    const std::string numbers = "dead-unit fraction at the last epoch: " + elu->label + " " +
                                fmt(e) + ", relu " + fmt(r) +
                                (leaky ? ", leaky_relu " + fmt(leaky->dead_fraction.mean) : "");
    if (e == 0.0 && r == 0.0) {
      dying.evidence = numbers + ". No unit died under either activation, so this run cannot tell.";
    } else {
      dying.verdict = e < r ? Verdict::kHeld : Verdict::kDidNotHold;
      dying.evidence =
          numbers + ". Rule: held if " + elu->label + " has fewer dead units than relu.";
    }
  }
  zero.evidence += left_note;
  speed.evidence += left_note;
  dying.evidence += left_note;
  return {zero, speed, dying};
}

}  // namespace elu::lab
