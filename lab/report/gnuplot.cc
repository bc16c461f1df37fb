// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/gnuplot.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/atomic_file.h"

namespace elu::lab {

std::string gnuplot_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string datablock(const std::string& name, const std::vector<std::vector<double>>& rows) {
  std::ostringstream s;
  s.precision(9);
  s << '$' << name << " << EOD\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) s << (i ? " " : "") << row[i];
    s << '\n';
  }
  s << "EOD\n";
  return s.str();
}

namespace {

// The line of gnuplot's stderr that says what went wrong: the last non-blank one ("line 6: all
// points y value undefined!"), without the echoed command and caret above it.
std::string last_line(const std::string& text) {
  std::size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  const std::size_t begin = text.find_last_of('\n', end);
  std::string line = text.substr(begin == std::string::npos ? 0 : begin + 1,
                                 end + 1 - (begin == std::string::npos ? 0 : begin + 1));
  const std::size_t first = line.find_first_not_of(" \t");
  return first == std::string::npos ? "" : line.substr(first);
}

// Runs gnuplot with `script` on stdin and its stderr in a file; returns the wait status (or -1
// with errno set when it cannot start) and gnuplot's stderr in `errors`.
int run_gnuplot(const std::string& script, std::string& errors) {
  FILE* err_file = std::tmpfile();
  if (err_file == nullptr) return -1;
  int in[2];
  if (::pipe2(in, O_CLOEXEC) != 0) {
    std::fclose(err_file);
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, ::fileno(err_file), STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  char arg0[] = "gnuplot";
  char* argv[] = {arg0, nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "gnuplot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  if (spawned != 0) {
    ::close(in[1]);
    std::fclose(err_file);
    errno = spawned;
    return -1;
  }
  // Without gnuplot reading, a write must fail with EPIPE, not kill us.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  std::size_t done = 0;
  while (done < script.size()) {
    const ssize_t n = ::write(in[1], script.data() + done, script.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;  // gnuplot quit early; its status and stderr say why
    done += static_cast<std::size_t>(n);
  }
  ::close(in[1]);
  ::sigaction(SIGPIPE, &previous, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::rewind(err_file);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, err_file)) > 0;) errors.append(buf, n);
  std::fclose(err_file);
  return status;
}

}  // namespace

void render_png(const std::filesystem::path& png, const std::string& commands) {
  const std::filesystem::path temp = temporary_path(png);
  // noenhanced: names like leaky_relu are text, not subscripts.
  std::string script = "set terminal pngcairo noenhanced size 960,600 font 'sans,11'\n";
  script += "set output " + gnuplot_quote(temp.string()) + "\n";
  script += commands;
  script += "\nunset output\n";
  std::string errors;
  const int status = run_gnuplot(script, errors);
  if (status == -1) {
    if (errno == ENOENT)
      throw std::runtime_error("gnuplot not found on PATH (install gnuplot-nox)");
    throw std::runtime_error("cannot run gnuplot for " + png.string() + ": " +
                             std::strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    const std::string why = last_line(errors);
    throw std::runtime_error("gnuplot failed to draw " + png.string() +
                             (why.empty() ? std::string() : " (" + why + ")"));
  }
  // A PNG starts with the 8-byte signature \x89PNG\r\n\x1a\n.
  std::array<char, 8> head{};
  std::ifstream(temp, std::ios::binary).read(head.data(), head.size());
  if (std::string(head.data() + 1, 3) != "PNG") {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    throw std::runtime_error("gnuplot wrote no PNG for " + png.string());
  }
  std::filesystem::rename(temp, png);
}

}  // namespace elu::lab
