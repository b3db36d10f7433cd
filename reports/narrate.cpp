#include "reports/narrate.hpp"

#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/batch_token.hpp"
#include "model/texts.hpp"
#include "model/tune.hpp"

#include <vector>

namespace tokenlab {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      out += sep;
    out += parts[i];
  }
  return out;
}

std::string cause_words(trace_cause c, const std::string& related) {
  switch (c) {
    case trace_cause::none: return {};
    case trace_cause::request: return "revoked by request";
    case trace_cause::ttl_expired: return "TTL reached";
    case trace_cause::parent_revoked:
      return related.empty() ? "parent revoked" : "parent " + related + " revoked";
    case trace_cause::owner_revoked:
      return related.empty() ? "owner token revoked" : "owner token " + related + " revoked";
    case trace_cause::last_use: return "its last use is spent";
  }
  return to_string(c);
}

bool is_renewal(trace_kind k) {
  return k == trace_kind::token_renewed || k == trace_kind::lease_renewed;
}

std::string source_text(ttl_source s, const std::string& mount) {
  return s == ttl_source::mount_tune ? mount + " tune" : "system config";
}

std::string max_label(const ttl_decision& d) {
  switch (d.max_from) {
    case max_basis::system_view: return source_text(d.view.max_source, d.view.mount);
    case max_basis::backend_max: return "backend max_ttl";
    case max_basis::explicit_max: return "explicit_max_ttl";
  }
  return {};
}

std::string basis_text(const ttl_decision& d, trace_kind kind) {
  switch (d.basis) {
    case ttl_basis::period: return "period";
    case ttl_basis::increment: return "increment";
    case ttl_basis::backend_ttl:
      // A token renews from its last granted TTL; a lease from its engine's TTL.
      if (kind == trace_kind::token_renewed)
        return "last granted TTL";
      return kind == trace_kind::lease_created || kind == trace_kind::lease_renewed
               ? "backend TTL"
               : "requested ttl";
    case ttl_basis::system_default:
      return "default lease TTL from " + source_text(d.view.default_source, d.view.mount);
  }
  return {};
}

// "from start t+0s → deadline t+10h; now t+6h, remaining 4h" (the remaining part only
// when time has passed since the start).
std::string deadline_text(const ttl_decision& d) {
  const std::string deadline = format_offset(*d.deadline);
  if (d.start == d.now || !d.remaining)
    return "from now " + format_offset(d.now) + " → deadline " + deadline;
  return "from start " + format_offset(d.start) + " → deadline " + deadline + "; now " +
         format_offset(d.now) + ", remaining " + format_duration(*d.remaining);
}

// Whether CalculateTTL lowered the period itself (it then warns with texts::period_capped;
// the decision keeps only the capped period).
bool warned_about_period(const ttl_decision& d) {
  const std::string sample = texts::period_capped(sim_duration{0}, sim_duration{0});
  const std::string prefix = sample.substr(0, sample.find('"'));
  for (const auto& w : d.warnings)
    if (w.compare(0, prefix.size(), prefix) == 0)
      return true;
  return false;
}

// Why an AppRole secret ID was deleted.
std::string secret_id_end(const credential_facts& c) {
  switch (c.why) {
    case credential_facts::end::role_deleted: return "role " + c.role + " deleted";
    case credential_facts::end::tidied: return "expired; removed by the mount's periodic tidy";
    case credential_facts::end::used_up: return "used up (secret_id_num_uses reached)";
    case credential_facts::end::none: break;
  }
  return "deleted";
}

// What a configuration write did: an auth method's path deleted, or an identity change.
std::string config_words(const config_facts& c) {
  using change = config_facts::change;
  switch (c.what) {
    case change::deleted: return "deleted";
    case change::entity_created:
      return c.alias.empty() ? c.entity + " created"
                             : c.entity + " created with alias " + c.alias + " on " + c.mount;
    case change::entity_updated: return c.entity + " updated";
    case change::entity_deleted: return c.entity + " deleted";
    case change::alias_added: return "alias " + c.alias + " on " + c.mount + " added";
    case change::alias_updated: return "alias " + c.alias + " updated";
  }
  return {};
}

} // namespace

std::string effect_detail(const trace_event& e) {
  if (e.credential) {
    const auto& c = *e.credential;
    const bool created = e.kind == trace_kind::credential_created;
    switch (c.what) {
      case credential_facts::type::iam_user:
        return created ? "IAM user with access key " + c.access_key
                       : "IAM user and its access key " + c.access_key + " deleted";
      case credential_facts::type::sts:
        return "STS credentials (" + c.credential_type + ") with access key " + c.access_key +
               ", valid at AWS for " + std::to_string(c.valid_s) + "s";
      case credential_facts::type::database_user:
        return created ? "database user " + e.subject : "database user dropped";
      case credential_facts::type::secret_id:
        return created ? "secret ID " + c.secret_id + " of role " + c.role
                       : "secret ID " + secret_id_end(c);
    }
  }
  if (e.config)
    return config_words(*e.config);
  if (e.uses_left)
    return *e.uses_left < 0    ? "its last use"
           : *e.uses_left == 1 ? "1 use left"
                               : std::to_string(*e.uses_left) + " uses left";
  if (e.tune)
    return tune_detail(*e.tune);
  // A batch token is sealed into its own ID, not stored: said where it is made.
  if (e.kind == trace_kind::token_created && is_batch_token_string(e.subject))
    return "a batch token: sealed with the barrier key, nothing stored";
  return e.detail;
}

