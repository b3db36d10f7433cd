// The Markdown report: a handout. Per scenario a `#` heading with its title, a line of
// facts (file, seed, epoch, config) and its sources; per step a `###` heading numbered as
// in the text report, the time and place, the terminal session in a ```console block,
// the effects as a list (each with its TTL explanation beneath), the storage line and the
// verdicts; then two Mermaid pictures (the lives of tokens and leases, the token tree) and a
// summary table. The last line gives the totals of all scenarios.
//
// At story detail (a handout for a class) a step's heading is its time and text, notes are
// paragraphs, effects have no sequence number and leave out the machinery (storage, timers,
// the revocation that follows an expiry), the summary tables are left out, and an
// expectation is a verdict line under the step it checks. At brief detail
// each run is its brief report in a text block.

#include "clock/calendar.hpp"
#include "reports/cli_output.hpp"
#include "reports/lifetimes.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

#include <algorithm>
#include <map>

namespace tokenlab {

namespace {

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Escapes what CommonMark would read as markup; underscores only where they could open or
// close emphasis (not inside words such as max_ttl).
std::string escape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      const bool inner = i > 0 && i + 1 < s.size() && is_word(s[i - 1]) && is_word(s[i + 1]);
      if (!inner)
        out += '\\';
    } else if (c == '*' || c == '`' || c == '<' || c == '[' || c == ']' || c == '|' || c == '\\' ||
               (i == 0 && (c == '#' || c == '>' || c == '-' || c == '+'))) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

// An inline code span that survives backticks in `s`.
std::string code(const std::string& s) {
  if (s.empty())
    return "`\"\"`";
  if (s.find('`') == std::string::npos)
    return "`" + s + "`";
  return "`` " + s + " ``";
}

// A table cell: GFM splits cells at every `|` not escaped, even inside a code span.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

// A fence longer than any backtick run in `body`.
std::string fence_for(const std::string& body) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void write_header(std::string& out, const run_record& run) {
  out += "# " + escape(run.title.empty() ? run.file : run.title) + "\n\n";
  out += code(run.file) + " · seed " + std::to_string(run.seed) + " · epoch " +
         format_rfc3339(sim_time{}, run.epoch_unix) + " · " + escape(config_text(run.config)) +
         "\n\n";
  if (!run.sources.empty()) {
    out += "Sources:\n\n";
    for (const auto& s : run.sources)
      out += "- " + escape(s) + "\n";
    out += "\n";
  }
}

void write_verdicts(std::string& out, const step_record& s) {
  for (const auto& x : s.expectations)
    out += x.open ? "- ? **OPEN** " + code(x.text) + " (" + std::string{open_advice} + ")\n"
                  : std::string{x.passed ? "- ✓ **PASS** " : "- ✗ **FAIL** "} + code(x.text) +
                      " (actual: " + code(x.actual) + ")\n";
  if (!s.expectations.empty())
    out += "\n";
}

void write_step(std::string& out, const run_record& run, const step_record& s, std::size_t n,
                bool full) {
  if (full) {
    out += "### " + std::to_string(n) + ". ";
    out += s.kind == step_kind::note ? std::string{"Note"} : code(s.text);
    out += "\n\n" + step_time(s) + " · " + code(step_place(run, s)) + "\n\n";
  } else if (s.kind != step_kind::note) {
    out += "### " + step_time(s) + " · " + code(s.text) + "\n\n";
  }
  if (s.kind == step_kind::note)
    out += escape(s.note.empty() ? s.text : s.note) + "\n\n";
  if (s.kind == step_kind::fleet || s.kind == step_kind::restart)
    out += escape(s.note) + "\n\n";
  if (s.call) {
    if (!s.call->served.empty())
      out += "On " + code(s.call->node) + ": " + escape(s.call->served) + ".\n\n";
    const std::string body = "$ " + s.call->resolved + "\n" + render_cli_output(*s.call);
    const std::string fence = fence_for(body);
    out += fence + "console\n" + body + fence + "\n\n";
  }
  const auto effects = listed_effects(run, s, full);
  if (!effects.empty())
    out += "Effects:\n\n";
  for (const auto& e : effects) {
    out += "- " + code(e.text) + "\n";
    if (!e.why.empty())
      out += "  - " + escape(e.why) + "\n";
  }
  if (!effects.empty())
    out += "\n";
  const std::string storage = full ? storage_line(s.effects) : std::string{};
  if (!storage.empty())
    out += escape(storage) + "\n\n";
  write_verdicts(out, s);
}

void write_summary(std::string& out, const run_summary& s) {
  auto n = [](std::int64_t v) { return std::to_string(v); };
  out += "## Summary\n\n";
  out += "| | created | renewed | revoked | expired |\n";
  out += "|---|---:|---:|---:|---:|\n";
  out += "| tokens | " + n(s.tokens_created) + " | " + n(s.tokens_renewed) + " | " +
         n(s.tokens_revoked) + " | " + n(s.tokens_expired) + " |\n";
  out += "| leases | " + n(s.leases_created) + " | " + n(s.leases_renewed) + " | " +
         n(s.leases_revoked) + " | " + n(s.leases_expired) + " |\n";
  for (const auto& [mount, c] : s.leases)
    out += "| leases of " + cell(code(mount)) + " (" + n(c.live) + " live) | " + n(c.created) + " | " +
           n(c.renewed) + " | " + n(c.revoked) + " | " + n(c.expired) + " |\n";
  out += "\n";
  out += "| | created | deleted |\n|---|---:|---:|\n";
  out +=
    "| credentials | " + n(s.credentials_created) + " | " + n(s.credentials_deleted) + " |\n\n";
  out += "| storage prefix | writes | deletes |\n|---|---:|---:|\n";
  for (const auto& [prefix, c] : s.storage)
    out += "| " + cell(code(prefix)) + " | " + n(c.writes) + " | " + n(c.deletes) + " |\n";
  out += "| **total** | " + n(s.storage_writes) + " | " + n(s.storage_deletes) + " |\n\n";
  out += "Expectations: " +
         verdict_counts(s.expectations_passed, s.expectations_failed, s.expectations_open) +
         ".\n\n";
}

// Mermaid's text: no quote (it ends a label), and no `:`, `;` or `#` in a gantt task's name.
std::string mermaid_text(const std::string& s, bool task) {
  std::string out;
  for (char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (task && (c == ':' || c == ';' || c == '#'))
      out += ' ';
    else
      out += c;
  }
  return out;
}

// The most lives the pictures draw; a bigger run points at the trace format instead.
constexpr std::size_t most_drawn = 60;

// Two Mermaid charts, which GitHub and GitLab render: a gantt of every token's and lease's
// life and the token tree with the leases its tokens hold.
void write_pictures(std::string& out, const run_record& run) {
  const auto lives = lifetimes(run);
  if (lives.empty())
    return;
  out += "## Pictures\n\n";
  if (lives.size() > most_drawn) {
    out += std::to_string(lives.size()) + " tokens and leases are too many to draw here: " +
           "`tokenlab run --format trace` writes their lives for Perfetto UI.\n\n";
    return;
  }
  const sim_time last = run_end(run);
  out += "```mermaid\ngantt\n  title Lives of tokens and leases, t+0s to " +
         format_offset(last) + "\n  dateFormat x\n  axisFormat %H:%M\n";
  std::size_t family = lives.size();
  for (const auto& l : lives) {
    if (l.family != family) {
      family = l.family;
      out += "  section " + mermaid_text(lives[family].label, true) + "\n";
    }
    const sim_time end = std::max(l.end ? *l.end : last, l.start + sim_duration{1});
    const char* tag = !l.end ? "active" : l.cause == trace_cause::ttl_expired ? "done" : "crit";
    const std::string name = std::string{l.what == lifetime::kind::token ? "token " : "lease "} +
                             l.label + " " + format_offset(l.start) + " to " +
                             (l.end ? format_offset(*l.end) + " " + ending(l) : "the end");
    out += "  " + mermaid_text(name, true) + " :" + tag + ", " + std::to_string(millis(l.start)) +
           ", " + std::to_string(millis(end)) + "\n";
  }
  out += "```\n\n```mermaid\ngraph TD\n";
  std::map<std::string, std::string> node; // ID -> Mermaid node
  std::string ended;
  for (std::size_t i = 0; i < lives.size(); ++i) {
    const auto& l = lives[i];
    const std::string id = "n" + std::to_string(i + 1);
    node[l.id] = id;
    if (!l.parent.empty() && node.count(l.parent) == 0) {
      const std::string up = "p" + std::to_string(node.size());
      node[l.parent] = up;
      auto named = run.names.find(l.parent);
      out += "  " + up + "[\"" +
             mermaid_text(named != run.names.end() ? named->second : l.parent.substr(0, 8) + "…",
                          false) +
             "\"]\n";
    }
    const bool token = l.what == lifetime::kind::token;
    const std::string text = mermaid_text(
      std::string{token ? "token " : "lease "} + l.label + "<br/>" + ending(l), false);
    out += "  " + id + (token ? "[\"" + text + "\"]" : "([\"" + text + "\"])") + "\n";
    if (!l.parent.empty())
      out += "  " + node[l.parent] + (token ? " --> " : " -.-> ") + id + "\n";
    if (l.end)
      ended += (ended.empty() ? "" : ",") + id;
  }
  if (!ended.empty())
    out += "  classDef ended fill:#eeeeee,stroke-dasharray:4 3\n  class " + ended + " ended\n";
  out += "```\n\n";
}

} // namespace

std::string render_markdown(const std::vector<run_record>& runs, report_detail d) {
  const bool full = d == report_detail::full;
  std::string out;
  for (const auto& run : runs) {
    if (d == report_detail::brief) {
      const std::string body = render_brief(run);
      const std::string fence = fence_for(body);
      out += fence + "text\n" + body + fence + "\n\n";
      continue;
    }
    write_header(out, run);
    out += "## Steps\n\n";
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
      const step_record& s = run.steps[i];
      if (folded_into_previous(s, full))
        write_verdicts(out, s);
      else
        write_step(out, run, s, i + 1, full);
    }
    write_pictures(out, run);
    if (full) {
      write_summary(out, summarize(run));
    } else {
      const run_summary s = summarize(run);
      out += "Expectations: " +
             verdict_counts(s.expectations_passed, s.expectations_failed, s.expectations_open) +
             ".\n\n";
    }
    for (const auto& f : run.fleets) {
      out += "Fleet " + code(f.name) + ":\n\n```\n";
      for (const auto& l : f.lines)
        out += l + "\n";
      out += "```\n\n";
    }
  }
  out += "---\n\n" + totals_line(total(runs)) + "\n";
  return out;
}

} // namespace tokenlab
