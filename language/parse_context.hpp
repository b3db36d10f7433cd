#pragma once
// Internal to the parser: what parsing one line needs from the rest of the scenario (where
// each column of the line lies in the source, which result names exist) and the step
// parsers that the line parser dispatches to. Errors are `line_error`s: a column of the
// line and a message; the caller maps the column to a `source_loc`.

#include "language/lexer.hpp"
#include "language/result_fields.hpp"
#include "language/scenario.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::detail {

/// Maps a 1-based column of the line being parsed to its place in the source file.
using col_mapper = std::function<source_loc(int col)>;

/// An error, or nullopt for success.
using maybe_error = std::optional<line_error>;

/// A reference as the line spells it: columns of its first and last byte (quotes that
/// the reference spans included), for the report's echo of the command.
struct ref_use {
  int col = 0;
  int last_col = 0;
  arg ref;
};

/// What a line's parsing may consult: the source mapping, the names defined so far (with
/// what each result holds), the scenario's directory (files a step names are relative to
/// it), and where to note each reference the line makes (nullptr: nowhere).
struct line_context {
  const col_mapper& where;
  const std::map<std::string, result_info>& names; ///< includes "root"
  const std::string& dir;                          ///< "" or ends with '/'
  std::vector<ref_use>* refs = nullptr;
};

/// `s` between double quotes, for messages: in_quotes("6x") is "\"6x\"".
std::string in_quotes(std::string_view s);

/// Tells whether `s` is a result name: `[A-Za-z_][A-Za-z0-9_]*`.
bool is_name(std::string_view s);

/// Checks that `name` (written at column `col`) was defined by an earlier step.
maybe_error check_name(std::string_view name, int col, const line_context& ctx);

/// Checks that results named `name` (a defined name) have `field` (written at column `col`).
maybe_error check_field(const std::string& name, std::string_view field, int col,
                        const line_context& ctx);

/// Reads byte `start` onwards of `w` as an argument: `$name`, `$name.field` or a literal.
maybe_error make_arg(const word& w, std::size_t start, const line_context& ctx, arg& out);

/// A `VAULT_FORMAT=…` prefix: table, json or yaml (yml), and the column of its value.
struct env_format {
  bool json = false; ///< not the table (json or yaml)
  bool yaml = false;
  int col = 0;
};

/// Parses `vault …` (words[first] is "vault"; a VAULT_TOKEN prefix is already in `out`).
/// A trailing `=> NAME` must already be removed from `words`. `stdin_col` is the column of
/// the line's heredoc marker when the step has standard input; its text comes later, see
/// give_stdin. `format` is the step's VAULT_FORMAT, which a -format flag overrides.
maybe_error parse_vault_command(const std::vector<word>& words, std::size_t first,
                                const line_context& ctx, std::optional<int> stdin_col,
                                const std::optional<env_format>& format, vault_step& out);

/// Hands a parsed command that reads standard input its text.
void give_stdin(vault_command& cmd, std::string text);

/// Parses `expect …` (words[0] is "expect").
maybe_error parse_expect(const std::vector<word>& words, const line_context& ctx, expect_step& out);

/// Parses `fleet key=value …` (words[0] is "fleet"; a trailing `=> NAME` already removed).
maybe_error parse_fleet(const std::vector<word>& words, fleet_step& out);
/// A `github org=…` or `github user=…` header line, added to `gh`.
maybe_error parse_github(const std::vector<word>& words, github_world& gh);

/// Parses a duration word with parse_duration; `what` names it in the error ("for -ttl").
maybe_error parse_duration_word(const word& w, std::size_t start, std::string_view what,
                                sim_duration& out);

} // namespace tokenlab::detail