bool is_storage_event(const trace_event& e) {
  return e.kind == trace_kind::storage_put || e.kind == trace_kind::storage_delete;
}

bool is_machinery(const trace_event& e) {
  const bool revoked_on_expiry =
    (e.kind == trace_kind::token_revoked || e.kind == trace_kind::lease_revoked) &&
    e.cause == trace_cause::ttl_expired;
  return is_storage_event(e) || e.kind == trace_kind::timer_fired || revoked_on_expiry;
}

std::string describe_effect(const trace_event& ev, const std::map<std::string, std::string>& names,
                            bool numbered) {
  // IDs the scenario named are shown with their name: "hvs.X [parent]".
  auto label = [&](const std::string& id) {
    auto n = names.find(id);
    return n == names.end() ? id : id + " [" + n->second + "]";
  };
  trace_event e = ev;
  e.subject = label(e.subject);
  e.related = label(e.related);
  std::vector<std::string> words;
  bool used_related = false;
  bool used_detail = false;
  bool used_cause = false;
  switch (e.kind) {
    case trace_kind::token_created:
      words.push_back(e.related.empty() ? "orphan" : "child of " + e.related);
      used_related = true;
      break;
    case trace_kind::token_expired:
    case trace_kind::lease_expired:
      words.emplace_back("TTL reached");
      used_cause = e.cause == trace_cause::ttl_expired || e.cause == trace_cause::none;
      break;
    case trace_kind::token_revoked:
      used_related = true; // its parent: named by the cause when it matters
      break;
    case trace_kind::lease_revoked: used_related = e.cause == trace_cause::owner_revoked; break;
    case trace_kind::token_orphaned:
      words.push_back((e.related.empty() ? std::string{"parent"} : "parent " + e.related) +
                      " revoked with -mode=orphan");
      used_related = true;
      break;
    case trace_kind::lease_created:
    case trace_kind::lease_renewed:
      if (!e.related.empty())
        words.push_back("owner token " + e.related);
      used_related = true;
      break;
    case trace_kind::credential_created: break; // the engine's detail says what was made
    case trace_kind::engine_enabled:
    case trace_kind::engine_disabled:
      if (!e.detail.empty())
        words.push_back("type " + e.detail);
      used_detail = true;
      break;
    case trace_kind::timer_fired: words.emplace_back("expiry timer"); break;
    default: break;
  }
  if (!used_cause && e.cause != trace_cause::none)
    words.push_back(cause_words(e.cause, e.related));
  if (!used_related && !e.related.empty())
    words.push_back("related " + e.related);
  if (auto detail = effect_detail(ev); !used_detail && !detail.empty())
    words.push_back(std::move(detail));
  std::string out = (numbered ? "#" + std::to_string(e.seq) + " " : std::string{}) +
                    format_offset(e.at) + " " + to_string(e.kind) + " " + e.subject;
  if (!words.empty())
    out += " (" + join(words, "; ") + ")";
  return out;
}

namespace {

// CalculateTTL's part of a why line: what came after "why <ttl>: ".
std::string calculation(const ttl_decision& d, trace_kind kind) {
  const std::string ttl = format_duration(d.ttl);
  const std::string max = "max_ttl " + format_duration(d.max_ttl) + " (" + max_label(d) + ")";
  const bool cut = d.ttl < d.requested;
  std::string out;
  if (d.basis != ttl_basis::period) {
    out += max;
    if (d.deadline)
      out += " " + deadline_text(d);
    out += "; requested " + format_duration(d.requested) + " (" + basis_text(d, kind) + ")";
    out += cut ? " → capped to " + ttl : " → not capped";
    return out;
  }
  // Periodic: the TTL is the period (capped by the max); only an explicit max sets a
  // deadline, measured from the start like any other.
  std::vector<std::string> parts;
  if (warned_about_period(d))
    parts.push_back("period capped to " + max);
  else
    parts.push_back("period " + format_duration(d.requested) + " within " + max);
  if (is_renewal(kind))
    parts.back() += ", increment ignored";
  if (d.deadline) {
    parts.push_back("explicit_max_ttl " + format_duration(*d.deadline - d.start) + " " +
                    deadline_text(d));
  } else {
    parts.emplace_back("no deadline without explicit_max_ttl");
  }
  out += join(parts, "; ");
  if (cut)
    out += " → capped to " + ttl;
  return out;
}

} // namespace

std::vector<listed_effect> listed_effects(const run_record& run, const step_record& s, bool full) {
  std::vector<listed_effect> out;
  for (const auto& e : s.effects) {
    if (full ? is_storage_event(e) : is_machinery(e))
      continue;
    out.push_back({describe_effect(e, run.names, full), e.ttl ? explain_ttl(*e.ttl, e.kind) : ""});
  }
  return out;
}

