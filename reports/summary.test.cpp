#include "reports/summary.hpp"

#include "reports/fixture.test.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using namespace std::chrono_literals;

TEST_CASE("storage keys group under Vault's key prefixes", "[summary]") {
  CHECK(storage_prefix("sys/token/id/h0a1b2c3") == "sys/token/id/");
  CHECK(storage_prefix("sys/expire/id/auth/token/create/h0a1b2c3") == "sys/expire/id/");
  CHECK(storage_prefix("sys/token/parent/p1/h2") == "sys/token/parent/");
  CHECK(storage_prefix("core/mounts") == "core/");
  CHECK(storage_prefix("standalone") == "standalone");
}

TEST_CASE("the renewal run counts one token created, renewed and expired", "[summary]") {
  const run_summary s = summarize(fixture::renewal_run());
  CHECK(s.steps == 7);
  CHECK(s.tokens_created == 1);
  CHECK(s.tokens_renewed == 1);
  CHECK(s.tokens_revoked == 0);
  CHECK(s.tokens_expired == 1);
  CHECK(s.leases_created == 0);
  CHECK(s.storage_writes == 5);
  CHECK(s.storage_deletes == 4);
  CHECK(s.storage.size() == 4);
  CHECK(s.storage.at("sys/expire/id/").writes == 2);
  CHECK(s.storage.at("sys/expire/id/").deletes == 1);
  CHECK(s.expectations_passed == 1);
  CHECK(s.expectations_failed == 1);
}

TEST_CASE("revoking a parent counts its child and its leases as revoked, not expired",
          "[summary]") {
  using fixture::event;
  run_record run;
  step_record s;
  s.effects = {
    event(1, 0h, trace_kind::token_created, "hvs.P"),
    event(2, 0h, trace_kind::token_created, "hvs.C", "hvs.P"),
    event(3, 0h, trace_kind::lease_created, "aws/creds/r/1", "hvs.C"),
    event(4, 0h, trace_kind::credential_created, "vault-user-1"),
    event(5, 1h, trace_kind::lease_renewed, "aws/creds/r/1"),
    event(6, 2h, trace_kind::token_revoked, "hvs.P", {}, trace_cause::request),
    event(7, 2h, trace_kind::token_revoked, "hvs.C", "hvs.P", trace_cause::parent_revoked),
    event(8, 2h, trace_kind::lease_revoked, "aws/creds/r/1", "hvs.C", trace_cause::owner_revoked),
    event(9, 2h, trace_kind::credential_deleted, "vault-user-1"),
    event(10, 3h, trace_kind::lease_expired, "aws/creds/r/2"),
  };
  run.steps.push_back(s);
  const run_summary sum = summarize(run);
  CHECK(sum.tokens_created == 2);
  CHECK(sum.tokens_revoked == 2);
  CHECK(sum.tokens_expired == 0);
  CHECK(sum.leases_created == 1);
  CHECK(sum.leases_renewed == 1);
  CHECK(sum.leases_revoked == 1);
  CHECK(sum.leases_expired == 1);
  CHECK(sum.credentials_created == 1);
  CHECK(sum.credentials_deleted == 1);
  CHECK(sum.storage.empty());
}

TEST_CASE("totals add up the expectations of every run", "[summary]") {
  const report_totals t = total({fixture::renewal_run(), fixture::renewal_run()});
  CHECK(t.scenarios == 2);
  CHECK(t.expectations == 4);
  CHECK(t.passed == 2);
  CHECK(t.failed == 2);
}
