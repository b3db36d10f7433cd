// The brief report: a run at a glance, for the first screen of the lab and for `tokenlab run
// --detail brief`. Per step that did something, one line `<time>  <step>  → <outcome>`:
//
//   t+6h   vault token renew -increment=9h $t1 => r  → token_duration 4h, 1 warning
//          why 4h: max_ttl 10h (auth/token/ tune) from start t+0s → deadline t+10h; …
//          tokens revoked: child (parent revoked)
//
// Vault steps always show, their text cut to `step_width` columns; a time step shows only
// when tokens, leases or credentials ended during it; a TTL explanation shows where Vault
// capped or fixed the TTL (a TTL granted as asked needs none); notes and passing
// expectations are left out (the last line counts them), a failed or unanswered
// expectation is shown in full where it stands.

#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

// A name the scenario gave the ID, else the ID shortened.
std::string label(const std::string& id, const std::map<std::string, std::string>& names) {
  if (auto n = names.find(id); n != names.end())
    return n->second;
  return id.size() > 16 ? id.substr(0, 15) + "…" : id;
}

// Why a token or lease ended, where its own line does not say it. The list is in the order
// Vault ended them (children first), so a revoked parent is the next name or a later one.
std::string cause_text(const trace_event& e) {
  switch (e.cause) {
    case trace_cause::request: return "";
    case trace_cause::ttl_expired: return " (TTL reached)";
    case trace_cause::parent_revoked: return " (parent revoked)";
    case trace_cause::owner_revoked: return "";
    case trace_cause::last_use: return " (last use)";
    case trace_cause::none: return "";
  }
  return "";
}

// What ended during a step, one line per kind: "tokens revoked: child (parent revoked), p".
std::vector<std::string> endings(const step_record& s,
                                 const std::map<std::string, std::string>& names) {
  struct group {
    trace_kind kind;
    const char* title;
    std::vector<std::string> items;
  };
  std::vector<group> groups{{trace_kind::token_expired, "tokens expired", {}},
                            {trace_kind::token_revoked, "tokens revoked", {}},
                            {trace_kind::token_orphaned, "tokens orphaned", {}},
                            {trace_kind::lease_expired, "leases expired", {}},
                            {trace_kind::lease_revoked, "leases revoked", {}},
                            {trace_kind::credential_deleted, "credentials deleted", {}}};
  for (const auto& e : s.effects) {
    // An expired token is revoked at once for the same reason: its expiry says it.
    if (e.kind == trace_kind::token_revoked && e.cause == trace_cause::ttl_expired)
      continue;
    for (auto& g : groups)
      if (g.kind == e.kind) {
        const bool cause_said = g.kind == trace_kind::token_expired;
        g.items.push_back(label(e.subject, names) + (cause_said ? "" : cause_text(e)));
      }
  }
  std::vector<std::string> out;
  for (const auto& g : groups) {
    if (g.items.empty())
      continue;
    std::string line = std::string{g.title} + ": ";
    // Credentials are named by their engine (IAM users, database users): count them.
    if (g.kind == trace_kind::credential_deleted)
      line += std::to_string(g.items.size());
    else
      for (std::size_t i = 0; i < g.items.size(); ++i)
        line += (i ? ", " : "") + g.items[i];
    out.push_back(std::move(line));
  }
  return out;
}

// A TTL decision worth a line: one that capped what was asked, or a period.
bool worth_explaining(const ttl_decision& d) {
  return d.ttl < d.requested || d.basis == ttl_basis::period || d.token_cap.has_value();
}

constexpr std::size_t step_width = 56;

// `text` cut to `width` code points, with "…" when cut.
std::string cut(const std::string& text, std::size_t width) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
      continue;
    if (++points == width)
      return i + 1 < text.size() ? text.substr(0, i) + "…" : text;
  }
  return text;
}

// A step's text within step_width, keeping its `=> NAME` (later lines use the name).
std::string step_text(const std::string& text) {
  const std::size_t arrow = text.rfind(" => ");
  if (arrow == std::string::npos)
    return cut(text, step_width);
  const std::string tail = text.substr(arrow);
  return cut(text.substr(0, arrow), step_width > tail.size() ? step_width - tail.size() : 1) +
         tail;
}

struct brief_line {
  std::string time;
  std::string text;
  std::vector<std::string> below;
};

} // namespace

std::string render_brief(const run_record& run, std::size_t indent, brief_scope scope) {
  const std::string pad(indent, ' ');
  std::vector<brief_line> lines;
  for (const auto& s : run.steps) {
    brief_line l;
    l.time = format_offset(s.at);
    for (const auto& e : s.effects)
      if (e.ttl && worth_explaining(*e.ttl))
        l.below.push_back(explain_ttl(*e.ttl, e.kind));
    for (auto& e : endings(s, run.names))
      l.below.push_back(std::move(e));
    const bool failed_call = s.call && std::holds_alternative<vault_error>(s.call->result);
    const bool quiet = scope == brief_scope::highlights && l.below.empty() && !failed_call;
    if (quiet) {
      // Nothing for the lab to explain here: the step shows only if an expectation failed.
    } else if (s.call) {
      l.text = step_text(s.text) + "  → " + call_outcome(*s.call);
    } else if (s.kind == step_kind::time || s.kind == step_kind::fleet ||
               s.kind == step_kind::restart) {
      if (l.below.empty() && s.kind == step_kind::time)
        continue;
      l.text = s.text;
    }
    for (const auto& x : s.expectations)
      if (!x.passed)
        l.below.push_back(expectation_verdict(x));
    if (l.text.empty() && l.below.empty())
      continue;
    lines.push_back(std::move(l));
  }
  std::size_t width = 0;
  for (const auto& l : lines)
    width = std::max(width, l.time.size());
  std::string out = pad + (run.title.empty() ? run.file : run.title) + "\n";
  if (!run.title.empty())
    out += pad + run.file + "\n";
  const std::string under(width + 2, ' ');
  for (const auto& l : lines) {
    // The time column holds ASCII only, so its byte count is its width.
    if (!l.text.empty())
      out += pad + "  " + l.time + std::string(width - l.time.size() + 2, ' ') + l.text + "\n";
    for (const auto& b : l.below)
      out += pad + "  " + under + b + "\n";
  }
  const run_summary s = summarize(run);
  const std::int64_t held = s.expectations_passed;
  const std::int64_t all = held + s.expectations_failed + s.expectations_open;
  if (s.expectations_failed == 0 && s.expectations_open == 0)
    out += pad + "  ✓ " + (all == 1 ? std::string{"1 expectation held"}
                                     : std::to_string(all) + " expectations held") +
           "\n";
  else
    out += pad + "  ✗ " + verdict_counts(held, s.expectations_failed, s.expectations_open) + "\n";
  return out;
}

} // namespace tokenlab
