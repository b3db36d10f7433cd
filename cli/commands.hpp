#pragma once
// The `tokenlab` commands, apart from option parsing: load scenarios, run them, write the
// reports; the course (lessons, grading, hints, handouts) and the library's first screen.
// Exit codes: 0 all expectations held (or the exercise is solved), 1 an expectation failed
// (or the exercise is not solved yet), 2 bad input (unreadable or malformed scenario, bad
// option): then nothing is run and no file written; 3 an internal error: the simulated Vault
// broke one of its invariants (runner/invariants.hpp), so no report is printed.
// TOKENLAB_INVARIANTS=off in the environment runs without the checker (benchmarks).

#include "model/fleet.hpp"
#include "reports/render.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tokenlab::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_internal = 3;

struct run_options {
  std::vector<std::string> files;
  report_format format = report_format::text;
  report_detail detail = report_detail::full;
  std::optional<std::string> output; ///< write the report here instead of stdout
  fleet_budget budget;               ///< how big a fleet may be
};

/// `tokenlab run`: prints (or writes) the reports of all files.
int run(const run_options& opts);

/// `tokenlab check`: runs the files and prints only the expectations' verdicts. A file that
/// is an exercise of the course is graded instead (see course/grade.hpp), and a solved one
/// is recorded in the learner's progress. With no file, grades the learner's next exercise.
int check(const std::vector<std::string>& files, const std::optional<std::string>& course);

/// `tokenlab lesson`: the course with the learner's progress; `tokenlab lesson N` shows
/// lesson N and its exercises.
int lesson(const std::optional<std::string>& which, const std::optional<std::string>& course);

/// `tokenlab hint [FILE]`: the hints of an exercise (the next unsolved one without FILE),
/// one more each time.
int hint(const std::optional<std::string>& file, const std::optional<std::string>& course);

struct handout_options {
  std::string which; ///< the lesson: "3" or "03-ttl-and-renewal"
  std::optional<std::string> course;
  bool solutions = false;            ///< add the solutions and their reasons (for instructors)
  std::optional<std::string> output; ///< write here instead of stdout
};

/// `tokenlab handout N`: lesson N as one Markdown document: the lesson, its worked scenario
/// as a story, the exercises (and with `solutions`, their solutions).
int handout(const handout_options& opts);

struct shell_options {
  std::optional<std::string> file; ///< a scenario to start from
  report_detail detail = report_detail::story;
};

/// `tokenlab shell [FILE]`: the interactive lab (cli/session.hpp). At a terminal: line editing,
/// history and tab completion (libedit); otherwise it reads standard input and echoes each
/// entry after its prompt. Exit 0; from standard input, 2 when an entry was refused.
int shell(const shell_options& opts);

struct library_options {
  std::optional<std::string> dir; ///< the library's folder (default: scenarios)
  bool all = false;               ///< every report instead of the first screen
  bool list = false;              ///< only the files
  report_format format = report_format::text;
  report_detail detail = report_detail::full;
};

/// `tokenlab library`: replays the scenario library and prints the first screen: the three
/// behaviours that define the lab, a verdict per topic, and what to type next. `all` prints
/// every report; `list` the library's files.
int library(const library_options& opts);

} // namespace tokenlab::cli