bool folded_into_previous(const step_record& s, bool full) {
  return !full && s.kind == step_kind::expect && !s.expectations.empty();
}

std::string explain_ttl(const ttl_decision& d, trace_kind kind) {
  const std::string body = calculation(d, kind);
  if (!d.token_cap)
    return "why " + format_duration(d.ttl) + ": " + body;
  // A lease read with a batch token ends no later than the token (expiration.go): a renewal's
  // TTL is cut to it; a new lease's expiry is, while its response keeps CalculateTTL's TTL.
  const auto& cap = *d.token_cap;
  const std::string expiry = format_offset(cap.expiry);
  if (cap.in_response)
    return "why " + format_duration(cap.left) + ": " + body + "; its batch token expires at " +
           expiry + " → cut to " + format_duration(cap.left);
  return "why " + format_duration(d.ttl) + ": " + body + "; the lease itself ends with its batch " +
         "token at " + expiry + ", " + format_duration(cap.left) +
         " from now (lease lookup shows it)";
}

namespace {

std::string duration_text(std::int64_t seconds) {
  return seconds == 0 ? std::string{"∞"} : format_duration(secs(seconds));
}

} // namespace

std::string call_outcome(const vault_call_record& call) {
  if (const auto* err = std::get_if<vault_error>(&call.result))
    return "error " + std::to_string(err->status) +
           (err->messages.empty() ? std::string{} : ": " + err->message());
  const api_response& r = std::get<api_response>(call.result);
  std::string out;
  if (r.auth)
    out = "token_duration " + duration_text(r.auth->lease_duration);
  else if (!r.lease_id.empty())
    out = "lease_duration " + duration_text(r.lease_duration);
  else if (auto ttl = r.data ? r.data->find("ttl") : data_map::const_iterator{};
           r.data && ttl != r.data->end() && std::holds_alternative<std::int64_t>(ttl->second))
    out = "ttl " + format_duration(secs(std::get<std::int64_t>(ttl->second)));
  else if (call.shape == output_shape::message && !call.success_text.empty())
    out = call.success_text;
  else
    out = "status " + std::to_string(r.status);
  if (!r.warnings.empty())
    out += ", " + count_of(static_cast<std::int64_t>(r.warnings.size()), "warning", "warnings");
  return out;
}

std::string count_of(std::int64_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string{n == 1 ? singular : plural};
}

std::string storage_line(const std::vector<trace_event>& effects) {
  const storage_by_prefix counts = count_storage(effects);
  if (counts.empty())
    return {};
  std::int64_t writes = 0;
  std::int64_t deletes = 0;
  std::vector<std::string> write_groups;
  std::vector<std::string> delete_groups;
  for (const auto& [prefix, c] : counts) {
    writes += c.writes;
    deletes += c.deletes;
    if (c.writes > 0)
      write_groups.push_back(prefix + " " + std::to_string(c.writes));
    if (c.deletes > 0)
      delete_groups.push_back(prefix + " " + std::to_string(c.deletes));
  }
  std::string out = "storage: " + count_of(writes, "write", "writes");
  if (!write_groups.empty())
    out += " (" + join(write_groups, ", ") + ")";
  out += ", " + count_of(deletes, "delete", "deletes");
  if (!delete_groups.empty())
    out += " (" + join(delete_groups, ", ") + ")";
  return out;
}

std::string step_time(const step_record& s) {
  if (s.kind == step_kind::time || s.from != s.at)
    return format_offset(s.from) + " → " + format_offset(s.at);
  return format_offset(s.at);
}

std::string step_place(const run_record& run, const step_record& s) {
  return (s.loc.file.empty() ? run.file : s.loc.file) + ":" + std::to_string(s.loc.line);
}

std::string expectation_problem(const run_record& run, const step_record& s,
                                const expectation_record& x) {
  return step_place(run, s) + ":" + std::to_string(s.loc.col) +
         (x.open ? ": not answered yet: " + x.text + " (" + std::string{open_advice} + ")"
                 : ": expectation failed: " + x.text + " (actual: " + x.actual + ")");
}

std::string expectation_verdict(const expectation_record& x) {
  if (x.open)
    return "? OPEN " + x.text + " (" + std::string{open_advice} + ")";
  return std::string{x.passed ? "✓ PASS " : "✗ FAIL "} + x.text + " (actual: " + x.actual + ")";
}

std::string verdict_counts(std::int64_t passed, std::int64_t failed, std::int64_t open) {
  return std::to_string(passed) + " passed, " + std::to_string(failed) + " failed" +
         (open > 0 ? ", " + std::to_string(open) + " unanswered" : "");
}

std::string config_text(const system_config& c) {
  return "default_lease_ttl " + format_duration(c.default_lease_ttl) + ", max_lease_ttl " +
         format_duration(c.max_lease_ttl);
}

std::string totals_line(const report_totals& t) {
  return count_of(t.scenarios, "scenario", "scenarios") + ", " +
         count_of(t.expectations, "expectation", "expectations") + ": " +
         verdict_counts(t.passed, t.failed, t.open);
}

} // namespace tokenlab
