// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "util/atomic_file.h"

#include <fcntl.h>
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

}  // namespace

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
  const std::filesystem::path temp =
      file.string() + ".tmp." + std::to_string(static_cast<long>(::getpid()));
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
