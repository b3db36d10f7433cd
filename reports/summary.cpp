#include "reports/summary.hpp"

#include "model/trace_tally.hpp"

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

run_summary summarize(const run_record& run) {
  run_summary s;
  // What a fleet's run only counted, then every traced effect, counted by the same rules.
  trace_tally t = run.tally.value_or(trace_tally{});
  t.until.reset();
  s.steps = static_cast<std::int64_t>(run.steps.size());
  for (const auto& step : run.steps) {
    for (const auto& x : step.expectations)
      ++(x.open     ? s.expectations_open
         : x.passed ? s.expectations_passed
                    : s.expectations_failed);
    for (const auto& ev : step.effects)
      t.add(ev);
  }
  for (const auto& [mount, c] : t.leases)
    s.leases[mount] =
      lease_count{c.created, c.renewed, c.revoked, c.expired, c.created - c.revoked - c.expired};
  s.tokens_created = t.tokens_created + t.batch_tokens_issued;
  s.tokens_renewed = t.tokens_renewed;
  s.tokens_revoked = t.tokens_revoked;
  s.tokens_expired = t.tokens_expired;
  s.leases_created = t.leases_created;
  s.leases_renewed = t.leases_renewed;
  s.leases_revoked = t.leases_revoked;
  s.leases_expired = t.leases_expired;
  s.credentials_created = t.credentials_created;
  s.credentials_deleted = t.credentials_deleted;
  s.storage_writes = t.storage_writes;
  s.storage_deletes = t.storage_deletes;
  for (const auto& [prefix, c] : t.storage)
    s.storage[prefix] = storage_count{c.first, c.second};
  return s;
}

report_totals run_totals(const run_record& run) {
  report_totals t;
  t.scenarios = 1;
  for (const auto& step : run.steps)
    for (const auto& x : step.expectations)
      ++(x.open ? t.open : x.passed ? t.passed : t.failed);
  t.expectations = t.passed + t.failed + t.open;
  return t;
}

report_totals total(const std::vector<run_record>& runs) {
  report_totals t;
  for (const auto& run : runs)
    t += run_totals(run);
  return t;
}

} // namespace tokenlab
