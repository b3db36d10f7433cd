#pragma once
// The three entry points the fuzz targets drive (docs/reliability.md, Fuzzing):
// the line language, the JSON form, and parse-and-run of a small scenario under the
// invariant checker. The libFuzzer targets (fuzz_*.cpp, built with clang by
// -DTOKENLAB_FUZZ=ON) and the unit tests' replay of tests/fuzz/regressions/ (g++, the normal
// build) call the same functions, so a crash the fuzzer found is replayed by every test run.

#include <cstddef>
#include <string_view>

namespace tokenlab::fuzz {

/// What an input became at an entry point.
enum class verdict {
  parsed,  ///< a scenario
  refused, ///< a parse_error with a location and a message
  ran,     ///< parsed and run (parse_and_run only)
  skipped, ///< parsed, but too large for parse_and_run's budget
};

/// The most steps parse_and_run runs; a larger scenario is parsed only.
inline constexpr std::size_t max_run_steps = 50;
/// The largest input parse_and_run takes; a larger one is parsed only.
inline constexpr std::size_t max_run_bytes = 32768;

/// Parses `input` as the line language. A parse error must say where and what.
verdict line_language(std::string_view input);

/// Parses `input` as the JSON form.
verdict json_form(std::string_view input);

/// Parses `input` as the line language and, when it is small (no fleet, at most
/// max_run_steps steps, at most max_run_bytes), runs it with the invariant checker and
/// renders its report. A violated invariant aborts, with the step and the invariant on stderr.
verdict parse_and_run(std::string_view input);

/// Aborts the process with `what` on stderr: a finding of the fuzzer.
[[noreturn]] void finding(std::string_view what);

} // namespace tokenlab::fuzz
