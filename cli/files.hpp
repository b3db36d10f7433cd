#pragma once
// What the `tokenlab` command reads and writes besides scenarios: output files written
// whole or not at all, and where the course and the library are.

#include <optional>
#include <string>
#include <vector>

namespace tokenlab::cli {

/// Writes `text` to `path` through a fresh temporary file in the same folder (mkstemp),
/// renamed into place when it is complete, so that `path` is never half-written. A `path`
/// that exists and is not a regular file (a terminal, a pipe, /dev/stdout) is written to
/// directly. On failure: false, with `path: reason` in `error`, and nothing left behind.
bool write_file(const std::string& path, const std::string& text, std::string& error);

/// Checks, before a run, that `path` can take its output: its folder exists and is writable,
/// and it is none of `inputs` (an output over its own scenario would destroy it). Returns
/// `path: reason` when it cannot.
std::optional<std::string> check_output(const std::string& path,
                                        const std::vector<std::string>& inputs);

/// The folder of the course: `flag` when given, else `tutorials` in the working directory,
/// else the one beside the sources tokenlab was built from; nullopt when there is none.
std::optional<std::string> course_root(const std::optional<std::string>& flag);

/// The folder of the scenario library, found as course_root finds the course (`scenarios`).
std::optional<std::string> library_root(const std::optional<std::string>& flag);

} // namespace tokenlab::cli
