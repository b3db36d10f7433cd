// `tokenlab library`: the scenario library from the newcomer's side. Its first screen
// (what `./lab run` prints) replays the whole library and fits on one screen: the three
// behaviours that define the lab, at a glance; a verdict per topic; what to type next.
// `--all` prints every report, `--list` the files.
//
// The library is every `<topic>/*.vlab` under scenarios/, but the capacity scenarios
// (`capacity/`), which run for minutes and are started by name (tests/golden.cmake uses
// the same rule).

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/shared.hpp"

#include "reports/narrate.hpp"
#include "reports/summary.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

namespace tokenlab::cli {

namespace {

namespace fs = std::filesystem;

// The topics whose scenarios are left out of a library run: fleets, most of them minutes long.
constexpr const char* long_topics[] = {"capacity"};

// The topics in the order the course teaches them; others follow, alphabetically.
constexpr const char* topic_order[] = {
  "basics", "renewal", "max-ttl",      "periodic", "use-limits", "token-tree", "accessors",
  "leases", "secrets", "auth-methods", "identity", "batch",      "capacity"};

std::size_t rank(const std::string& topic) {
  const auto* it = std::find(std::begin(topic_order), std::end(topic_order), topic);
  return static_cast<std::size_t>(it - std::begin(topic_order));
}

// The documented examples the lab was made to replay, in the order of the README.
constexpr const char* defining[] = {"renewal/renew-capped-by-max-ttl-6h-9h.vlab",
                                    "max-ttl/mount-tune-shrinks-max-ttl-7157.vlab",
                                    "leases/parent-revocation-kills-aws-leases.vlab"};

bool is_long(const std::string& topic) {
  return std::find(std::begin(long_topics), std::end(long_topics), topic) != std::end(long_topics);
}

struct shelf {
  std::string topic;
  std::vector<std::string> files; ///< "<root>/<topic>/<name>.vlab", sorted
};

std::vector<shelf> shelves(const std::string& root) {
  std::vector<shelf> out;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(root, ec)) {
    if (!dir.is_directory())
      continue;
    shelf s{dir.path().filename().string(), {}};
    for (const auto& f : fs::directory_iterator(dir.path(), ec))
      if (f.is_regular_file() && f.path().extension() == ".vlab")
        s.files.push_back(root + "/" + s.topic + "/" + f.path().filename().string());
    std::sort(s.files.begin(), s.files.end());
    if (!s.files.empty())
      out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const shelf& a, const shelf& b) {
    return std::make_pair(rank(a.topic), a.topic) < std::make_pair(rank(b.topic), b.topic);
  });
  return out;
}

std::string pad(std::string s, std::size_t width) {
  s.append(s.size() < width ? width - s.size() : 1, ' ');
  return s;
}

int first_screen(const std::string& root, const std::vector<shelf>& all,
                 const std::vector<run_record>& runs) {
  std::string out =
    "tokenlab replays HashiCorp Vault's tokens and leases on a virtual clock. The three\n"
    "behaviours the lab was made for, replayed just now (the steps it explains):\n\n";
  for (const char* name : defining)
    for (const auto& r : runs)
      if (r.file == root + "/" + name)
        out += render_brief(r, 0, brief_scope::highlights) + "\n";
  std::map<std::string, report_totals> by_topic;
  for (const auto& r : runs)
    by_topic[fs::path(r.file).parent_path().filename().string()] += run_totals(r);
  out += "The library (" + root + "/README.md), replayed just now:\n";
  for (const auto& s : all) {
    out += "  " + pad(s.topic, 14) + pad(count_of(static_cast<std::int64_t>(s.files.size()), "scenario", "scenarios"), 14);
    if (is_long(s.topic)) {
      out += "not replayed here: fleets, most minutes long; run one by name\n";
      continue;
    }
    const auto& t = by_topic[s.topic];
    out += (t.failed + t.open == 0 ? "✓ " + count_of(t.passed, "expectation", "expectations") + " held"
                                   : "✗ " + verdict_counts(t.passed, t.failed, t.open)) +
           "\n";
  }
  out += "  " + totals_line(total(runs)) + "\n\n";
  out += "Next:\n"
         "  ./lab lesson 1     start the course: 12 lessons of about 10 minutes, with exercises\n"
         "  ./lab shell        try commands one at a time, with undo, back and save\n"
         "  ./lab run --all    every report of the library, step by step\n"
         "  ./lab run FILE     one scenario's report, e.g. " + root + "/" + defining[0] + "\n";
  std::cout << out;
  return all_passed(runs) ? exit_ok : exit_failed;
}

} // namespace

int library(const library_options& opts) {
  const auto root = library_root(opts.dir);
  if (!root) {
    std::cerr << "tokenlab: " << (opts.dir ? *opts.dir + " is not a folder" : "no scenarios/ folder here")
              << "; run tokenlab from the repository's root, or give --dir DIR\n";
    return exit_bad_input;
  }
  const auto all = shelves(*root);
  std::vector<std::string> files;
  for (const auto& s : all)
    if (!is_long(s.topic))
      files.insert(files.end(), s.files.begin(), s.files.end());
  if (opts.list) {
    for (const auto& f : files)
      std::cout << f << "\n";
    return exit_ok;
  }
  auto scenarios = load_all(files);
  if (!scenarios)
    return exit_bad_input;
  const auto runs = run_all(*scenarios);
  if (opts.all || opts.format != report_format::text) { // a format asks for the reports
    std::cout << render_reports(runs, opts.format, opts.detail);
    return all_passed(runs) ? exit_ok : exit_failed;
  }
  return first_screen(*root, all, runs);
}

} // namespace tokenlab::cli
