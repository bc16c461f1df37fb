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

// One line per series over epochs, each with a translucent +-std band in its own colour.
void plot_series(const std::filesystem::path& png, const std::string& title,
                 const std::string& ylabel, const std::vector<Series>& series,
                 const std::string& key_position, const std::string& extra = "") {
  std::string script = "set title " + gnuplot_quote(title) + "\n" + extra;
  script += "set xlabel 'epoch'\nset ylabel " + gnuplot_quote(ylabel) + "\n";
  script +=
      "set grid\nset key " + key_position + "\nset style fill transparent solid 0.18 noborder\n";
  // Whole-number epoch tics while they fit; gnuplot's own choice beyond that.
  if (series.front().points.size() <= 12) script += "set xtics 1\n";
  // A single epoch or a flat line (no dead units anywhere) would make gnuplot warn about an
  // empty range on stderr; give it one.
  if (series.front().points.size() == 1) script += "set xrange [0.5:1.5]\n";
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series& s : series) {
    for (const Stat& p : s.points) {
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
                                           const std::vector<RunGroup>& groups) {
  std::vector<PlotFile> files;
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
  plot_series(dir / "loss.png", "Training (solid) and validation (dashed) loss" + spread,
              "cross-entropy", loss, "top right");
  files.push_back({"loss.png", "Training and validation loss per epoch"});

  plot_series(
      dir / "median_activation.png",
      "Median over units of each unit's mean activation, averaged over hidden layers" + spread,
      "median unit activation",
      one_per_group(groups, [](const EpochRecord& e) { return median_activation(e); }),
      "outside right");
  files.push_back({"median_activation.png", "Median activation (Clevert et al. Fig. 2 measure)"});

  plot_series(dir / "test_accuracy.png", "Test accuracy" + spread, "accuracy",
              one_per_group(groups, [](const EpochRecord& e) { return e.test_accuracy; }),
              "bottom right");
  files.push_back({"test_accuracy.png", "Test accuracy per epoch"});

  const auto dead = one_per_group(groups, [](const EpochRecord& e) { return dead_fraction(e); });
  // Fractions start at 0; a range of its own keeps an all-zero plot (the common case) readable.
  double top = 0.0;
  for (const Series& s : dead) {
    for (const Stat& p : s.points) top = std::max(top, p.mean + p.std);
  }
  plot_series(dir / "dead_units.png", "Fraction of dead hidden units" + spread, "dead fraction",
              dead, "outside right",
              "set yrange [0:" + std::to_string(std::max(0.01, 1.1 * top)) + "]\n");
  files.push_back({"dead_units.png", "Dead units: |f'(z)| < 1e-3 on all 1,000 probe images"});
  return files;
}

PlotFile plot_alpha_sweep(const std::filesystem::path& dir, const std::string& act,
                          const std::vector<double>& alphas,
                          const std::vector<Stat>& best_val_loss) {
  std::vector<std::vector<double>> rows;
  for (std::size_t i = 0; i < alphas.size(); ++i) {
    rows.push_back({alphas[i], best_val_loss[i].mean, best_val_loss[i].std});
  }
  std::string script =
      "set title " + gnuplot_quote("Best validation loss against alpha (" + act + ")") + "\n";
  script += "set xlabel 'alpha'\nset ylabel 'best validation loss'\nset logscale x\nset grid\n";
  script += "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n";
  script += datablock("d", rows);
  script += "plot $d using 1:2:3 with yerrorlines lw 2 pt 7 title " + gnuplot_quote(act) + "\n";
  render_png(dir / "alpha_sweep.png", script);
  return {"alpha_sweep.png", "Best validation loss against alpha (error bars: std over seeds)"};
}

}  // namespace elu::lab
