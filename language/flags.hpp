#pragma once
// The Vault CLI's flag syntax for scenario steps, after Go's `flag` package as Vault uses
// it: `-name=value`, `-name value` (not for booleans), `--name`, booleans as `-name` or
// `-name=true|false`; the flags end at the first argument or at `--`, so that a flag
// written after an argument is an argument (`vault token renew $t -increment=1h` has two).
// Vault's CLI still reads its global flags there (`-format=json`) and warns about the rest.
// Each command declares the flags tokenlab models and the Vault flags it knows but does
// not model yet; anything else is Go's `flag provided but not defined: -foo`. Values are
// checked here (durations, integers, booleans, formats), so command builders only read
// typed values.

#include "language/parse_context.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tokenlab::detail {

enum class flag_type {
  boolean,       ///< -orphan, -orphan=false
  text,          ///< -display-name=web (no references)
  value,         ///< -otp=$g.otp: a text or a reference (the builder makes the arg)
  duration,      ///< -ttl=1h (Vault duration syntax)
  tune_duration, ///< -max-lease-ttl=10h, or `system` (read as -1, as the CLI reads it)
  integer,       ///< -use-limit=2
  list,          ///< -policy=a,b (repeatable; comma-separated parts)
  key_value,     ///< -metadata=k=v (repeatable)
  format,        ///< -format=table|json|yaml|yml
};

struct flag_def {
  std::string_view name;
  flag_type type;
  std::string_view alias = {};
};

/// The flags of one command.
struct command_spec {
  std::string_view usage;                     ///< "vault lease revoke [-prefix] LEASE_ID"
  std::vector<flag_def> flags;                ///< modelled
  std::vector<std::string_view> not_modelled; ///< Vault has them; tokenlab does not yet
  bool reads_stdin = false;                   ///< may have a heredoc (`vault policy write`)
};

/// One use of a flag, with its checked value.
struct flag_use {
  std::string_view name; ///< canonical name (not the alias)
  int col = 0;           ///< column of the flag
  int value_col = 0;     ///< column of its value (the flag's column for a bare boolean)
  std::string text;      ///< the value as written
  bool boolean = false;  ///< a boolean's value; for -format, not the table
  bool yaml = false;     ///< -format=yaml or -format=yml
  std::int64_t integer = 0;
  sim_duration duration{0};
  std::vector<std::string> list;
  std::pair<std::string, std::string> key_value;
  const word* source = nullptr; ///< the word the value was read from (nullptr: a bare boolean)
  std::size_t value_at = 0;     ///< where the value starts in it (for a reference there)
};

/// A command's words after the command name: flags and positional arguments.
struct command_args {
  std::vector<flag_use> flags;
  std::vector<const word*> positionals;
  /// -format=json or yaml (or VAULT_FORMAT=… without -format): the CLI's non-table output,
  /// which every command prints the same way but for the serialiser
  bool json = false;
  bool yaml = false;         ///< that output is YAML (-format=yaml or yml)
  bool format_given = false; ///< -format was given, which wins over VAULT_FORMAT
  int format_col = 0;        ///< where the format's value was written (flag or VAULT_FORMAT=)
  bool dashdash = false;    ///< a `--` ended the flags
  std::string flag_warning; ///< what the CLI warns about arguments that look like flags

  /// Returns the last use of flag `name` (Go keeps the last value), or nullptr.
  const flag_use* last(std::string_view name) const;
};

/// Splits words[first…] into flags and positionals and checks every flag value.
maybe_error split_command(const std::vector<word>& words, std::size_t first,
                          const command_spec& spec, command_args& out);

/// What Vault 1.14's CLI makes of the arguments of a split command that look like flags:
/// it reads the global `-format` among them (a later one wins), refuses the global flags
/// tokenlab does not model there, and words its warning about the others
/// (command/main.go setupEnv, command/base_helpers.go generateFlagWarnings).
maybe_error read_global_flags(command_args& out);

} // namespace tokenlab::detail
