#include "model/go_text.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

namespace tokenlab {

std::string render_reports(const std::vector<run_record>& runs, report_format f,
                           report_detail d) {
  // Scenario text reaches the terminal through the report: printable() keeps it from moving
  // the cursor or filling the screen with one 10 MB word (JSON escapes on its own).
  switch (f) {
    case report_format::text: return printable(render_text(runs, d));
    case report_format::markdown: return printable(render_markdown(runs, d));
    case report_format::json: return render_json(runs);
    case report_format::trace: return render_trace(runs);
    case report_format::html: return render_html(runs, d); // escapes text on its own
    case report_format::junit: return render_junit(runs);
  }
  return printable(render_text(runs, d));
}

namespace {

std::string render_check_text(const std::vector<run_record>& runs) {
  std::string out;
  for (const auto& run : runs) {
    for (const auto& step : run.steps)
      for (const auto& x : step.expectations)
        if (!x.passed)
          out += expectation_problem(run, step, x) + "\n";
    const report_totals t = run_totals(run);
    if (t.failed == 0 && t.open == 0)
      out += "PASS " + run.file + " (" + count_of(t.expectations, "expectation", "expectations") +
             ")\n";
    else
      out += "FAIL " + run.file + " (" + std::to_string(t.failed) + " of " +
             std::to_string(t.expectations) + " failed" +
             (t.open > 0 ? ", " + std::to_string(t.open) + " unanswered" : "") + ")\n";
  }
  const report_totals t = total(runs);
  out += verdict_counts(t.passed, t.failed, t.open) + "\n";
  return out;
}

} // namespace

std::string render_check(const std::vector<run_record>& runs) {
  return printable(render_check_text(runs));
}

} // namespace tokenlab
