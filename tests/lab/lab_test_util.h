// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Helpers for elu-lab's tests: scratch directories, gzipped IDX files, and running the binary.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace elu::lab::test {

/// An empty directory for one test: <build>/tests/lab/work/<name>, wiped first.
std::filesystem::path fresh_dir(const std::string& name);

/// Writes `bytes` gzip-compressed (zlib) to `file`.
void write_gz(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes);

/// An IDX image file body: magic 0x803, count, rows, cols (big-endian), then pixels.
std::vector<std::uint8_t> idx_images(std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                                     std::uint32_t magic = 0x803);
/// An IDX label file body: magic 0x801, count, then labels i % 10.
std::vector<std::uint8_t> idx_labels(std::uint32_t count, std::uint32_t magic = 0x801);

/// Writes a complete small Fashion-MNIST-shaped directory (train: `train_count` images,
/// test: 100) that every check accepts.
void write_small_dataset(const std::filesystem::path& dir, std::uint32_t train_count = 5100);

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal
  std::string out, err;
};

/// Runs elu-lab with `args` and waits for it. `env` entries ("NAME=value") are set on top of
/// this process's environment.
ProcessResult run_elu_lab(const std::vector<std::string>& args,
                          const std::vector<std::string>& env = {});

/// Starts `program` (a path) with `args`, stdout and stderr sent to the files `out` and `err`,
/// and `env` entries set on top of this process's environment; returns its pid.
int spawn_program(const std::string& program, const std::vector<std::string>& args,
                  const std::string& out, const std::string& err,
                  const std::vector<std::string>& env = {});

/// Starts elu-lab with `args`; returns its pid (stdout and stderr go to /dev/null).
int start_elu_lab(const std::vector<std::string>& args);

nlohmann::json read_json(const std::filesystem::path& file);

std::string read_file(const std::filesystem::path& file);

/// Every regular file under `dir` (recursively) with its bytes, to show that a command wrote
/// nothing: compare a snapshot taken before with one taken after.
std::map<std::string, std::string> snapshot(const std::filesystem::path& dir);

/// The number of '\n' in `s`.
std::size_t lines(const std::string& s);

/// A process id that no process has now (a child that has exited and been reaped).
int dead_pid();

}  // namespace elu::lab::test
