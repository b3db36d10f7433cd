#include "tests/fuzz/entry_points.hpp"

#include "language/parser.hpp"
#include "reports/render.hpp"
#include "runner/runner.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

namespace tokenlab::fuzz {

void finding(std::string_view what) {
  std::fprintf(stderr, "tokenlab fuzz finding: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

namespace {

// A parse error must point somewhere and say something; its location names the file.
verdict judge(const parse_result& r, const char* file) {
  if (const auto* err = std::get_if<parse_error>(&r)) {
    if (err->message.empty())
      finding("a parse error without a message at " + err->render());
    if (err->loc.file != file || err->loc.line < 0 || err->loc.col < 0)
      finding("a parse error at a bad location: " + err->render());
    return verdict::refused;
  }
  return verdict::parsed;
}

bool small_enough(const scenario& sc, std::size_t bytes) {
  if (bytes > max_run_bytes || sc.steps.size() > max_run_steps)
    return false;
  for (const auto& s : sc.steps)
    if (std::holds_alternative<fleet_step>(s.body))
      return false;
  return true;
}

} // namespace

verdict line_language(std::string_view input) {
  return judge(parse_scenario_text(input, "fuzz.vlab"), "fuzz.vlab");
}

verdict json_form(std::string_view input) {
  return judge(parse_scenario_json(input, "fuzz.json"), "fuzz.json");
}

verdict parse_and_run(std::string_view input) {
  auto parsed = parse_scenario_text(input, "fuzz.vlab");
  if (judge(parsed, "fuzz.vlab") == verdict::refused)
    return verdict::refused;
  const auto& sc = std::get<scenario>(parsed);
  if (!small_enough(sc, input.size()))
    return verdict::skipped;
  const run_record rec = run_scenario(sc);
  if (!rec.violations.empty())
    finding("invariant violated: " + rec.violations.front().render());
  const std::string report = render_reports({rec}, report_format::text, report_detail::full);
  if (report.empty())
    finding("an empty report");
  return verdict::ran;
}

} // namespace tokenlab::fuzz
