// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Crash-safe file replacement: a reader sees the old file or the new one, never a torn one.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace elu::lab {

/// The temporary name a file is written under before it is renamed into place:
/// "<file>.tmp.<pid of this process>".
std::filesystem::path temporary_path(const std::filesystem::path& file);

/// Writes bytes to temporary_path(file), fsyncs it, renames it over `file` and fsyncs the
/// directory. Throws std::runtime_error (naming the file and errno's text) on any failure, after
/// removing the temporary file.
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

/// Removes the temporaries that killed processes left in `dir` (not its subdirectories): regular
/// files named "<name>.tmp.<pid>" whose process no longer exists. Those of a live process are
/// kept (another elu-lab may be writing there); this process's own pid counts as dead, so call it
/// before writing into `dir`. Returns the files removed; a directory that does
/// not exist holds none.
std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace elu::lab
