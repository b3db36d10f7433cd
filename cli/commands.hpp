#pragma once
// The `tokenlab` commands, apart from option parsing: load scenarios, run them, write the
// reports. Exit codes: 0 all expectations held, 1 an expectation failed, 2 bad input
// (unreadable or malformed scenario, bad option): then nothing is run and no file written.

#include "reports/render.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tokenlab::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_bad_input = 2;

struct run_options {
  std::vector<std::string> files;
  report_format format = report_format::text;
  std::optional<std::string> output; ///< write the report here instead of stdout
};

/// `tokenlab run`: prints (or writes) the reports of all files.
int run(const run_options& opts);

/// `tokenlab check`: runs the files and prints only the expectations' verdicts.
int check(const std::vector<std::string>& files);

} // namespace tokenlab::cli
