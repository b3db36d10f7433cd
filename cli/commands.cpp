#include "cli/commands.hpp"

#include "cli/files.hpp"
#include "cli/shared.hpp"

#include "language/parser.hpp"
#include "runner/runner.hpp"

#include "clock/calendar.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace tokenlab::cli {

std::optional<std::vector<scenario>> load_all(const std::vector<std::string>& files,
                                              const fleet_budget& budget) {
  std::vector<scenario> out;
  for (const auto& f : files) {
    auto r = f == stdin_name ? load_scenario_stream(stdin, stdin_label) : load_scenario(f);
    if (auto err = std::get_if<parse_error>(&r)) {
      std::cerr << err->render() << "\n";
      return std::nullopt;
    }
    auto& sc = std::get<scenario>(r);
    if (auto err = check_budget(sc, budget)) {
      std::cerr << err->render() << "\n";
      return std::nullopt;
    }
    if (sc.steps.empty())
      std::cerr << f << ": warning: no steps and no expectations: nothing to run\n";
    out.push_back(std::move(sc));
  }
  return out;
}

bool all_passed(const std::vector<run_record>& runs) {
  for (const auto& r : runs)
    for (const auto& s : r.steps)
      for (const auto& e : s.expectations)
        if (!e.passed)
          return false;
  return true;
}

namespace {

// A progress bar on stderr while a fleet's long time step runs, when stderr is a terminal;
// the report never shows it.
progress_fn progress_bar(const std::string& file) {
  if (!isatty(STDERR_FILENO))
    return {};
  return [file](sim_time at, sim_time from, sim_time to) {
    const auto span = (to - from).count();
    const int percent = span > 0 ? static_cast<int>(100 * (at - from).count() / span) : 100;
    const int width = 30;
    const int filled = percent * width / 100;
    std::cerr << "\r" << file << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << percent
              << "% " << format_offset(at) << (at >= to ? "\n" : "") << std::flush;
  };
}

} // namespace

bool invariants_on() {
  const char* v = std::getenv("TOKENLAB_INVARIANTS");
  return v == nullptr || std::strcmp(v, "off") != 0;
}

void stop_on_violation(const run_record& r) {
  if (r.violations.empty())
    return;
  for (const auto& v : r.violations)
    std::cerr << "tokenlab: internal error: " << v.render() << "\n";
  std::cerr << "tokenlab: the simulated Vault broke an invariant, so this run's report cannot "
               "be trusted and is not printed; please report it with the scenario\n";
  std::exit(exit_internal);
}

std::vector<run_record> run_all(const std::vector<scenario>& scenarios) {
  std::vector<run_record> runs;
  runs.reserve(scenarios.size());
  for (const auto& sc : scenarios) {
    runs.push_back(run_scenario(sc, tokenlab::run_options{progress_bar(sc.file), invariants_on()}));
    stop_on_violation(runs.back());
  }
  return runs;
}

bool emit(const std::string& text, const std::optional<std::string>& output) {
  if (!output) {
    std::cout << text << std::flush;
    return true;
  }
  std::string error;
  if (write_file(*output, text, error))
    return true;
  std::cerr << "tokenlab: " << error << "\n";
  return false;
}

int run(const run_options& opts) {
  if (opts.output)
    if (auto error = check_output(*opts.output, opts.files)) {
      std::cerr << "tokenlab: " << *error << "\n";
      return exit_bad_input;
    }
  auto scenarios = load_all(opts.files, opts.budget);
  if (!scenarios)
    return exit_bad_input;
  auto runs = run_all(*scenarios);
  if (!emit(render_reports(runs, opts.format, opts.detail), opts.output))
    return exit_bad_input;
  return all_passed(runs) ? exit_ok : exit_failed;
}

int check_scenarios(const std::vector<std::string>& files) {
  auto scenarios = load_all(files);
  if (!scenarios)
    return exit_bad_input;
  auto runs = run_all(*scenarios);
  std::cout << render_check(runs);
  return all_passed(runs) ? exit_ok : exit_failed;
}

} // namespace tokenlab::cli
