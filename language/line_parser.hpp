#pragma once
// Internal to the parser: the state machine that both scenario forms feed, one line of the
// line language at a time. It owns the scenario being built and what parsing must know
// statically: whether the header is over, the names defined so far, the virtual time
// that `advance` and `at` have reached, and an open heredoc whose lines are still coming.
// The JSON form builds each step's line and feeds it here, so that both forms mean the same.

#include "language/parse_context.hpp"
#include "language/parser.hpp"

#include <map>
#include <optional>
#include <string>

namespace tokenlab::detail {

class line_parser {
public:
  /// `heredoc_lines`: a heredoc's text is in the lines fed after its marker (the line
  /// language); otherwise it must come with its line (the JSON form).
  explicit line_parser(std::string file, bool heredoc_lines = true);

  /// Parses one line. `where` maps its columns to the source; a step is located at
  /// `step_loc` when given, else at its first character. `stdin_text` is the text of the
  /// line's heredoc when it comes with the line. While a heredoc is open, lines are its text.
  std::optional<parse_error> feed(std::string_view line, const col_mapper& where,
                                  const std::optional<source_loc>& step_loc = std::nullopt,
                                  const std::string* stdin_text = nullptr);

  /// Ends the input: checks that no heredoc is open, and the header if no step did.
  std::optional<parse_error> finish();

  /// Hands over the parsed scenario.
  scenario take() { return std::move(scenario_); }

private:
  maybe_error header(const lexed_line& l, const line_context& ctx);
  /// Reads `config key=value …` into `cfg` (the keys named; the others are left as they are).
  maybe_error config(const lexed_line& l, system_config& cfg);
  /// A `config` line after the first step: a restart of the server (restart_step).
  maybe_error restart(const lexed_line& l, step_body& body);
  maybe_error once(const word& directive, const line_context& ctx);
  maybe_error time(const lexed_line& l, bool absolute, step_body& body);
  maybe_error vault(const lexed_line& l, const line_context& ctx, step_body& body);
  maybe_error fleet(const lexed_line& l, const source_loc& at, step_body& body);
  /// `rm ~/.vault-token`: the CLI's token helper forgets its token (token_helper_step).
  maybe_error token_helper(const lexed_line& l, step_body& body);
  maybe_error cluster(const lexed_line& l, const line_context& ctx);
  bool node_exists(const std::string& node) const;
  std::string node_names() const;
  std::optional<parse_error> end_header();
  /// `<what> goes past t+2500000h, where tokenlab's clock ends (t+1h now)`: clock/sim_time.hpp.
  std::string past_sim_end(const std::string& what) const;
  void heredoc_line(std::string_view line);

  /// A vault step whose heredoc text is still being read.
  struct open_heredoc {
    step pending;
    std::string delimiter;
    source_loc marker; ///< where the `<<` is
    std::string text;
  };

  scenario scenario_;
  std::string dir_; ///< the scenario file's directory: "" or ending with '/'
  bool heredoc_lines_ = true;
  std::optional<open_heredoc> heredoc_;
  std::map<std::string, result_info> names_{
    {"root", {result_kind::open, "the root token"}},
    {"unseal_key", {result_kind::open, "the dev server's unseal key"}}};
  sim_duration now_{0};
  bool in_steps_ = false;
  std::optional<source_loc> config_loc_;
  std::optional<source_loc> fleet_loc_; ///< where the scenario's one fleet is
  system_config running_config_; ///< the config after the header and the restarts so far
  std::map<std::string, source_loc> given_; ///< title, seed, epoch: where first given
};

} // namespace tokenlab::detail
