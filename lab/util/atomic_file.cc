// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "util/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace elu::lab {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const char* step) {
  throw std::runtime_error(file.string() + ": " + step + " failed: " + std::strerror(errno));
}

constexpr std::string_view kTemporaryInfix = ".tmp.";

// The pid of "<name>.tmp.<pid>", or 0 when `name` is not such a name.
long temporary_owner(const std::string& name) {
  const std::size_t at = name.rfind(kTemporaryInfix);
  if (at == std::string::npos || at == 0) return 0;
  const std::string digits = name.substr(at + kTemporaryInfix.size());
  if (digits.empty() || digits.size() > 9 || digits.front() == '0') return 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stol(digits);
}

bool process_exists(long pid) {
  // EPERM: it exists, under another user.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::filesystem::path temporary_path(const std::filesystem::path& file) {
  return file.string() + std::string(kTemporaryInfix) +
         std::to_string(static_cast<long>(::getpid()));
}

std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> removed;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return removed;
  const long self = static_cast<long>(::getpid());
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::filesystem::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_symlink(type_ec) || !entry.is_regular_file(type_ec)) continue;
    const long pid = temporary_owner(entry.path().filename().string());
    // A name with our own pid is a dead process's whose pid came round again: this process has
    // not written yet when it cleans up.
    if (pid == 0 || (pid != self && process_exists(pid))) continue;
    std::error_code remove_ec;
    if (std::filesystem::remove(entry.path(), remove_ec)) removed.push_back(entry.path());
  }
  return removed;
}

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
  const std::filesystem::path temp = temporary_path(file);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(temp, "open");
  auto abandon = [&](const char* step) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    errno = saved;
    fail(temp, step);
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) abandon("write");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) abandon("fsync");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    fail(temp, "close");
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail(file, "rename");
  }
  // The rename is durable only once the directory entry is on disk.
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : ".";
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) fail(dir, "open directory");
  const int rc = ::fsync(dir_fd);
  ::close(dir_fd);
  if (rc != 0) fail(dir, "fsync directory");
}

}  // namespace elu::lab
