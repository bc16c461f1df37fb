// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/plots.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "report/gnuplot.h"

namespace elu::lab {
namespace {

struct Series {
  std::string title;
  std::vector<Stat> points;  // epoch i+1
  int color = 1;
  bool dashed = false;
};

bool finite(const Stat& p) { return std::isfinite(p.mean) && std::isfinite(p.std); }

constexpr const char* kNoFinitePoint =
    "no finite value to plot: every run diverged before it had one";

// Draws `file` in `dir`, or removes an old one and says why when there is nothing to draw.
PlotFile finish(const std::filesystem::path& dir, const std::string& file,
                const std::string& caption, bool drawn) {
  if (drawn) return {file, caption, ""};
  std::error_code ec;
  std::filesystem::remove(dir / file, ec);  // an earlier run's plot would pass for this one's
  return {file, caption, kNoFinitePoint};
}

// One line per series over epochs, each with a translucent +-std band in its own colour.
// Non-finite points are left out, and series without any; returns false (drawing nothing) when
// no series has a point.
bool plot_series(const std::filesystem::path& png, const std::string& title,
                 const std::string& ylabel, std::vector<Series> series,
                 const std::string& key_position, const std::string& extra = "") {
  std::size_t epochs = 0;
  for (const Series& s : series) epochs = std::max(epochs, s.points.size());
  std::erase_if(series, [](const Series& s) {
    return std::none_of(s.points.begin(), s.points.end(), finite);
  });
  if (series.empty()) return false;
  std::string script = "set title " + gnuplot_quote(title) + "\n" + extra;
  script += "set xlabel 'epoch'\nset ylabel " + gnuplot_quote(ylabel) + "\n";
  script +=
      "set grid\nset key " + key_position + "\nset style fill transparent solid 0.18 noborder\n";
  // Whole-number epoch tics while they fit; gnuplot's own choice beyond that.
  if (epochs <= 12) script += "set xtics 1\n";
  // A single epoch or a flat line (no dead units anywhere) would make gnuplot warn about an
  // empty range on stderr; give it one.
  if (epochs == 1) script += "set xrange [0.5:1.5]\n";
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series& s : series) {
    for (const Stat& p : s.points) {
      if (!finite(p)) continue;
      lo = std::min(lo, p.mean - p.std);
      hi = std::max(hi, p.mean + p.std);
    }
  }
  if (lo == hi) {
    const double pad = std::max(std::fabs(lo), 1.0) * 0.5;
    script += "set yrange [" + std::to_string(lo - pad) + ":" + std::to_string(hi + pad) + "]\n";
  }
  std::string bands, lines;
  for (std::size_t i = 0; i < series.size(); ++i) {
    std::vector<std::vector<double>> rows;
    for (std::size_t e = 0; e < series[i].points.size(); ++e) {
      const Stat& p = series[i].points[e];
      if (!finite(p)) continue;
      rows.push_back({static_cast<double>(e + 1), p.mean, p.mean - p.std, p.mean + p.std});
    }
    // Built with append, not "literal" + std::string: g++ 12 gives a false -Wrestrict there.
    std::string name = "s";
    name += std::to_string(i);
    script += datablock(name, rows);
    std::string color = " lc ";
    color += std::to_string(series[i].color);
    bands.append("$")
        .append(name)
        .append(" using 1:3:4 with filledcurves")
        .append(color)
        .append(" notitle, ");
    lines.append("$")
        .append(name)
        .append(" using 1:2 with linespoints")
        .append(color)
        .append(" lw 2 pt 7 ps 0.6");
    if (series[i].dashed) lines += " dt 2";
    lines.append(" title ").append(gnuplot_quote(series[i].title)).append(", ");
  }
  std::string plot = bands + lines;
  plot.resize(plot.size() - 2);
  script += "plot " + plot + "\n";
  render_png(png, script);
  return true;
}

std::vector<Series> one_per_group(const std::vector<RunGroup>& groups,
                                  const std::function<double(const EpochRecord&)>& metric) {
  std::vector<Series> out;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    out.push_back({groups[i].label, curve(groups[i], metric), static_cast<int>(i + 1), false});
  }
  return out;
}

}  // namespace

