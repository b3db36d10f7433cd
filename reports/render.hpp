#pragma once
// The reports of one `tokenlab` invocation: the story of each scenario run, step by step
// (virtual time, the command, the CLI's output, what it caused in the simulated Vault and
// why, each expectation's verdict), a closing summary per run and a totals line.
//
// Three formats: text for terminals, Markdown for handouts, JSON for machines. All are
// deterministic: the same runs give the same bytes (golden tests compare them), with no
// pointers, wall-clock times or hash-map order. `render_check` is the terse form for
// `tokenlab check`: failures as `file:line:col: …` and one verdict line per file.

#include "reports/run_record.hpp"

#include <string>
#include <vector>

namespace tokenlab {

enum class report_format { text, markdown, json };

/// Renders the reports of all `runs` in format `f`.
std::string render_reports(const std::vector<run_record>& runs, report_format f);

/// Renders the text report (per run: header, steps, summary; then the totals line).
std::string render_text(const std::vector<run_record>& runs);

/// Renders the Markdown handout (one top-level heading per scenario).
std::string render_markdown(const std::vector<run_record>& runs);

/// Renders the JSON record: {"format": "tokenlab-report", "version": 1, "runs": [...],
/// "totals": {...}}, indented by 2, with a final newline.
std::string render_json(const std::vector<run_record>& runs);

/// Renders the check output: `file:line:col: expectation failed: <text> (actual: <a>)`
/// for each failed expectation, `PASS <file> (k expectations)` or `FAIL <file> (j of k
/// failed)` per run, and last `P passed, F failed`.
std::string render_check(const std::vector<run_record>& runs);

} // namespace tokenlab
