// The expiration manager's lease rules, a secret's lease or a token's (vault/expiration.go).

#include "model/lease_rules.hpp"

#include "model/texts.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using namespace std::chrono_literals;

namespace {

sim_time at(sim_duration d) {
  return sim_time{d};
}

std::int64_t int_of(const data_map& d, const char* key) {
  return std::get<std::int64_t>(d.at(key));
}

} // namespace

SCENARIO("a token's lease ID is its creation path joined with its salted ID") {
  CHECK(token_lease_id("auth/token/create", "h0a1b") == "auth/token/create/h0a1b");
  CHECK(token_lease_id("auth/token/create/deploy", "h0a1b") == "auth/token/create/deploy/h0a1b");
  CHECK(token_lease_id("auth/userpass/login/alice", "hff") == "auth/userpass/login/alice/hff");
  // path.Join cleans the path: no doubled or trailing slash survives.
  CHECK(token_lease_id("auth/token/create/", "h1") == "auth/token/create/h1");
  CHECK(token_lease_id("auth//approle/login", "h1") == "auth/approle/login/h1");
  CHECK(token_lease_id("auth/./token/create", "h1") == "auth/token/create/h1");
}

SCENARIO("a revocation at or after a lease's expiry instant finds it expired") {
  lease_entry e;
  e.expire_time = at(1h);
  CHECK_FALSE(revocation_finds_expired(e, trace_cause::owner_revoked, at(1h - 1ms)));
  CHECK(revocation_finds_expired(e, trace_cause::owner_revoked, at(1h)));
  CHECK(revocation_finds_expired(e, trace_cause::request, at(2h)));
  // The timer's own revocation is the expiry, not a revocation that finds one.
  CHECK_FALSE(revocation_finds_expired(e, trace_cause::ttl_expired, at(1h)));
}

SCENARIO("a lease can be renewed only while it has a future expiry and its flag allows it") {
  lease_times t;
  t.expire_time = at(1h);
  CHECK_FALSE(lease_not_renewable(t, at(30min)));
  CHECK_FALSE(lease_not_renewable(t, at(1h))); // ExpireTime.Before(now) is false at the instant
  CHECK(lease_not_renewable(t, at(1h + 1s)) == texts::lease_expired);
  t.renewable = false;
  CHECK(lease_not_renewable(t, at(30min)) == texts::lease_not_renewable);
  // A root token's lease never expires and so is never renewable, whatever its flag says.
  lease_times root;
  root.expire_time.reset();
  CHECK(lease_not_renewable(root, at(0s)) == texts::lease_not_renewable);
}

SCENARIO("a lease lookup shows the lease's times, a non-expiring lease has ttl 0 and no expiry") {
  lease_times t;
  t.issue_time = at(0s);
  t.expire_time = at(1h);
  auto d = lease_lookup_data("auth/token/create/h1", t, at(10min + 400ms), 1704067200);
  CHECK(std::get<std::string>(d.at("id")) == "auth/token/create/h1");
  CHECK(std::get<std::string>(d.at("issue_time")) == "2024-01-01T00:00:00Z");
  CHECK(std::get<std::string>(d.at("expire_time")) == "2024-01-01T01:00:00Z");
  CHECK(std::holds_alternative<std::monostate>(d.at("last_renewal")));
  CHECK(std::get<bool>(d.at("renewable")));
  CHECK(int_of(d, "ttl") == 3000); // now rounded to the second: 10m0s
  auto later = lease_lookup_data("x", t, at(10min + 500ms), 0);
  CHECK(int_of(later, "ttl") == 2999); // Go rounds half away from zero: 10m1s

  lease_times root;
  root.expire_time.reset();
  auto r = lease_lookup_data("auth/token/create/h2", root, at(5h), 0);
  CHECK(std::holds_alternative<std::monostate>(r.at("expire_time")));
  CHECK(int_of(r, "ttl") == 0);
  CHECK_FALSE(std::get<bool>(r.at("renewable")));
}

SCENARIO("a token's lease carries its issue time, expiry, last renewal and renewable flag") {
  token_entry e;
  e.issue_time = at(1min);
  e.expire_time = at(2h);
  e.last_renewal = at(1h);
  e.renewable = false;
  auto t = token_lease_times(e);
  CHECK(t.issue_time == at(1min));
  CHECK(t.expire_time == at(2h));
  CHECK(t.last_renewal == at(1h));
  CHECK_FALSE(t.renewable);
}