std::vector<PlotFile> plot_training_curves(const std::filesystem::path& dir,
                                           const std::vector<RunGroup>& groups,
                                           const std::string& prefix) {
  std::vector<PlotFile> files;
  const bool autoencoder = groups.front().runs.front().spec.model == "autoencoder";
  const std::string loss_png = prefix + "loss.png", median_png = prefix + "median_activation.png",
                    accuracy_png = prefix + "test_accuracy.png",
                    dead_png = prefix + "dead_units.png";
  const std::string spread = groups.front().runs.size() > 1 ? " (bands: +-1 std over seeds)" : "";

  std::vector<Series> loss;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const int color = static_cast<int>(i + 1);
    loss.push_back({groups[i].label + " train",
                    curve(groups[i], [](const EpochRecord& e) { return e.train_loss; }), color,
                    false});
    loss.push_back({groups[i].label + " validation",
                    curve(groups[i], [](const EpochRecord& e) { return e.val_loss; }), color,
                    true});
  }
  files.push_back(
      finish(dir, loss_png, "Training and validation loss per epoch",
             plot_series(dir / loss_png, "Training (solid) and validation (dashed) loss" + spread,
                         autoencoder ? "reconstruction MSE" : "cross-entropy", loss, "top right")));

  files.push_back(finish(
      dir, median_png, "Median activation (Clevert et al. Fig. 2 measure)",
      plot_series(
          dir / median_png,
          "Median over units of each unit's mean activation, averaged over hidden layers" + spread,
          "median unit activation",
          one_per_group(groups, [](const EpochRecord& e) { return median_activation(e); }),
          "outside right")));

  if (!autoencoder) {
    files.push_back(finish(
        dir, accuracy_png,
        "Test accuracy per epoch, for information (the report chooses epochs by validation loss)",
        plot_series(dir / accuracy_png, "Test accuracy, for information" + spread, "accuracy",
                    one_per_group(groups, [](const EpochRecord& e) { return e.test_accuracy; }),
                    "bottom right")));
  }

  const auto dead = one_per_group(groups, [](const EpochRecord& e) { return dead_fraction(e); });
  // Fractions start at 0; a range of its own keeps an all-zero plot (the common case) readable.
  double top = 0.0;
  for (const Series& s : dead) {
    for (const Stat& p : s.points) {
      if (finite(p)) top = std::max(top, p.mean + p.std);
    }
  }
  files.push_back(
      finish(dir, dead_png, "Dead units: |f'(z)| < 1e-3 on all 1,000 probe images",
             plot_series(dir / dead_png, "Fraction of dead hidden units" + spread, "dead fraction",
                         dead, "outside right",
                         "set yrange [0:" + std::to_string(std::max(0.01, 1.1 * top)) + "]\n")));
  return files;
}

PlotFile plot_alpha_sweep(const std::filesystem::path& dir, const std::string& act,
                          const std::vector<double>& alphas, const std::vector<Stat>& best_val_loss,
                          const std::string& prefix) {
  const std::string png = prefix + "alpha_sweep.png";
  const std::string caption = "Best validation loss against alpha (error bars: std over seeds)";
  std::vector<std::vector<double>> rows;
  for (std::size_t i = 0; i < alphas.size(); ++i) {
    if (finite(best_val_loss[i]))
      rows.push_back({alphas[i], best_val_loss[i].mean, best_val_loss[i].std});
  }
  if (rows.empty()) return finish(dir, png, caption, false);
  std::string script =
      "set title " + gnuplot_quote("Best validation loss against alpha (" + act + ")") + "\n";
  script += "set xlabel 'alpha'\nset ylabel 'best validation loss'\nset logscale x\nset grid\n";
  script += "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n";
  script += datablock("d", rows);
  script += "plot $d using 1:2:3 with yerrorlines lw 2 pt 7 title " + gnuplot_quote(act) + "\n";
  render_png(dir / png, script);
  return finish(dir, png, caption, true);
}

}  // namespace elu::lab
