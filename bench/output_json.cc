// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// --json FILE: the same figures as the text report, for scripts and docs.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "output.h"

namespace elu_bench {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

template <class T, class Write>
void array(std::ostream& o, const std::vector<T>& items, Write&& write) {
  o << "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) o << ",";
    o << "\n    ";
    write(items[i]);
  }
  o << (items.empty() ? "]" : "\n  ]");
}

}  // namespace

void write_json(const std::string& path, const RunInfo& run, const Results& results,
                const std::vector<TargetVerdict>& verdicts) {
  std::ostringstream o;
  const Machine& m = run.machine;
  o << "{\n  \"command\": " << quoted(run.command) << ",\n";
  o << "  \"machine\": {\"cpu_model\": " << quoted(m.cpu_model)
    << ", \"logical_cpus\": " << m.logical_cpus << ", \"caches\": [";
  for (std::size_t i = 0; i < m.caches.size(); ++i) o << (i ? ", " : "") << quoted(m.caches[i]);
  o << "], \"load_average_at_start\": " << quoted(m.load_average)
    << ", \"elu_simd_target\": " << quoted(m.elu_simd_target) << "},\n";
  const Software& s = run.software;
  const auto quoted_or_null = [](const std::string& v) { return v.empty() ? "null" : quoted(v); };
  o << "  \"software\": {\"elu_version\": " << quoted(s.elu_version)
    << ", \"git_commit\": " << quoted_or_null(s.git_commit)
    << ", \"elu_simd_target\": " << quoted(m.elu_simd_target)
    << ", \"libtorch_version\": " << quoted_or_null(s.libtorch_version) << "},\n";
  o << "  \"method\": {\"statistic\": \"minimum over repetitions\", \"repetitions\": "
    << run.plan.reps << ", \"repetitions_after_budget\": " << run.plan.min_reps
    << ", \"budget_seconds_per_kernel\": " << number(run.plan.budget_seconds)
    << ", \"elements_per_repetition\": " << run.plan.work_elements << "},\n";
  o << "  \"skipped\": ";
  array(o, run.missing, [&](const MissingPeer& p) {
    o << "{\"name\": " << quoted(p.name) << ", \"reason\": " << quoted(p.reason) << "}";
  });
  o << ",\n  \"notes\": ";
  array(o, notes(), [&](const std::string& s) { o << quoted(s); });
  o << ",\n  \"results\": ";
  array(o, results.all(), [&](const Measurement& r) {
    const double seconds_per_element = r.ns_per_element * 1e-9;
    o << "{\"kernel\": " << quoted(r.id) << ", \"threads\": " << r.threads << ", \"n\": " << r.n
      << ", \"ns_per_element\": " << number(r.ns_per_element)
      << ", \"elements_per_second\": " << number(1.0 / seconds_per_element)
      << ", \"bytes_per_second\": " << number(r.bytes_per_element / seconds_per_element) << "}";
  });
  // Every subject-to-reference ratio that both sides of were measured for.
  struct Ratio {
    std::string subject, reference;
    int threads;
    std::size_t n;
    double speed;
  };
  std::vector<Ratio> ratios;
  for (int t : run.threads) {
    for (const Comparison& c : comparisons()) {
      for (const auto& ref : c.references) {
        for (const Measurement& r : results.all()) {
          if (r.threads != t || r.id != c.subject) continue;
          if (auto s = speed_ratio(results, t, c.subject, ref, r.n)) {
            ratios.push_back({c.subject, ref, t, r.n, *s});
          }
        }
      }
    }
  }
  o << ",\n  \"ratios\": ";
  array(o, ratios, [&](const Ratio& r) {
    o << "{\"subject\": " << quoted(r.subject) << ", \"reference\": " << quoted(r.reference)
      << ", \"threads\": " << r.threads << ", \"n\": " << r.n << ", \"speed\": " << number(r.speed)
      << "}";
  });
  o << ",\n  \"targets\": ";
  array(o, verdicts, [&](const TargetVerdict& v) {
    const Target& b = *v.target;
    o << "{\"area\": " << quoted(b.area) << ", \"what\": " << quoted(b.what)
      << ", \"threads\": " << v.threads << ", \"kind\": "
      << quoted(b.kind == Target::Kind::speed_at_least ? "speed_at_least" : "time_at_most")
      << ", \"required\": " << number(b.required) << ", \"state\": " << quoted(state_name(v.state))
      << ", \"points\": [";
    for (std::size_t i = 0; i < b.points.size(); ++i) {
      o << (i ? ", " : "") << "{\"subject\": " << quoted(b.points[i].subject)
        << ", \"reference\": " << quoted(b.points[i].reference) << ", \"n\": " << b.points[i].n
        << ", \"ratio\": " << (v.ratios[i] ? number(*v.ratios[i]) : "null") << "}";
    }
    o << "]}";
  });
  o << "\n}\n";

  std::ofstream file(path);
  file << o.str();
  if (!file.flush()) throw std::runtime_error("elu-bench: cannot write --json file " + path);
}

}  // namespace elu_bench
