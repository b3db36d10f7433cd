#pragma once
// The reports of one `tokenlab` invocation: the story of each scenario run, step by step
// (virtual time, the command, the CLI's output, what it caused in the simulated Vault and
// why, each expectation's verdict), a closing summary per run and a totals line.
//
// Six formats: text for terminals, Markdown for handouts, JSON for machines, the Chrome
// trace of every token's and lease's life for Perfetto, a self-contained HTML page with an
// SVG timeline of those lives and the token tree after each step, and JUnit XML for CI. All are
// deterministic: the same runs give the same bytes (golden tests compare them), with no
// pointers, wall-clock times or hash-map order. `render_check` is the terse form for
// `tokenlab check`: failures as `file:line:col: …` and one verdict line per file.

#include "reports/run_record.hpp"

#include <string>
#include <vector>

namespace tokenlab {

enum class report_format { text, markdown, json, trace, html, junit };

/// How much of a run a report shows (`tokenlab run --detail`). JSON is always full.
enum class report_detail {
  full,  ///< every step numbered with its place, every effect with its sequence number,
         ///< the storage lines, the summary: what an engineer checks
  story, ///< for reading and handouts: the same story without the machinery (no step
         ///< numbers or places, no event numbers, no storage lines, expectations folded
         ///< under the step they check, only the verdict line of the summary)
  brief, ///< one line per step that did something, its outcome and the TTL arithmetic;
         ///< notes and passing expectations left out: a run at a glance
};

/// Renders the reports of all `runs` in format `f` at detail `d`.
std::string render_reports(const std::vector<run_record>& runs, report_format f,
                           report_detail d = report_detail::full);

/// Renders the text report (per run: header, steps, summary; then the totals line).
std::string render_text(const std::vector<run_record>& runs,
                        report_detail d = report_detail::full);

/// Renders the steps of `run` from index `first` on as the text report shows them at detail
/// full or story (each step after a blank line): what `tokenlab shell` prints after a step.
std::string render_text_steps(const run_record& run, std::size_t first,
                              report_detail d = report_detail::full);

/// Renders the Markdown handout (one top-level heading per scenario).
std::string render_markdown(const std::vector<run_record>& runs,
                            report_detail d = report_detail::full);

/// Which steps a brief report shows.
enum class brief_scope {
  every_step, ///< every step that did something
  highlights, ///< only the steps the lab has something to explain about: a capped or fixed
              ///< TTL, something ended, an error, a failed expectation
};

/// Renders one run at brief detail: its title and file, then per step that did something
/// one line `<time>  <step>  → <outcome>`, with its TTL explanations and what it ended
/// (tokens, leases, credentials) beneath, failed expectations in full, and a last line
/// with the verdict. Lines are indented by `indent` spaces.
std::string render_brief(const run_record& run, std::size_t indent = 0,
                         brief_scope scope = brief_scope::every_step);

/// Renders the Chrome trace (Trace Event Format JSON, for Perfetto UI or chrome://tracing):
/// a process per run, a track per token family, each token and lease a complete event from
/// its creation to its end, renewals and max-TTL deadlines as instant events.
std::string render_trace(const std::vector<run_record>& runs);

/// Renders the HTML page (render_html.cpp): per run its steps as the text report tells them,
/// an SVG timeline of every token's and lease's life (bars grouped by token family, coloured
/// by how each ended, renewals and max-TTL deadlines marked, a tooltip with its why lines),
/// the token tree after each step, and the summary; a run with more than 300 lives, or a
/// fleet, gets a chart of live counts instead. Inline CSS and JavaScript only, no network.
std::string render_html(const std::vector<run_record>& runs,
                        report_detail d = report_detail::full);

/// Renders JUnit XML for CI: a testsuite per run (named by its file), a testcase per
/// expectation (failed ones with a <failure> saying what the lab found, unanswered predictions
/// <skipped>), the run's brief report as the suite's <system-out>. No wall-clock times: the
/// same runs give the same bytes.
std::string render_junit(const std::vector<run_record>& runs);

/// Renders the JSON record: {"format": "tokenlab-report", "version": 1, "runs": [...],
/// "totals": {...}}, indented by 2, with a final newline.
std::string render_json(const std::vector<run_record>& runs);

/// Renders the check output: `file:line:col: expectation failed: <text> (actual: <a>)`
/// for each failed expectation, `PASS <file> (k expectations)` or `FAIL <file> (j of k
/// failed)` per run, and last `P passed, F failed`.
std::string render_check(const std::vector<run_record>& runs);

} // namespace tokenlab
