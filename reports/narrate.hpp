#pragma once
// The sentences every report format shares: how an effect reads (`#7 t+2h token_expired
// hvs.X (TTL reached)`), why a TTL came out as it did (the numbers of CalculateTTL), the
// one-line storage summary of a step, a step's time and place, an expectation's verdict.
// Text and Markdown wrap these in their own layout; JSON keeps the raw values.

#include "model/trace.hpp"
#include "model/ttl.hpp"
#include "reports/run_record.hpp"
#include "reports/summary.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// Describes one effect: `#<seq> <time> <kind> <subject>` and, in parentheses, its
/// related object, cause and detail in words (`(child of hvs.P)`, `(TTL reached)`,
/// `(owner token hvs.X revoked)`). Without `numbered`, the `#<seq> ` is left out.
/// The words an effect's facts add (a credential, the uses left, the model's own detail);
/// "" when none. The text report's effect line and the JSON report's `detail` show them.
std::string effect_detail(const trace_event& e);

std::string describe_effect(const trace_event& e,
                            const std::map<std::string, std::string>& names = {},
                            bool numbered = true);

/// One effect as a report lists it: its description and, for a TTL decision, its why line.
struct listed_effect {
  std::string text; ///< describe_effect
  std::string why;  ///< explain_ttl, "" when the effect decided no TTL
};

/// The effects a report lists for step `s`: at full detail every one but the storage events
/// (storage_line sums them up), numbered; otherwise the story, without the machinery.
std::vector<listed_effect> listed_effects(const run_record& run, const step_record& s, bool full);

/// Whether a step is shown as its verdicts alone, under the step before it: an expectation
/// step, at story detail.
bool folded_into_previous(const step_record& s, bool full);

/// Explains a TTL decision: `why 4h: max_ttl 10h (system config) from start t+0s →
/// deadline t+10h; now t+6h, remaining 4h; requested 9h (increment) → capped to 4h`.
/// `kind` is the event the decision belongs to (creation or renewal, token or lease).
std::string explain_ttl(const ttl_decision& d, trace_kind kind);

/// Summarises the storage events of one step: `storage: 4 writes (sys/expire/id/ 1,
/// sys/token/id/ 3), 0 deletes`; empty when the step touched no storage.
std::string storage_line(const std::vector<trace_event>& effects);

/// The virtual time of a step: `t+6h`, or `t+0s → t+6h` when the step moved the clock.
std::string step_time(const step_record& s);

/// Where a step comes from: `file:line` (the run's file when the step has none).
std::string step_place(const run_record& run, const step_record& s);

/// What an unanswered prediction asks of the reader.
inline constexpr std::string_view open_advice = "write your prediction in place of ?";

/// A failed or unanswered expectation as a compiler-style line, without a newline:
/// `file:line:col: expectation failed: <text> (actual: <a>)` or
/// `file:line:col: not answered yet: <text> (write your prediction in place of ?)`.
std::string expectation_problem(const run_record& run, const step_record& s,
                                const expectation_record& x);

/// An expectation's verdict: `✓ PASS <text> (actual: <actual>)`, `✗ FAIL …`, or for a
/// prediction not made yet `? OPEN <text> (write your prediction in place of ?)`.
std::string expectation_verdict(const expectation_record& x);

/// What a call came to, in a few words: the TTL it granted (`token_duration 4h, 1 warning`,
/// `lease_duration 768h`, a lookup's `ttl 5m`), the error (`error 400: token not found`),
/// or the CLI's success line.
std::string call_outcome(const vault_call_record& call);

/// The server config: `default_lease_ttl 768h, max_lease_ttl 768h`.
std::string config_text(const system_config& c);

/// `n` and the noun, singular for one: `1 write`, `3 writes`.
std::string count_of(std::int64_t n, std::string_view singular, std::string_view plural);

/// The final line of a report: `N scenarios, M expectations: P passed, F failed` (and
/// `, U unanswered` when predictions are still to be made).
std::string totals_line(const report_totals& t);

/// `P passed, F failed`, and `, U unanswered` when `open` > 0.
std::string verdict_counts(std::int64_t passed, std::int64_t failed, std::int64_t open);

/// Whether an effect is shown on its own line (storage events are summarised instead).
bool is_storage_event(const trace_event& e);

/// Whether an effect is the lab's machinery rather than part of the story: storage events,
/// expiry timers firing, and the revocation that follows an expiry (the expiry says it).
/// Story-level reports leave these out.
bool is_machinery(const trace_event& e);

} // namespace tokenlab
