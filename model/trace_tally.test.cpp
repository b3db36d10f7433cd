#include "model/trace_tally.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <utility>

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
