// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Renders PNG files with gnuplot (Debian's gnuplot-nox), driven through a pipe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace elu::lab {

/// Runs `commands` (gnuplot syntax, ending in a plot command) with a pngcairo terminal whose
/// output is `png`. The image is written to a temporary name (temporary_path) and renamed when
/// gnuplot succeeds. gnuplot's stderr is captured, not shown. Throws std::runtime_error, with one
/// line that ends with gnuplot's own last message, if gnuplot is missing, fails, or leaves no PNG.
void render_png(const std::filesystem::path& png, const std::string& commands);

/// A gnuplot datablock: "$name << EOD\n<rows>\nEOD\n", each row's numbers separated by spaces.
std::string datablock(const std::string& name, const std::vector<std::vector<double>>& rows);

/// `text` as a single-quoted gnuplot string.
std::string gnuplot_quote(const std::string& text);

}  // namespace elu::lab
