#include "model/trace_tally.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <utility>
#include <vector>

using namespace tokenlab;

namespace {

sim_time at(int s) {
  return sim_time{std::chrono::seconds{s}};
}

trace_event lease_event(trace_kind kind, const char* id, int when) {
  trace_event ev;
  ev.kind = kind;
  ev.subject = id;
  ev.at = at(when);
  return ev;
}

using counts = std::pair<std::int64_t, std::int64_t>;

} // namespace

TEST_CASE("trace_tally: storage operations by key prefix, leases by mount", "[tally]") {
  trace_tally t;
  t.add_storage(true, at(1), "sys/token/id/habc");
  t.add_storage(true, at(1), "sys/token/accessor/hdef");
  t.add_storage(true, at(2), "sys/token/id/hxyz");
  t.add_storage(false, at(3), "sys/token/id/habc");
  t.add_storage(true, at(3), "core/mounts"); // grouped as "core/"
  t.add(lease_event(trace_kind::lease_created, "aws/creds/app/AbC", 4));
  t.add(lease_event(trace_kind::lease_created, "kv/data/x/q", 4));
  t.add(lease_event(trace_kind::lease_expired, "aws/creds/app/AbC", 5));
  CHECK(t.storage.size() == 3);
  CHECK(t.storage.at("sys/token/id/") == counts{2, 1});
  CHECK(t.storage.at("sys/token/accessor/") == counts{1, 0});
  CHECK(t.storage.at("core/") == counts{1, 0});
  CHECK(t.storage_writes == 4);
  CHECK(t.storage_deletes == 1);
  CHECK(t.leases.at("aws/").created == 1);
  CHECK(t.leases.at("aws/").expired == 1);
  CHECK(t.leases.at("kv/").created == 1);

  SECTION("a copy counts on its own maps") {
    trace_tally copy = t;
    copy.add_storage(true, at(6), "sys/token/id/hnew");
    copy.add(lease_event(trace_kind::lease_created, "aws/creds/app/Q", 6));
    CHECK(copy.storage.at("sys/token/id/") == counts{3, 1});
    CHECK(copy.leases.at("aws/").created == 2);
    CHECK(t.storage.at("sys/token/id/") == counts{2, 1}); // the original is as it was
    CHECK(t.leases.at("aws/").created == 1);
    t.add_storage(false, at(7), "sys/token/id/hxyz");
    CHECK(t.storage.at("sys/token/id/") == counts{2, 2});
    CHECK(copy.storage.at("sys/token/id/") == counts{3, 1});
    copy = t; // an assignment too
    copy.add_storage(true, at(8), "sys/token/id/hmore");
    CHECK(copy.storage.at("sys/token/id/") == counts{3, 2});
    CHECK(t.storage.at("sys/token/id/") == counts{2, 2});
  }
}

TEST_CASE("trace_tally: an event counted from its fields counts as the event does", "[tally]") {
  struct step {
    trace_kind kind;
    trace_cause cause;
    const char* subject;
    int when;
  };
  const step steps[] = {
    {trace_kind::token_created, trace_cause::none, "hvs.A", 1},
    {trace_kind::token_created, trace_cause::none, "hvb.B", 1}, // a batch token: never live
    {trace_kind::lease_created, trace_cause::none, "aws/creds/app/x", 2},
    {trace_kind::token_renewed, trace_cause::none, "hvs.A", 3},
    {trace_kind::storage_put, trace_cause::none, "sys/expire/id/h", 3},
    {trace_kind::lease_expired, trace_cause::ttl_expired, "aws/creds/app/x", 4},
    {trace_kind::lease_revoked, trace_cause::ttl_expired, "aws/creds/app/x", 4},
    {trace_kind::token_created, trace_cause::none, "hvs.C", 5},
    {trace_kind::token_revoked, trace_cause::request, "hvs.C", 6},
    {trace_kind::token_expired, trace_cause::ttl_expired, "hvs.A", 7},
    {trace_kind::token_revoked, trace_cause::ttl_expired, "hvs.A", 7},
    {trace_kind::storage_delete, trace_cause::none, "sys/token/id/h", 7},
  };
  trace_tally events;
  trace_tally fields;
  events.until = fields.until = at(7); // the last instant's events are not counted
  for (const auto& s : steps) {
    trace_event ev = lease_event(s.kind, s.subject, s.when);
    ev.cause = s.cause;
    events.add(ev);
    fields.add(at(s.when), s.kind, s.cause, s.subject);
  }
  events.finish();
  fields.finish();
  auto numbers = [](const trace_tally& t) {
    return std::vector<std::int64_t>{
      t.tokens_created, t.batch_tokens_issued, t.tokens_renewed,   t.tokens_expired,
      t.tokens_revoked, t.leases_created,      t.leases_renewed,   t.leases_expired,
      t.leases_revoked, t.storage_writes,      t.storage_deletes,  t.live_tokens,
      t.live_leases,    t.peak_live_tokens,    t.peak_live_leases, t.events};
  };
  CHECK(numbers(fields) == numbers(events));
  CHECK(numbers(fields) ==
        std::vector<std::int64_t>{2, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 2, 1, 9});
  CHECK(fields.leases.at("aws/").expired == 1);
  CHECK(fields.storage.at("sys/expire/id/") == counts{1, 0});
}
