#pragma once
// The scenario parser: turns a scenario file (the line language or its JSON form, both
// described in FORMAT.md) into a typed `scenario`. Parsing is static: it checks every
// command and flag the way the Vault CLI would, resolves nothing at run time, tracks
// virtual time (`at` may not go back) and which result names exist, and stops at the
// first error with a `file:line:col: message` a newcomer can act on. Nothing here throws.

#include "language/scenario.hpp"

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

namespace detail {
/// Reads the file at `path` into `out`; returns 0 or an errno value.
int read_whole_file(const std::string& path, std::string& out);
} // namespace detail

} // namespace tokenlab
