// The invariant checker on traces written by hand: each invariant catches what it names,
// and a trace Vault could have made passes.

#include "runner/invariants.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

sim_time at_s(std::int64_t s) {
  return sim_time{secs(s)};
}

trace_event event(trace_kind k, std::int64_t at, std::string subject, std::string related = {},
                  std::optional<std::int64_t> expires = std::nullopt) {
  trace_event e;
  e.kind = k;
  e.at = at_s(at);
  e.subject = std::move(subject);
  e.related = std::move(related);
  if (expires)
    e.expires = at_s(*expires);
  return e;
}

// A CalculateTTL decision at `now` from `start`: TTL `ttl`, max `max`, deadline start + max.
ttl_decision decision(std::int64_t start, std::int64_t now, std::int64_t ttl, std::int64_t max) {
  ttl_decision d;
  d.start = at_s(start);
  d.now = at_s(now);
  d.ttl = secs(ttl);
  d.max_ttl = secs(max);
  d.basis = ttl_basis::backend_ttl;
  d.deadline = d.start + d.max_ttl;
  d.remaining = *d.deadline - d.now;
  return d;
}

trace_event created(std::int64_t at, std::string id, std::string parent, std::int64_t ttl,
                    std::int64_t max = 36000, trace_kind k = trace_kind::token_created) {
  auto e = event(k, at, std::move(id), std::move(parent), at + ttl);
  e.ttl = decision(at, at, ttl, max);
  return e;
}

trace_event ended(trace_kind k, std::int64_t at, std::string id, trace_cause cause,
                  std::string related = {}) {
  auto e = event(k, at, std::move(id), std::move(related));
  e.cause = cause;
  return e;
}

// Feeds each step's events; returns the invariants broken, in order.
std::vector<std::string> check(const std::vector<std::pair<std::vector<trace_event>, std::int64_t>>& steps) {
  invariant_checker c;
  std::vector<invariant_violation> out;
  const source_loc loc{"t.vlab", 1, 1};
  std::size_t i = 0;
  for (const auto& [events, now] : steps)
    c.feed(events, at_s(now), loc, i++, out);
  std::vector<std::string> names;
  for (const auto& v : out)
    names.push_back(v.invariant + ": " + v.detail);
  return names;
}

std::string first(const std::vector<std::string>& v) {
  return v.empty() ? "(none)" : v.front();
}

} // namespace

TEST_CASE("a trace Vault could make breaks no invariant") {
  // parent with a child and a lease; the parent expires at 1h and takes both with it.
  auto lease = created(10, "aws/creds/r/L", "P", 7200, 36000, trace_kind::lease_created);
  CHECK(check({
          {{created(0, "P", "", 3600), created(0, "C", "P", 7200)}, 0},
          {{lease}, 10},
          {{event(trace_kind::token_expired, 3600, "P"),
            ended(trace_kind::lease_revoked, 3600, "aws/creds/r/L", trace_cause::owner_revoked, "P"),
            ended(trace_kind::token_revoked, 3600, "C", trace_cause::parent_revoked, "P"),
            ended(trace_kind::token_revoked, 3600, "P", trace_cause::ttl_expired)},
           3600},
        })
          .empty());
}

TEST_CASE("a lease that expires on its own is on time, and an orphaned child outlives its parent") {
  auto lease = created(0, "kv/L", "", 60, 36000, trace_kind::lease_created);
  auto orphan = event(trace_kind::token_orphaned, 30, "C", "P");
  CHECK(check({
          {{created(0, "P", "", 3600), created(0, "C", "P", 3600), lease}, 0},
          {{ended(trace_kind::token_revoked, 30, "P", trace_cause::request), orphan}, 30},
          {{event(trace_kind::lease_expired, 60, "kv/L"),
            ended(trace_kind::lease_revoked, 60, "kv/L", trace_cause::ttl_expired)},
           60},
        })
          .empty());
}

