// The text report: what a terminal shows for `tokenlab run`. Layout per run:
//
//   scenario <file>: <title>
//     source  <url>            (one line per source)
//     seed    <n>
//     epoch   <RFC 3339>
//     config  default_lease_ttl <d>, max_lease_ttl <d>
//
//   [<n>] <time>  <file:line>  <step text>
//       $ <resolved command>          (vault steps: the command, then the CLI output,
//       <CLI output>                   both indented by 4)
//     <narrative>                     (note steps)
//     effects:
//       #<seq> <time> <kind> <subject> (<in words>)
//          why <ttl>: <the TTL formula>
//       storage: <writes and deletes by prefix>
//     ✓ PASS <expectation> (actual: <value>)
//
//   summary of <file>
//     tokens        …
//
// and after all runs one line `N scenarios, M expectations: P passed, F failed`.
// Blank lines carry no indentation, so no line ends in a space.
//
// At story detail a step's heading is `<time>  <step text>` (no number, no place), effects
// have no sequence number and leave out the machinery (storage, timers, the revocation that
// follows an expiry), an expectation is one verdict line under the step before it, and the
// summary is its expectations line. Brief detail is
// render_brief (render_brief.cpp).

#include "clock/calendar.hpp"
#include "reports/cli_output.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

// Appends `text` with every non-empty line indented by `indent` spaces.
void append_indented(std::string& out, const std::string& text, std::size_t indent) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos)
      end = text.size();
    if (end > pos)
      out.append(indent, ' ').append(text, pos, end - pos);
    out += '\n';
    pos = end + 1;
  }
}

void write_header(std::string& out, const run_record& run) {
  out += "scenario " + run.file;
  if (!run.title.empty())
    out += ": " + run.title;
  out += "\n";
  for (const auto& s : run.sources)
    out += "  source  " + s + "\n";
  out += "  seed    " + std::to_string(run.seed) + "\n";
  out += "  epoch   " + format_rfc3339(sim_time{}, run.epoch_unix) + "\n";
  out += "  config  " + config_text(run.config) + "\n";
}

void write_effects(std::string& out, const run_record& run, const step_record& s, bool full) {
  const std::string storage = full ? storage_line(s.effects) : std::string{};
  // Full detail lists every event but storage (summed up in one line); story, the story.
  const auto effects = listed_effects(run, s, full);
  if (effects.empty() && storage.empty())
    return;
  out += "  effects:\n";
  for (const auto& e : effects) {
    out += "    " + e.text + "\n";
    if (!e.why.empty())
      out += "       " + e.why + "\n";
  }
  if (!storage.empty())
    out += "    " + storage + "\n";
}

void write_step(std::string& out, const run_record& run, const step_record& s, std::size_t n,
                bool full) {
  if (full)
    out += "[" + std::to_string(n) + "] " + step_time(s) + "  " + step_place(run, s);
  else if (s.kind != step_kind::note)
    out += step_time(s);
  if (s.kind != step_kind::note && !s.text.empty())
    out += "  " + s.text;
  if (full || s.kind != step_kind::note)
    out += "\n";
  if (s.kind == step_kind::note)
    append_indented(out, s.note.empty() ? s.text : s.note, 2);
  if (s.kind == step_kind::fleet || s.kind == step_kind::restart)
    append_indented(out, s.note, 4);
  if (s.call) {
    out += "    $ " + s.call->resolved + "\n";
    if (!s.call->served.empty())
      out += "    on " + s.call->node + ": " + s.call->served + "\n";
    append_indented(out, render_cli_output(*s.call), 4);
  }
  write_effects(out, run, s, full);
  for (const auto& x : s.expectations)
    out += "  " + expectation_verdict(x) + "\n";
}

// A fleet's closing lines (COUNTS, DETAIL, LAB) under `fleet NAME`.
void write_fleets(std::string& out, const run_record& run, const std::string& indent) {
  for (const auto& f : run.fleets) {
    out += indent + "fleet " + f.name + "\n";
    for (const auto& l : f.lines)
      out += indent + "  " + l + "\n";
  }
}

void write_summary(std::string& out, const run_record& run) {
  const run_summary s = summarize(run);
  auto n = [](std::int64_t v) { return std::to_string(v); };
  out += "summary of " + run.file + "\n";
  out += "  tokens        " + n(s.tokens_created) + " created, " + n(s.tokens_renewed) +
         " renewed, " + n(s.tokens_revoked) + " revoked, " + n(s.tokens_expired) + " expired\n";
  out += "  leases        " + n(s.leases_created) + " created, " + n(s.leases_renewed) +
         " renewed, " + n(s.leases_revoked) + " revoked, " + n(s.leases_expired) + " expired\n";
  for (const auto& [mount, c] : s.leases) {
    std::string label = "    " + mount;
    label.append(label.size() < 23 ? 23 - label.size() : 1, ' ');
    out += label + n(c.created) + " created, " + n(c.renewed) + " renewed, " + n(c.revoked) +
           " revoked, " + n(c.expired) + " expired, " + n(c.live) + " live\n";
  }
  out += "  credentials   " + n(s.credentials_created) + " created, " + n(s.credentials_deleted) +
         " deleted\n";
  out += "  storage       " + count_of(s.storage_writes, "write", "writes") + ", " +
         count_of(s.storage_deletes, "delete", "deletes") + "\n";
  std::size_t widest = 0;
  for (const auto& entry : s.storage)
    widest = std::max(widest, entry.first.size());
  for (const auto& [prefix, c] : s.storage)
    out += "    " + prefix + std::string(widest - prefix.size() + 2, ' ') +
           count_of(c.writes, "write", "writes") + ", " + count_of(c.deletes, "delete", "deletes") +
           "\n";
  out += "  expectations  " +
         verdict_counts(s.expectations_passed, s.expectations_failed, s.expectations_open) + "\n";
  write_fleets(out, run, "  ");
}

} // namespace

std::string render_text_steps(const run_record& run, std::size_t first, report_detail d) {
  const bool full = d == report_detail::full;
  std::string out;
  for (std::size_t i = first; i < run.steps.size(); ++i) {
    const step_record& s = run.steps[i];
    if (folded_into_previous(s, full)) {
      for (const auto& x : s.expectations)
        out += "  " + expectation_verdict(x) + "\n";
      continue;
    }
    out += "\n";
    write_step(out, run, s, i + 1, full);
  }
  return out;
}

std::string render_text(const std::vector<run_record>& runs, report_detail d) {
  if (d == report_detail::brief) {
    std::string out;
    for (const auto& run : runs)
      out += render_brief(run) + "\n";
    return out + totals_line(total(runs)) + "\n";
  }
  const bool full = d == report_detail::full;
  std::string out;
  for (const auto& run : runs) {
    write_header(out, run);
    out += render_text_steps(run, 0, d);
    out += "\n";
    if (full) {
      write_summary(out, run);
    } else {
      const run_summary s = summarize(run);
      out += "expectations  " +
             verdict_counts(s.expectations_passed, s.expectations_failed, s.expectations_open) +
             "\n";
      write_fleets(out, run, "");
    }
    out += "\n";
  }
  out += totals_line(total(runs)) + "\n";
  return out;
}

} // namespace tokenlab
