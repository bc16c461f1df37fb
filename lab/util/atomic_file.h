// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Crash-safe file replacement: a reader sees the old file or the new one, never a torn one.
#pragma once

#include <filesystem>
#include <string_view>

namespace elu::lab {

/// Writes bytes to a temporary file next to `file`, fsyncs it, renames it over `file` and fsyncs
/// the directory. Throws std::runtime_error (naming the file and errno's text) on any failure,
/// after removing the temporary file.
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace elu::lab
