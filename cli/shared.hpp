#pragma once
// What the commands of cli/ share: loading and running scenarios, writing what they print.

#include "language/parser.hpp"
#include "reports/run_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tokenlab::cli {

/// The file name that means standard input (`tokenlab run -`), and how reports name it.
inline constexpr const char* stdin_name = "-";
inline constexpr const char* stdin_label = "<stdin>";

/// Parses every file before running any, so that one bad file stops the whole invocation
/// (its error goes to stderr). `-` reads standard input (see load_scenario_stream).
std::optional<std::vector<scenario>> load_all(const std::vector<std::string>& files,
                                              const fleet_budget& budget = {});

/// Runs the scenarios in order, with a progress bar on a terminal for long fleets, checking
/// the invariants unless TOKENLAB_INVARIANTS=off. A broken invariant is an internal error:
/// its message goes to stderr and the process exits with exit_internal (3), printing nothing.
std::vector<run_record> run_all(const std::vector<scenario>& scenarios);

/// Whether to check the invariants: yes, unless TOKENLAB_INVARIANTS=off.
bool invariants_on();

/// When `r` broke an invariant, says so on stderr and exits with exit_internal.
void stop_on_violation(const run_record& r);

/// Whether every expectation of every run held.
bool all_passed(const std::vector<run_record>& runs);

/// Prints `text`, or writes it to `output` whole (see write_file); false (with a message on
/// stderr) when it cannot be written.
bool emit(const std::string& text, const std::optional<std::string>& output);

/// `tokenlab check` of plain scenarios: the verdicts, then the totals.
int check_scenarios(const std::vector<std::string>& files);

} // namespace tokenlab::cli
