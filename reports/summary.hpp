#pragma once
// The closing numbers of a run: what Vault created, renewed, revoked and let expire, what
// the storage backend wrote and deleted (grouped by key prefix, as Vault's storage layout
// groups them: sys/token/id/, sys/expire/id/, …) and how many expectations held.
//
// Counting rules (model/trace_tally.hpp, which does the counting): a token or lease counts
// as *expired* when its own TTL ran out (a token_expired / lease_expired event, which its
// revocation with cause ttl_expired follows), and as *revoked* when it went away for any
// other reason (a request, its parent, its owner); each object counts once. Renewals
// count every renewal.

#include "model/trace.hpp"
#include "reports/run_record.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

struct storage_count {
  std::int64_t writes = 0;
  std::int64_t deletes = 0;
};

/// Storage operations by key prefix, sorted by prefix.
using storage_by_prefix = std::map<std::string, storage_count>;

/// The leases of one secrets engine (its mount, "aws/"), by what became of them.
struct lease_count {
  std::int64_t created = 0;
  std::int64_t renewed = 0;
  std::int64_t revoked = 0;
  std::int64_t expired = 0;
  std::int64_t live = 0; ///< still valid at the end of the run
};

using leases_by_engine = std::map<std::string, lease_count>;

struct run_summary {
  std::int64_t steps = 0;
  std::int64_t tokens_created = 0;
  std::int64_t tokens_renewed = 0;
  std::int64_t tokens_revoked = 0;
  std::int64_t tokens_expired = 0;
  std::int64_t leases_created = 0;
  std::int64_t leases_renewed = 0;
  std::int64_t leases_revoked = 0;
  std::int64_t leases_expired = 0;
  leases_by_engine leases;
  std::int64_t credentials_created = 0;
  std::int64_t credentials_deleted = 0;
  std::int64_t storage_writes = 0;
  std::int64_t storage_deletes = 0;
  storage_by_prefix storage;
  std::int64_t expectations_passed = 0;
  std::int64_t expectations_failed = 0;
  std::int64_t expectations_open = 0; ///< predictions not made yet (`== ?`)
};

/// Counts what happened in `run` (see the counting rules above).
run_summary summarize(const run_record& run);

/// Returns the prefix a storage key is grouped under: its first three '/'-separated
/// segments and a '/' ("sys/token/id/hvs.X" → "sys/token/id/"); keys with fewer segments
/// group under all but their last segment ("core/mounts" → "core/"), a single segment
/// under itself.
std::string storage_prefix(std::string_view key);

/// Counts the storage_put / storage_delete events of `events` by prefix.
storage_by_prefix count_storage(const std::vector<trace_event>& events);

/// The totals of one invocation over all its runs.
struct report_totals {
  std::int64_t scenarios = 0;
  std::int64_t expectations = 0;
  std::int64_t passed = 0;
  std::int64_t failed = 0;
  std::int64_t open = 0; ///< predictions not made yet (`== ?`)

  report_totals& operator+=(const report_totals& o) {
    scenarios += o.scenarios;
    expectations += o.expectations;
    passed += o.passed;
    failed += o.failed;
    open += o.open;
    return *this;
  }
};

/// Counts the expectations of one run (`scenarios` is 1).
report_totals run_totals(const run_record& run);

/// Adds up the expectations of `runs`.
report_totals total(const std::vector<run_record>& runs);

} // namespace tokenlab
