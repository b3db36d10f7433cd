#pragma once
// One session of `tokenlab shell`: the scenario a learner types, a line at a time. After each
// entry the whole scenario so far is parsed and replayed from t=0 (replay is deterministic, so
// the earlier steps come out byte for byte the same) and only the new steps are shown. That is
// what makes `undo` and `back N` exact: going back is forgetting the last entries, and the
// next replay is the run those entries never happened in. `save FILE` writes the scenario,
// which `tokenlab run FILE` replays to the same report. No I/O here: cli/shell.cpp reads the
// terminal (with libedit) or standard input and prints the replies.

#include "reports/render.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tokenlab::cli {

class shell_session {
public:
  /// `name` names the session in the report and in errors (`<shell>`, or the starting file).
  explicit shell_session(report_detail detail = report_detail::story,
                         std::string name = "<shell>");

  struct reply {
    std::string out; ///< for standard output: the new steps' report, or a command's answer
    std::string err; ///< for standard error: why an entry was refused
    bool quit = false;
  };

  /// Starts from a scenario's text (`tokenlab shell FILE`): replays it and shows its steps.
  /// They are the session's start: `undo` and `back` do not go before them.
  reply start(const std::string& text);

  /// Handles one entry: a shell command (help, show, script, undo, back N, save FILE, quit) or a
  /// line of the scenario language, with the text of its heredoc when it ends with `<<WORD`.
  reply enter(const std::string& entry);

  /// When `line` ends with a heredoc marker (`<<EOF`), the delimiter its text ends at.
  static std::optional<std::string> heredoc_of(const std::string& line);

  /// The prompt: the next step's number and the virtual clock, `[3] t+6h> `.
  std::string prompt() const;

  /// The words that may complete the last (partial) word of `line`: shell commands and
  /// directives first, then vault commands, their flags, and `$names` of results.
  std::vector<std::string> complete(const std::string& line) const;

  /// The scenario so far, as `save` writes it.
  std::string script() const;

private:
  struct entry_record {
    std::string text;       ///< the lines as typed, each ending with a newline
    std::size_t steps = 0;  ///< the run's steps after it
    std::string clock;      ///< the virtual time after it (`t+6h`)
  };

  reply replay(const std::string& added);
  reply back_to(std::size_t steps);
  std::string where_now() const; ///< `  back at step N, t+…`
  reply save(const std::string& file) const;
  reply show() const;

  report_detail detail_;
  std::string name_;
  std::string base_;                   ///< the starting file's text
  entry_record start_;                 ///< where `back` stops
  std::vector<entry_record> entries_;  ///< what was typed since
  std::vector<std::string> names_;     ///< the results' names, for completion
};

} // namespace tokenlab::cli