SCENARIO("a prefix revocation reaches the leases below the prefix, in ScanView's order") {
  const std::vector<std::string> ids = {
    "auth/token/create-orphan/h9", "auth/token/create/h2",      "auth/token/create/h7",
    "auth/token/create/ops/h1",    "auth/token/create/web/h3",  "auth/token/create/web/h4",
    "database/creds/readonly/a",   "database/creds/readonly2/b"};
  GIVEN("a prefix that is no lease ID") {
    THEN("it is a folder: create-orphan is not under create, readonly2 not under readonly") {
      CHECK(prefix_revocation_order(ids, "auth/token/create") ==
            std::vector<std::string>{"auth/token/create/h2", "auth/token/create/h7",
                                     "auth/token/create/web/h3", "auth/token/create/web/h4",
                                     "auth/token/create/ops/h1"});
      CHECK(prefix_revocation_order(ids, "database/creds/readonly") ==
            std::vector<std::string>{"database/creds/readonly/a"});
    }
    THEN("a trailing slash means the same folder") {
      CHECK(prefix_revocation_order(ids, "auth/token/create/") ==
            prefix_revocation_order(ids, "auth/token/create"));
    }
    THEN("the subfolders are walked last one first, each after the folder's own keys") {
      CHECK(prefix_revocation_order(ids, "database/creds") ==
            std::vector<std::string>{"database/creds/readonly2/b", "database/creds/readonly/a"});
    }
    THEN("a part of a segment reaches nothing") {
      CHECK(prefix_revocation_order(ids, "auth/tok").empty());
    }
  }
  GIVEN("a prefix that is a whole lease ID") {
    THEN("that lease alone is revoked") {
      CHECK(prefix_revocation_order(ids, "auth/token/create/h7") ==
            std::vector<std::string>{"auth/token/create/h7"});
    }
  }
}

SCENARIO("a secret lease's TTL at issue and at renewal: the max counts from the issue") {
  system_view view;
  view.mount = "aws/";
  view.default_lease_ttl = 1h;
  view.max_lease_ttl = 10h;
  lease_entry e;
  auto issued = issue_secret_lease(e, view, at(0h));
  REQUIRE(issued);
  CHECK(e.issue_time == at(0h));
  CHECK(e.ttl == 1h); // the mount's default: the engine asked for none
  CHECK(e.expire_time == at(1h));
  CHECK_FALSE(e.last_renewal);

  // Renewed at 6h by 9h, the lease reaches its max at 10h: a TTL of 4h (the documented example).
  e.expire_time = at(7h); // as after earlier renewals
  auto renewed = renew_secret_lease(e, view, 9h, at(6h));
  REQUIRE(renewed);
  CHECK(renewed->ttl == 4h);
  CHECK(e.expire_time == at(10h));
  CHECK(e.ttl == 4h);
  CHECK(e.last_renewal == at(6h));

  WHEN("it has expired, or its flag forbids it, the renewal is refused and nothing changes") {
    auto late = renew_secret_lease(e, view, 1h, at(10h + 1s));
    REQUIRE_FALSE(late);
    CHECK(late.error().status == 400);
    CHECK(late.error().message() == texts::lease_expired);
    e.renewable = false;
    auto refused = renew_secret_lease(e, view, 1h, at(8h));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message() == texts::lease_not_renewable);
    CHECK(e.expire_time == at(10h));
  }
  WHEN("its engine panics on renewal, the client gets no response and the lease is as it was") {
    e.renew_panics = true;
    auto lost = renew_secret_lease(e, view, 1h, at(8h));
    REQUIRE_FALSE(lost);
    CHECK(lost.error().status == 0);
    CHECK(lost.error().message() == texts::no_response);
    CHECK(e.expire_time == at(10h));
    CHECK(e.last_renewal == at(6h));
  }
}

SCENARIO("a lease read with a batch token never outlives the token, at issue or at renewal") {
  system_view view;
  view.mount = "aws/";
  view.default_lease_ttl = 1h;
  view.max_lease_ttl = 10h;
  lease_entry e;
  e.cap = at(30min);
  REQUIRE(issue_secret_lease(e, view, at(0h)));
  CHECK(e.ttl == 1h); // the response shows the granted TTL
  CHECK(e.expire_time == at(30min));
  auto renewed = renew_secret_lease(e, view, 1h, at(10min));
  REQUIRE(renewed);
  CHECK(e.expire_time == at(30min));
  CHECK(e.ttl == 20min);
  REQUIRE(renewed->token_cap);
  CHECK(renewed->token_cap->expiry == at(30min));
}
