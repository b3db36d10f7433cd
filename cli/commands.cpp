#include "cli/commands.hpp"

#include "language/parser.hpp"
#include "runner/runner.hpp"

#include "clock/calendar.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace tokenlab::cli {

namespace {

// Parses every file before running any, so that one bad file stops the whole invocation.
std::optional<std::vector<scenario>> load_all(const std::vector<std::string>& files) {
  std::vector<scenario> out;
  for (const auto& f : files) {
    auto r = load_scenario(f);
    if (auto err = std::get_if<parse_error>(&r)) {
      std::cerr << err->render() << "\n";
      return std::nullopt;
    }
    out.push_back(std::move(std::get<scenario>(r)));
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

// Writes through a temporary file renamed into place: never a half-written report.
bool write_atomically(const std::string& path, const std::string& text) {
  auto tmp = path + ".tmp";
  {
    std::ofstream out{tmp, std::ios::binary | std::ios::trunc};
    if (!out || !(out << text) || !out.flush()) {
      std::cerr << "tokenlab: cannot write " << path << "\n";
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::cerr << "tokenlab: cannot write " << path << "\n";
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

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

std::vector<run_record> run_all(const std::vector<scenario>& scenarios) {
  std::vector<run_record> runs;
  runs.reserve(scenarios.size());
  for (const auto& sc : scenarios)
    runs.push_back(run_scenario(sc, progress_bar(sc.file)));
  return runs;
}

} // namespace

int run(const run_options& opts) {
  auto scenarios = load_all(opts.files);
  if (!scenarios)
    return exit_bad_input;
  auto runs = run_all(*scenarios);
  auto text = render_reports(runs, opts.format);
  if (opts.output) {
    if (!write_atomically(*opts.output, text))
      return exit_bad_input;
  } else {
    std::cout << text;
  }
  return all_passed(runs) ? exit_ok : exit_failed;
}

int check(const std::vector<std::string>& files) {
  auto scenarios = load_all(files);
  if (!scenarios)
    return exit_bad_input;
  auto runs = run_all(*scenarios);
  std::cout << render_check(runs);
  return all_passed(runs) ? exit_ok : exit_failed;
}

} // namespace tokenlab::cli
