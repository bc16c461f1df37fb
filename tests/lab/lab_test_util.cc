// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "lab_test_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace elu::lab::test {
namespace {

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
          const std::vector<std::string>& env = {}) {
  return spawn_program(ELU_LAB_EXE, args, out, err, env);
}

}  // namespace

int spawn_program(const std::string& program, const std::vector<std::string>& args,
                  const std::string& out, const std::string& err,
                  const std::vector<std::string>& env) {
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, STDOUT_FILENO);
    ::dup2(e, STDERR_FILENO);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(ELU_LAB_TEST_WORK) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_gz(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  gzFile f = gzopen(file.c_str(), "wb");
  if (f == nullptr) throw std::runtime_error("cannot write " + file.string());
  if (!bytes.empty()) gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

std::vector<std::uint8_t> idx_images(std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                                     std::uint32_t magic) {
  std::vector<std::uint8_t> out;
  put32(out, magic);
  put32(out, count);
  put32(out, rows);
  put32(out, cols);
  for (std::size_t i = 0; i < std::size_t{count} * rows * cols; ++i) {
    out.push_back(static_cast<std::uint8_t>((i * 7) % 256));
  }
  return out;
}

std::vector<std::uint8_t> idx_labels(std::uint32_t count, std::uint32_t magic) {
  std::vector<std::uint8_t> out;
  put32(out, magic);
  put32(out, count);
  for (std::uint32_t i = 0; i < count; ++i) out.push_back(static_cast<std::uint8_t>(i % 10));
  return out;
}

void write_small_dataset(const std::filesystem::path& dir, std::uint32_t train_count) {
  std::filesystem::create_directories(dir);
  write_gz(dir / "train-images-idx3-ubyte.gz", idx_images(train_count, 28, 28));
  write_gz(dir / "train-labels-idx1-ubyte.gz", idx_labels(train_count));
  write_gz(dir / "t10k-images-idx3-ubyte.gz", idx_images(100, 28, 28));
  write_gz(dir / "t10k-labels-idx1-ubyte.gz", idx_labels(100));
}

ProcessResult run_elu_lab(const std::vector<std::string>& args,
                          const std::vector<std::string>& env) {
  const std::string base = std::string(ELU_LAB_TEST_WORK) + "/proc." + std::to_string(::getpid());
  std::filesystem::create_directories(ELU_LAB_TEST_WORK);
  const int pid = spawn(args, base + ".out", base + ".err", env);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::filesystem::remove(base + ".out");
  std::filesystem::remove(base + ".err");
  return r;
}

int start_elu_lab(const std::vector<std::string>& args) {
  return spawn(args, "/dev/null", "/dev/null");
}

nlohmann::json read_json(const std::filesystem::path& file) {
  return nlohmann::json::parse(slurp(file));
}

std::string read_file(const std::filesystem::path& file) { return slurp(file); }

std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = std::filesystem::relative(entry.path(), dir).string();
    files[name] = entry.is_regular_file() ? slurp(entry.path()) : std::string("<dir>");
  }
  return files;
}

std::size_t lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

int dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

}  // namespace elu::lab::test