TEST_CASE("each invariant names what broke it") {
  SECTION("a live child of a revoked token") {
    auto v = check({{{created(0, "P", "", 3600), created(0, "C", "P", 3600),
                      ended(trace_kind::token_revoked, 0, "P", trace_cause::request)},
                     0}});
    CHECK(first(v) == "child-dies-with-parent: token C is still live after its parent token P ended");
  }
  SECTION("a live lease of a revoked token") {
    auto v = check({{{created(0, "P", "", 3600),
                      created(0, "aws/creds/r/L", "P", 600, 36000, trace_kind::lease_created),
                      ended(trace_kind::token_revoked, 0, "P", trace_cause::request)},
                     0}});
    CHECK(first(v) == "lease-dies-with-token: lease aws/creds/r/L is still live after its owner "
                      "token P ended");
  }
  SECTION("a child created under an ended token") {
    auto v = check({{{created(0, "P", "", 3600),
                      ended(trace_kind::token_revoked, 0, "P", trace_cause::request)},
                     0},
                    {{created(5, "C", "P", 60)}, 5}});
    CHECK(first(v) == "child-dies-with-parent: token C is created for token P, which ended at or "
                      "before t+5s");
  }
  SECTION("a TTL past its max") {
    auto e = created(0, "T", "", 7200);
    e.ttl->max_ttl = secs(3600);
    e.ttl->deadline = at_s(3600);
    CHECK(first(check({{{e}, 0}})).rfind("ttl-within-max: token T (token_created): TTL 2h is above "
                                          "its max TTL 1h",
                                          0) == 0);
  }
  SECTION("an expiry past the decision's") {
    auto e = created(0, "T", "", 60);
    e.expires = at_s(120);
    CHECK(first(check({{{e}, 0}})) ==
          "ttl-within-max: token T (token_created): it ends at t+2m, the decision says t+1m");
  }
  SECTION("a renewal whose max counts from the renewal") {
    auto r = event(trace_kind::token_renewed, 1800, "T", "", 5400);
    r.ttl = decision(1800, 1800, 3600, 3600);
    CHECK(first(check({{{created(0, "T", "", 3600)}, 0}, {{r}, 1800}})) ==
          "ttl-within-max: token T (token_renewed): the renewal counts from t+30m, not from its "
          "issue at t+0s");
  }
  SECTION("a token that never expires, though its TTL had a deadline") {
    auto e = created(0, "T", "", -1);
    e.expires.reset();
    CHECK(first(check({{{e}, 0}})) == "ttl-within-max: token T (token_created): it never expires, "
                                      "though its deadline is t+10h");
  }
  SECTION("a token live past its expiry") {
    auto v = check({{{created(0, "T", "", 60)}, 0}, {{}, 120}});
    CHECK(first(v) == "expires-on-time: token T is still live at t+2m, past its expiry at t+1m");
  }
  SECTION("a token that expires early") {
    auto v = check({{{created(0, "T", "", 60)}, 0},
                    {{event(trace_kind::token_expired, 30, "T"),
                      ended(trace_kind::token_revoked, 30, "T", trace_cause::ttl_expired)},
                     30}});
    CHECK(first(v) == "expires-on-time: token T expires at t+30s, its expiry is t+1m");
  }
  SECTION("a token ended twice") {
    auto v = check({{{created(0, "T", "", 60), ended(trace_kind::token_revoked, 0, "T", trace_cause::request),
                      ended(trace_kind::token_revoked, 0, "T", trace_cause::request)},
                     0}});
    CHECK(first(v) == "expires-on-time: token T ends twice");
  }
}

TEST_CASE("an object created at its own expiry instant may end with the next step") {
  // A lease read with a batch token at the token's last instant ends at once; its timer is due
  // now and fires when the clock next moves.
  auto lease = created(60, "aws/creds/r/L", "", 600, 36000, trace_kind::lease_created);
  lease.expires = at_s(60);
  lease.ttl->token_cap = token_expiry_cap{at_s(60), sim_duration::zero(), false};
  CHECK(check({{{lease}, 60},
               {{event(trace_kind::lease_expired, 60, "aws/creds/r/L"),
                 ended(trace_kind::lease_revoked, 60, "aws/creds/r/L", trace_cause::ttl_expired)},
                120}})
          .empty());
}

TEST_CASE("the checker stops while a fleet counts and starts afresh once the lab traces again") {
  invariant_checker c;
  std::vector<invariant_violation> out;
  const source_loc loc{"t.vlab", 1, 1};
  // Before the fleet: T lives until 1h. While events are counted, its expiry is not traced.
  c.feed({created(0, "T", "", 3600)}, at_s(0), loc, 0, out);
  c.stop();
  c.feed({created(60, "C", "T", 60)}, at_s(7200), loc, 1, out); // not checked while stopped
  CHECK(out.empty());
  // Traced again: T's end was counted, so the checker must not call T late; what is traced
  // from now on is checked.
  c.resume();
  c.feed({created(7200, "U", "", 600)}, at_s(7200), loc, 2, out);
  CHECK(out.empty());
  c.feed({}, at_s(9000), loc, 3, out);
  REQUIRE(out.size() == 1);
  CHECK(out.front().invariant == "expires-on-time");
  CHECK(out.front().detail == "token U is still live at t+2h30m, past its expiry at t+2h10m");
  CHECK(out.front().step == 3);
}
