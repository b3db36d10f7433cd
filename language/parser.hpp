#pragma once
// The scenario parser: turns a scenario file (the line language or its JSON form, both
// described in FORMAT.md) into a typed `scenario`. Parsing is static: it checks every
// command and flag the way the Vault CLI would, resolves nothing at run time, tracks
// virtual time (`at` may not go back) and which result names exist, and stops at the
// first error with a `file:line:col: message` a newcomer can act on. Nothing here throws.

#include "language/scenario.hpp"

#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

namespace tokenlab {

/// Why a scenario did not parse, and where.
struct parse_error {
  source_loc loc;
  std::string message;

  /// Renders `file:line:col: message`, or `file: message` when there is no line.
  std::string render() const;
};

using parse_result = std::variant<scenario, parse_error>;

/// Parses the line language; `file` names the source in locations and errors.
parse_result parse_scenario_text(std::string_view text, const std::string& file);

/// Parses the JSON form; every step means what its line-language form means.
parse_result parse_scenario_json(std::string_view text, const std::string& file);

/// Reads and parses `path`: JSON when the name ends in ".json", the line language otherwise.
parse_result load_scenario(const std::string& path);

/// Reads `f` to its end (standard input for `tokenlab run -`) and parses it: the JSON form
/// when its first non-blank character is `{`, the line language otherwise. `name` names the
/// source in errors; relative policy files are found from the working directory.
parse_result load_scenario_stream(std::FILE* f, const std::string& name);

/// Checks a parsed scenario's fleet against `budget` (model/fleet.hpp): an error at the fleet
/// step when it has more clients or more estimated events than the budget allows.
std::optional<parse_error> check_budget(const scenario& sc, const fleet_budget& budget);

/// The largest file tokenlab reads (a scenario, a policy, a lesson's manifest): 16 MiB.
inline constexpr std::size_t max_file_size = std::size_t{16} << 20;

namespace detail {
/// read_whole_file's codes besides errno values.
inline constexpr int file_not_regular = -1;
inline constexpr int file_too_large = -2;

/// Reads the regular file at `path` into `out`, up to max_file_size; returns 0, an errno value,
/// file_not_regular (a directory, a FIFO, a device: never opened, so never waited on) or
/// file_too_large.
int read_whole_file(const std::string& path, std::string& out);

/// Reads the open stream `f` to its end into `out`, up to max_file_size; returns 0, an errno
/// value or file_too_large.
int read_stream(std::FILE* f, std::string& out);

/// Says what a read_whole_file code means: strerror's text or the lab's.
std::string read_error_text(int code);
} // namespace detail

} // namespace tokenlab
