// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "report/gnuplot.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

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

void render_png(const std::filesystem::path& png, const std::string& commands) {
  const std::filesystem::path temp =
      png.string() + ".tmp." + std::to_string(static_cast<long>(::getpid()));
  // noenhanced: names like leaky_relu are text, not subscripts.
  std::string script = "set terminal pngcairo noenhanced size 960,600 font 'sans,11'\n";
  script += "set output " + gnuplot_quote(temp.string()) + "\n";
  script += commands;
  script += "\nunset output\n";
  // Without gnuplot the pipe's reader is gone; a write must fail with EPIPE, not kill us.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  FILE* pipe = ::popen("gnuplot", "w");
  bool written = false;
  int status = -1;
  if (pipe != nullptr) {
    written = std::fwrite(script.data(), 1, script.size(), pipe) == script.size();
    status = ::pclose(pipe);
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
  const bool ok = written && status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!ok) {
    std::filesystem::remove(temp);
    if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      throw std::runtime_error("gnuplot not found on PATH (install gnuplot-nox)");
    }
    throw std::runtime_error("gnuplot failed to draw " + png.string());
  }
  // A PNG starts with the 8-byte signature \x89PNG\r\n\x1a\n.
  std::array<char, 8> head{};
  std::ifstream(temp, std::ios::binary).read(head.data(), head.size());
  if (std::string(head.data() + 1, 3) != "PNG") {
    std::filesystem::remove(temp);
    throw std::runtime_error("gnuplot wrote no PNG for " + png.string());
  }
  std::filesystem::rename(temp, png);
}

}  // namespace elu::lab
