// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "options.h"

#include <omp.h>

#include <CLI/CLI.hpp>
#include <strings.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "elu/elu.hpp"
#include "filter.h"
#include "software.h"

namespace elu_bench {

namespace {
// "what 'text' why", built by appending (g++ 12 warns falsely on "literal" + std::string).
std::string complaint(const char* what, const std::string& text, const char* why) {
  std::string s = what;
  s.append(" '").append(text).append("' ").append(why);
  return s;
}
}  // namespace

std::size_t parse_size(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const std::string suffix = text.substr(digits);
  std::size_t unit = 1;
  if (suffix == "K" || suffix == "k") {
    unit = std::size_t{1} << 10;
  } else if (suffix == "M" || suffix == "m") {
    unit = std::size_t{1} << 20;
  } else if (!suffix.empty()) {
    unit = 0;
  }
  if (digits == 0 || digits > 9 || unit == 0) {
    throw std::invalid_argument(complaint("size", text, "is not a count like 4096, 64K or 16M"));
  }
  const std::size_t n = std::stoul(text.substr(0, digits)) * unit;
  if (n == 0) throw std::invalid_argument(complaint("size", text, "is zero"));
  return n;
}

ParseOutcome parse_options(int argc, char** argv) {
  CLI::App app{
      "elu-bench: elu's forward and backward against XNNPACK, oneDNN, LibTorch, a ReLU loop and "
      "memcpy, in one run. Prints ns per element (minimum over repetitions) and speed ratios."};
  Options o;
  // Before --version: its callback runs first, so --version reports the chosen target.
  auto* target_option =
      app.add_option_function<std::string>(
             "--target",
             [&o](const std::string& t) {
               o.target = t;
               ::setenv("ELU_SIMD_TARGET", t.c_str(), 1);  // read once, at the first dispatch
             },
             "measure elu under this dispatch target (AVX3, AVX2, SSE4, SSSE3, SCALAR; as "
             "ELU_SIMD_TARGET), e.g. AVX2 code on an AVX-512 machine")
          ->type_name("TARGET");
  app.set_version_flag("--version", version_text,
                       "Print the version, commit, SIMD target and LibTorch version, then exit");
  std::vector<std::string> sizes = {"4K", "64K", "1M", "16M", "128M"};
  std::vector<std::string> threads = {"1", "all"};
  std::optional<int> reps;
  auto* quick_option = app.add_flag(
      "--quick", o.quick,
      "3 repetitions of >= 1M elements each instead of 20 of >= 4M, and sizes up to 16M "
      "unless --sizes is given: under a minute");
  auto* sizes_option =
      app.add_option("--sizes", sizes, "array sizes in elements, e.g. 4K,64K,1M,16M,128M")
          ->delimiter(',')
          ->capture_default_str();
  auto* threads_option =
      app.add_option("--threads", threads, "thread counts to run, 'all' = every logical CPU")
          ->delimiter(',')
          ->capture_default_str();
  app.add_option(
      "--filter", o.filter,
      "only kernels whose id (library/operation/type/placement) matches this POSIX extended regex");
  auto* reps_option =
      app.add_option("--reps", reps, "repetitions per measurement (the minimum is reported)")
          ->check(CLI::Range(1, 1000000));
  auto* json_option = app.add_option("--json", o.json_path,
                                     "also write the results, ratios and targets to this file");
  app.add_option("--compare", o.compare,
                 "OLD.json NEW.json: print old/new for every row both reports measured (--filter "
                 "selects rows); measures nothing")
      ->expected(2)
      ->check(CLI::ExistingFile)
      ->excludes(quick_option)
      ->excludes(sizes_option)
      ->excludes(threads_option)
      ->excludes(reps_option)
      ->excludes(json_option)
      ->excludes(target_option);
  try {
    app.parse(argc, argv);
    // 128M elements alone take minutes over all kernels (arrays of 0.5 to 1 GiB each).
    if (o.quick && sizes_option->count() == 0) sizes.pop_back();
    for (const auto& s : sizes) o.sizes.push_back(parse_size(s));
    for (const auto& t : threads) {
      if (t == "all") {
        o.threads.push_back(omp_get_num_procs());
        continue;
      }
      std::size_t used = 0;
      int value = 0;
      try {
        value = std::stoi(t, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != t.size() || value < 1) {
        throw CLI::ValidationError("--threads",
                                   complaint("value", t, "is not a thread count >= 1 or 'all'"));
      }
      o.threads.push_back(value);
    }
    try {
      KernelFilter check(o.filter);
    } catch (const std::invalid_argument& e) {
      throw CLI::ValidationError("--filter", e.what());
    }
    if (!o.target.empty() && strcasecmp(o.target.c_str(), elu::simd_target().data()) != 0) {
      throw CLI::ValidationError(
          "--target", complaint("target", o.target,
                                "is not one this CPU supports and this build compiled (elu "
                                "dispatches to ") +
                          std::string(elu::simd_target()) + " here)");
    }
  } catch (const CLI::ParseError& e) {
    return {std::nullopt, app.exit(e)};
  } catch (const std::invalid_argument& e) {
    return {std::nullopt, app.exit(CLI::ValidationError("--sizes", e.what()))};
  }
  // Repeated entries would only be measured twice.
  auto dedupe = [](auto& v) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      for (std::size_t j = v.size(); j-- > i + 1;) {
        if (v[j] == v[i]) v.erase(v.begin() + static_cast<std::ptrdiff_t>(j));
      }
    }
  };
  dedupe(o.sizes);
  dedupe(o.threads);
  if (o.quick) o.plan = {std::size_t{1} << 20, 3, 3, 0.0};
  if (reps) o.plan.reps = o.plan.min_reps = *reps;
  return {o, 0};
}

}  // namespace elu_bench
