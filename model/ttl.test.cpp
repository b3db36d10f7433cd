#include "model/ttl.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace tokenlab;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

namespace {

sim_duration h(std::int64_t n) {
  return hours{n};
}
sim_duration m(std::int64_t n) {
  return minutes{n};
}
sim_duration s(std::int64_t n) {
  return secs(n);
}
sim_duration ms(std::int64_t n) {
  return milliseconds{n};
}
sim_time at(sim_duration d) {
  return sim_time{d};
}

system_view view_of(sim_duration def, sim_duration max) {
  return effective_view(system_config{def, max}, mount_tune{}, "auth/token/");
}

/// One CalculateTTL case: the inputs, then the expected granted TTL and warnings.
struct ttl_case {
  std::string name;
  system_view view;
  ttl_request req;
  sim_duration ttl;
  std::vector<std::string> warnings;
};

ttl_request request(sim_duration increment, sim_duration backend_ttl, sim_duration period,
                    sim_duration backend_max, sim_duration explicit_max,
                    std::optional<sim_time> start, sim_time now) {
  ttl_request r;
  r.increment = increment;
  r.backend_ttl = backend_ttl;
  r.period = period;
  r.backend_max_ttl = backend_max;
  r.explicit_max_ttl = explicit_max;
  r.start = start;
  r.now = now;
  return r;
}

} // namespace

SCENARIO("a mount's tuned values replace the system values") {
  const system_config sys; // Vault's defaults, 768h / 768h
  GIVEN("auth/token/ tuned to max_lease_ttl=2h") {
    const auto v = effective_view(sys, mount_tune{s(0), h(2)}, "auth/token/");
    THEN("the max is the mount's and the default stays the system's") {
      CHECK(v.mount == "auth/token/");
      CHECK(v.max_lease_ttl == h(2));
      CHECK(v.max_source == ttl_source::mount_tune);
      CHECK(v.default_lease_ttl == h(768));
      CHECK(v.default_source == ttl_source::system_config);
    }
  }
  GIVEN("a mount tuned above the system max") {
    const auto v = effective_view(system_config{h(1), h(2)}, mount_tune{h(3), h(1000)}, "aws/");
    THEN("the tuned values win even though they are larger") {
      CHECK(v.default_lease_ttl == h(3));
      CHECK(v.default_source == ttl_source::mount_tune);
      CHECK(v.max_lease_ttl == h(1000));
      CHECK(v.max_source == ttl_source::mount_tune);
    }
  }
  GIVEN("an untuned mount") {
    const auto v = effective_view(system_config{h(1), h(2)}, mount_tune{}, "aws/");
    THEN("both values come from the server config") {
      CHECK(v.default_lease_ttl == h(1));
      CHECK(v.max_lease_ttl == h(2));
      CHECK(v.default_source == ttl_source::system_config);
      CHECK(v.max_source == ttl_source::system_config);
    }
  }
}

