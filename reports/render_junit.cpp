// JUnit XML, the format CI servers read test results in (Jenkins, GitLab, GitHub actions that
// publish test reports): the scenario library as a regression suite of Vault's behaviour.
// Each run is a <testsuite> and each expectation a <testcase>; a failed expectation carries
// the same `file:line:col: expectation failed: …` line as `tokenlab check`. Attributes that
// vary between runs of the same scenario (wall-clock time, host name) are left out.

#include "reports/markup.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

namespace tokenlab {

namespace {

std::string counts_attributes(const report_totals& c) {
  return " tests=\"" + std::to_string(c.expectations) + "\" failures=\"" +
         std::to_string(c.failed) + "\" errors=\"0\" skipped=\"" + std::to_string(c.open) + "\"";
}

// A dotted class name from the file (`scenarios/renewal/x.vlab` → `scenarios.renewal.x`), as
// CI servers group test cases by their dots.
std::string class_name(std::string file) {
  if (file.rfind("./", 0) == 0)
    file.erase(0, 2);
  file.erase(0, file.find_first_not_of('/'));
  const auto slash = file.rfind('/');
  const auto dot = file.rfind('.');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash) && dot > 0)
    file.erase(dot);
  for (auto& c : file)
    if (c == '/')
      c = '.';
  return file;
}

std::string attribute(const char* name, std::string_view value) {
  return std::string{" "} + name + "=\"" + xml_escape(value) + "\"";
}

std::string testcase(const run_record& run, const step_record& s, const expectation_record& x) {
  const std::string file = s.loc.file.empty() ? run.file : s.loc.file;
  std::string out = "    <testcase" +
                    attribute("name", "line " + std::to_string(s.loc.line) + ": " + x.text) +
                    attribute("classname", class_name(run.file)) + attribute("file", file) +
                    attribute("line", std::to_string(s.loc.line));
  if (x.passed)
    return out + "/>\n";
  if (x.open)
    return out + ">\n      <skipped" + attribute("message", expectation_problem(run, s, x)) +
           "/>\n    </testcase>\n";
  return out + ">\n      <failure" + attribute("message", "actual: " + x.actual) +
         attribute("type", "expectation") + ">" + xml_escape(expectation_problem(run, s, x)) +
         "</failure>\n    </testcase>\n";
}

} // namespace

std::string render_junit(const std::vector<run_record>& runs) {
  std::string suites;
  for (const auto& run : runs) {
    const report_totals c = run_totals(run);
    suites += "  <testsuite" + attribute("name", run.file) + counts_attributes(c) + ">\n";
    suites += "    <properties>\n";
    suites += "      <property name=\"title\"" + attribute("value", run.title) + "/>\n";
    suites += "      <property name=\"seed\"" + attribute("value", std::to_string(run.seed)) +
              "/>\n";
    suites += "    </properties>\n";
    for (const auto& s : run.steps)
      for (const auto& x : s.expectations)
        suites += testcase(run, s, x);
    suites += "    <system-out>" + xml_escape(render_brief(run)) + "</system-out>\n";
    suites += "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tokenlab\"" +
         counts_attributes(total(runs)) + ">\n" + suites + "</testsuites>\n";
}

} // namespace tokenlab
