#include "reports/summary.hpp"

#include "model/trace_tally.hpp"

#include <set>

namespace tokenlab {

std::string storage_prefix(std::string_view key) {
  return std::string{storage_key_prefix(key)};
}

storage_by_prefix count_storage(const std::vector<trace_event>& events) {
  storage_by_prefix out;
  for (const auto& e : events) {
    if (e.kind == trace_kind::storage_put)
      ++out[storage_prefix(e.subject)].writes;
    else if (e.kind == trace_kind::storage_delete)
      ++out[storage_prefix(e.subject)].deletes;
  }
  return out;
}

namespace {

// The objects of one family (tokens or leases) that went away, split by why.
struct endings {
  std::set<std::string> expired;
  std::set<std::string> gone; // revoked or expired
};

void note_ending(endings& e, const trace_event& ev, bool ttl_ran_out) {
  e.gone.insert(ev.subject);
  if (ttl_ran_out)
    e.expired.insert(ev.subject);
}

// The mount a lease belongs to: the first segment of its ID ("aws/creds/r/x" -> "aws/").
std::string lease_mount(const std::string& lease_id) {
  auto slash = lease_id.find('/');
  return slash == std::string::npos ? lease_id : lease_id.substr(0, slash + 1);
}

} // namespace

run_summary summarize(const run_record& run) {
  run_summary s;
  endings tokens;
  endings leases;
  s.steps = static_cast<std::int64_t>(run.steps.size());
  for (const auto& step : run.steps) {
    for (const auto& x : step.expectations)
      ++(x.passed ? s.expectations_passed : s.expectations_failed);
    for (const auto& ev : step.effects) {
      const bool ttl_cause = ev.cause == trace_cause::ttl_expired;
      switch (ev.kind) {
        case trace_kind::token_created: ++s.tokens_created; break;
        case trace_kind::token_renewed: ++s.tokens_renewed; break;
        case trace_kind::token_expired: note_ending(tokens, ev, true); break;
        case trace_kind::token_revoked: note_ending(tokens, ev, ttl_cause); break;
        case trace_kind::lease_created:
          ++s.leases_created;
          ++s.leases[lease_mount(ev.subject)].created;
          break;
        case trace_kind::lease_renewed:
          ++s.leases_renewed;
          ++s.leases[lease_mount(ev.subject)].renewed;
          break;
        case trace_kind::lease_expired: note_ending(leases, ev, true); break;
        case trace_kind::lease_revoked: note_ending(leases, ev, ttl_cause); break;
        case trace_kind::credential_created: ++s.credentials_created; break;
        case trace_kind::credential_deleted: ++s.credentials_deleted; break;
        case trace_kind::storage_put:
          ++s.storage_writes;
          ++s.storage[storage_prefix(ev.subject)].writes;
          break;
        case trace_kind::storage_delete:
          ++s.storage_deletes;
          ++s.storage[storage_prefix(ev.subject)].deletes;
          break;
        case trace_kind::token_orphaned:
        case trace_kind::timer_fired:
        case trace_kind::mount_tuned:
        case trace_kind::engine_enabled:
        case trace_kind::config_written:
        case trace_kind::token_used:
        case trace_kind::cubbyhole_destroyed: break;
      }
    }
  }
  s.tokens_expired = static_cast<std::int64_t>(tokens.expired.size());
  s.tokens_revoked = static_cast<std::int64_t>(tokens.gone.size() - tokens.expired.size());
  s.leases_expired = static_cast<std::int64_t>(leases.expired.size());
  s.leases_revoked = static_cast<std::int64_t>(leases.gone.size() - leases.expired.size());
  for (const auto& id : leases.gone)
    ++(leases.expired.count(id) ? s.leases[lease_mount(id)].expired
                                : s.leases[lease_mount(id)].revoked);
  for (auto& [mount, c] : s.leases)
    c.live = c.created - c.revoked - c.expired;
  // What the trace sink only counted (while a fleet ran).
  if (const auto& t = run.tally) {
    s.tokens_created += t->tokens_created + t->batch_tokens_issued;
    s.tokens_renewed += t->tokens_renewed;
    s.tokens_revoked += t->tokens_revoked;
    s.tokens_expired += t->tokens_expired;
    s.leases_created += t->leases_created;
    s.leases_renewed += t->leases_renewed;
    s.leases_revoked += t->leases_revoked;
    s.leases_expired += t->leases_expired;
    s.credentials_created += t->credentials_created;
    s.credentials_deleted += t->credentials_deleted;
    s.storage_writes += t->storage_writes;
    s.storage_deletes += t->storage_deletes;
    for (const auto& [prefix, c] : t->storage) {
      s.storage[prefix].writes += c.first;
      s.storage[prefix].deletes += c.second;
    }
  }
  return s;
}

report_totals total(const std::vector<run_record>& runs) {
  report_totals t;
  t.scenarios = static_cast<std::int64_t>(runs.size());
  for (const auto& run : runs)
    for (const auto& step : run.steps)
      for (const auto& x : step.expectations)
        ++(x.passed ? t.passed : t.failed);
  t.expectations = t.passed + t.failed;
  return t;
}

} // namespace tokenlab