TEST_CASE("CalculateTTL grants what the rules of sdk/framework/lease.go say") {
  const auto v10h = view_of(h(768), h(10));
  const auto tuned2h = effective_view(system_config{}, mount_tune{s(0), h(2)}, "auth/token/");
  const auto v768 = view_of(h(768), h(768));
  const auto v10s = view_of(s(10), s(10));
  const auto v6h = view_of(h(768), h(6));
  const auto v2h = view_of(h(768), h(2));
  const sim_duration z{0};
  const std::optional<sim_time> created{}; // start unset: creation, start = now

  const std::vector<ttl_case> cases = {
    // --- the documented examples (spec §3.5, §11) ---
    {"PR #1375: max 10h, issued 6h ago, renew +9h gives 4h",
     v10h,
     request(h(9), z, z, z, z, at(z), at(h(6))),
     h(4),
     {R"(TTL of "9h" exceeded the effective max_ttl of "4h"; TTL value is capped accordingly)"}},
    {"tune max 2h, renew 43 s after creation gives 7157 s",
     tuned2h,
     request(z, h(768), z, z, z, at(z), at(s(43))),
     s(7157),
     {R"(TTL of "768h" exceeded the effective max_ttl of "1h59m17s"; TTL value is capped accordingly)"}},
    {"the same renewal at t+100s gives 7100 s",
     tuned2h,
     request(z, s(7157), z, z, z, at(z), at(s(100))),
     s(7100),
     {R"(TTL of "1h59m17s" exceeded the effective max_ttl of "1h58m20s"; TTL value is capped accordingly)"}},
    {"now is truncated to the second: 43.9 s counts as 43 s",
     tuned2h,
     request(z, h(768), z, z, z, at(ms(700)), at(ms(43'900))),
     s(7157),
     {R"(TTL of "768h" exceeded the effective max_ttl of "1h59m17s"; TTL value is capped accordingly)"}},
    // --- creation (spec §3.3) ---
    {"a token created without a ttl gets the default",
     v768,
     request(z, z, z, z, z, created, at(s(5))),
     h(768),
     {}},
    {"ttl 1000h is capped to the 768h max",
     v768,
     request(z, h(1000), z, z, z, created, at(s(5))),
     h(768),
     {R"(TTL of "1000h" exceeded the effective max_ttl of "768h"; TTL value is capped accordingly)"}},
    {"explicit_max_ttl 10m caps a 1h ttl",
     v768,
     request(z, h(1), z, z, m(10), created, at(z)),
     m(10),
     {R"(TTL of "1h" exceeded the effective max_ttl of "10m"; TTL value is capped accordingly)"}},
    {"a negative increment falls through to the stored TTL",
     v768,
     request(h(-1), m(30), z, z, z, at(z), at(m(5))),
     m(30),
     {}},
    // --- periodic ---
    {"a periodic renewal ignores the increment",
     v768,
     request(h(5), h(2), h(1), z, z, at(z), at(h(100))),
     h(1),
     {}},
    {"a period above the mount max is capped with the period warning",
     v2h,
     request(z, z, h(24), z, z, at(z), at(h(50))),
     h(2),
     {R"(period of "24h" exceeded the effective max_ttl of "2h"; period value is capped accordingly)"}},
    {"a periodic token with an explicit max stops at start + explicit max",
     v768,
     request(z, z, h(1), z, m(90), at(z), at(h(1))),
     m(30),
     {R"(TTL of "1h" exceeded the effective max_ttl of "30m"; TTL value is capped accordingly)"}},
    // --- TestTokenStore_RolePeriod / _Periodic_ExplicitMax numbers (spec §3.5(c)) ---
    {"RolePeriod: a plain token gets the 10 s max",
     v10s,
     request(z, z, z, z, z, created, at(z)),
     s(10),
     {}},
    {"RolePeriod: renew-self after 2 s is capped to 8 s",
     v10s,
     request(z, s(10), z, z, z, at(z), at(s(2))),
     s(8),
     {R"(TTL of "10s" exceeded the effective max_ttl of "8s"; TTL value is capped accordingly)"}},
    {"RolePeriod: a period-5 token gets 5 s",
     v10s,
     request(z, z, s(5), z, z, created, at(z)),
     s(5),
     {}},
    {"RolePeriod: renew +2 after 3 s gives the period back",
     v10s,
     request(s(2), s(5), s(5), z, z, at(z), at(s(3))),
     s(5),
     {}},
    {"Periodic_ExplicitMax: period 5, explicit max 4 gives 4 s",
     v10s,
     request(z, z, s(5), z, s(4), created, at(z)),
     s(4),
     {R"(period of "5s" exceeded the effective max_ttl of "4s"; period value is capped accordingly)"}},
    {"Periodic_ExplicitMax: renew +76 after 2 s gives 2 s and both warnings",
     v10s,
     request(s(76), s(4), s(5), z, s(4), at(z), at(s(2))),
     s(2),
     {R"(period of "5s" exceeded the effective max_ttl of "4s"; period value is capped accordingly)",
      R"(TTL of "4s" exceeded the effective max_ttl of "2s"; TTL value is capped accordingly)"}},
    // --- §11: ttl=2h token, mount max 6h ---
    {"§11: renew at 1h keeps 2h", v6h, request(z, h(2), z, z, z, at(z), at(h(1))), h(2), {}},
    {"§11: renew at 3h keeps 2h", v6h, request(z, h(2), z, z, z, at(z), at(h(3))), h(2), {}},
    {"§11: renew +2h at 5h is capped at 6h",
     v6h,
     request(h(2), h(2), z, z, z, at(z), at(h(5))),
     h(1),
     {R"(TTL of "2h" exceeded the effective max_ttl of "1h"; TTL value is capped accordingly)"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto r = calculate_ttl(c.view, c.req);
    REQUIRE(r.ok());
    CHECK(r->ttl == c.ttl);
    CHECK(r->warnings == c.warnings);
  }
}

TEST_CASE("CalculateTTL matches every case of Vault's lease_test.go TestCalculateTTL") {
  // sdk/framework/lease_test.go: sys default 5h, sys max 30h, startTime zero (= now).
  const auto sys = view_of(h(5), h(30));
  const sim_duration z{0};
  const sim_time now = at(h(1000));
  struct row {
    std::string name;
    sim_duration increment, backend_default, backend_max, period, explicit_max, result;
    std::vector<std::string> warnings;
  };
  const std::vector<row> rows = {
    {"valid request, good bounds, increment is preferred", h(1), h(30), z, z, z, h(1), {}},
    {"valid request, zero backend default, uses increment", h(1), z, z, z, z, h(1), {}},
    {"lease increment is zero, uses backend default", z, h(30), z, z, z, h(30), {}},
    {"lease increment and default are zero, uses systemview", z, z, z, z, z, h(5), {}},
    {"backend max and associated request are too long",
     z,
     h(40),
     h(45),
     z,
     z,
     h(30),
     {R"(TTL of "40h" exceeded the effective max_ttl of "30h"; TTL value is capped accordingly)"}},
    {"all request values are larger than the system view, so the system view limits",
     h(40),
     h(40),
     h(50),
     z,
     z,
     h(30),
     {R"(TTL of "40h" exceeded the effective max_ttl of "30h"; TTL value is capped accordingly)"}},
    {"request within backend max", h(4), h(9), h(5), z, z, h(4), {}},
    {"request outside backend max",
     h(5),
     h(9),
     h(4),
     z,
     z,
     h(4),
     {R"(TTL of "5h" exceeded the effective max_ttl of "4h"; TTL value is capped accordingly)"}},
    {"request is negative, no backend default, use sysview", h(-7), z, z, z, z, h(5), {}},
    {"lease increment too large",
     h(40),
     z,
     z,
     z,
     z,
     h(30),
     {R"(TTL of "40h" exceeded the effective max_ttl of "30h"; TTL value is capped accordingly)"}},
    {"periodic, good request, period is preferred", h(3), h(4), h(2), h(1), z, h(1), {}},
    {"period too large, explicit max ttl is preferred",
     z,
     z,
     z,
     h(2),
     h(1),
     h(1),
     {R"(period of "2h" exceeded the effective max_ttl of "1h"; period value is capped accordingly)"}},
    {"period too large, capped by backend max",
     z,
     z,
     h(1),
     h(2),
     z,
     h(1),
     {R"(period of "2h" exceeded the effective max_ttl of "1h"; period value is capped accordingly)"}},
  };
  for (const auto& c : rows) {
    CAPTURE(c.name);
    const auto r = calculate_ttl(sys, request(c.increment, c.backend_default, c.period,
                                              c.backend_max, c.explicit_max, std::nullopt, now));
    REQUIRE(r.ok());
    CHECK(r->ttl == c.result);
    CHECK(r->warnings == c.warnings);
  }
}

TEST_CASE("CalculateTTL refuses with Vault's internal errors") {
  struct err_case {
    std::string name;
    system_view view;
    ttl_request req;
    std::string error;
  };
  const sim_duration z{0};
  const std::vector<err_case> cases = {
    {"a renewal at 3h past a 2h max fails", view_of(h(768), h(2)),
     request(z, h(768), z, z, z, at(z), at(h(3))), "past the max TTL, cannot renew"},
    {"a renewal exactly at the deadline fails", view_of(h(768), h(6)),
     request(h(2), h(1), z, z, z, at(z), at(h(6))), "past the max TTL, cannot renew"},
    {"a renewal 0.9 s past the deadline still counts as the deadline", view_of(h(768), h(2)),
     request(z, h(1), z, z, z, at(z), at(h(2) + ms(900))), "past the max TTL, cannot renew"},
    {"a periodic token past its explicit max fails", view_of(h(768), h(768)),
     request(z, z, h(1), z, h(24), at(z), at(h(24))), "past the max TTL, cannot renew"},
    {"no positive max fails", view_of(h(1), z), request(z, z, z, z, z, std::nullopt, at(z)),
     "max TTL must be greater than zero"},
    {"an explicit max only lowers the max, so it cannot rescue a zero one", view_of(h(1), z),
     request(z, z, z, h(1), h(1), std::nullopt, at(z)), "max TTL must be greater than zero"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto r = calculate_ttl(c.view, c.req);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == vault_error::internal(c.error));
    CHECK(r.error().status == 500);
  }
}

SCENARIO("a renewal past the max TTL is capped to what remains, and the decision shows why") {
  GIVEN("auth/token/ tuned to max 2h and a default token issued at t+0.7s") {
    const auto v = effective_view(system_config{}, mount_tune{s(0), h(2)}, "auth/token/");
    WHEN("it is renewed without increment at t+43.9s") {
      const auto r =
        calculate_ttl(v, request(s(0), h(768), s(0), s(0), s(0), at(ms(700)), at(ms(43'900))));
      REQUIRE(r.ok());
      THEN("every number of the formula is reported") {
        CHECK(r->ttl == s(7157));
        CHECK(r->view.mount == "auth/token/");
        CHECK(r->view.max_source == ttl_source::mount_tune);
        CHECK(r->max_ttl == h(2));
        CHECK(r->max_from == max_basis::system_view);
        CHECK(r->basis == ttl_basis::backend_ttl);
        CHECK(r->requested == h(768));
        CHECK(r->start == at(s(0)));
        CHECK(r->now == at(s(43)));
        REQUIRE(r->deadline.has_value());
        CHECK(*r->deadline == at(h(2)));
        REQUIRE(r->remaining.has_value());
        CHECK(*r->remaining == s(7157));
        CHECK(r->capped);
      }
    }
  }
}

SCENARIO("the decision records which limit and which input were used") {
  const sim_duration z{0};
  GIVEN("a backend max below the system max") {
    const auto r =
      calculate_ttl(view_of(h(5), h(30)), request(h(1), z, z, h(4), z, std::nullopt, at(h(1))));
    REQUIRE(r.ok());
    THEN("the max comes from the backend and the TTL from the increment, uncapped") {
      CHECK(r->max_from == max_basis::backend_max);
      CHECK(r->max_ttl == h(4));
      CHECK(r->basis == ttl_basis::increment);
      CHECK(r->requested == h(1));
      CHECK(r->start == at(h(1)));
      CHECK(r->deadline == at(h(5)));
      CHECK(r->remaining == h(4));
      CHECK_FALSE(r->capped);
    }
  }
  GIVEN("an explicit max below both others") {
    const auto r =
      calculate_ttl(view_of(h(5), h(30)), request(z, z, z, h(4), m(10), std::nullopt, at(z)));
    REQUIRE(r.ok());
    THEN("the explicit max wins and the system default is asked for") {
      CHECK(r->max_from == max_basis::explicit_max);
      CHECK(r->max_ttl == m(10));
      CHECK(r->basis == ttl_basis::system_default);
      CHECK(r->requested == h(5));
      CHECK(r->ttl == m(10));
      CHECK(r->capped);
    }
  }
  GIVEN("a periodic token without explicit max") {
    const auto r =
      calculate_ttl(view_of(h(5), h(30)), request(h(9), z, h(40), z, z, at(z), at(h(500))));
    REQUIRE(r.ok());
    THEN("it has no deadline and its capped period is what it asked for") {
      CHECK(r->basis == ttl_basis::period);
      CHECK(r->ttl == h(30));
      CHECK(r->requested == h(30));
      CHECK_FALSE(r->deadline.has_value());
      CHECK_FALSE(r->remaining.has_value());
      CHECK(r->capped);
      CHECK(r->warnings.size() == 1);
    }
  }
}

SCENARIO("a lease read with a batch token ends with it, only a renewal's response says so") {
  const auto v = view_of(h(768), h(768));
  ttl_request in;
  in.now = at(m(5));
  auto created = calculate_ttl(v, in);
  REQUIRE(created.ok());
  // Registration: the lease's expiry is the token's, the decision keeps CalculateTTL's TTL.
  const sim_time token_expiry = at(m(20));
  CHECK(cap_to_token_expiry(*created, at(m(5)), token_expiry, false) == token_expiry);
  CHECK(created->ttl == h(768));
  REQUIRE(created->token_cap);
  CHECK(created->token_cap->left == m(15));
  CHECK_FALSE(created->token_cap->in_response);
  // A renewal records that its response is cut too.
  auto renewed = calculate_ttl(v, in);
  REQUIRE(renewed.ok());
  cap_to_token_expiry(*renewed, at(m(5)), token_expiry, true);
  CHECK(renewed->token_cap->in_response);
  // No batch token, or a lease that ends first: nothing is cut.
  auto plain = calculate_ttl(v, in);
  CHECK(cap_to_token_expiry(*plain, at(m(5)), std::nullopt, false) == at(m(5)) + h(768));
  CHECK(cap_to_token_expiry(*plain, at(m(5)), at(h(1000)), false) == at(m(5)) + h(768));
  CHECK_FALSE(plain->token_cap);
}
