#include "model/tune.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace tokenlab;

namespace {

sim_duration h(std::int64_t n) {
  return std::chrono::hours{n};
}
sim_duration s(std::int64_t n) {
  return secs(n);
}

mount_tune_request fields_request(const field_map& fields, const std::string& mount = "auth/x/") {
  auto r = tune_request_from_fields(mount, fields);
  REQUIRE(r.ok());
  return *r;
}

} // namespace

TEST_CASE("a tune is accepted unless both of the mount's values are set and max is below default") {
  struct tune_case {
    std::string name;
    mount_tune current;
    std::optional<sim_duration> def;
    std::optional<sim_duration> max;
    std::optional<mount_tune> result;
    std::string error;
  };
  const std::vector<tune_case> cases = {
    {"max alone", {}, std::nullopt, h(2), mount_tune{s(0), h(2)}, ""},
    {"default alone above the system max",
     {},
     h(1000),
     std::nullopt,
     mount_tune{h(1000), s(0)},
     ""},
    {"both, max below default",
     {},
     h(2),
     h(1),
     std::nullopt,
     "backend max lease TTL of 3600 would be less than backend default lease TTL of 7200"},
    {"new max below the current default",
     {h(2), s(0)},
     std::nullopt,
     h(1),
     std::nullopt,
     "backend max lease TTL of 3600 would be less than backend default lease TTL of 7200"},
    {"new default above the current max",
     {s(0), h(2)},
     h(3),
     std::nullopt,
     std::nullopt,
     "backend max lease TTL of 7200 would be less than backend default lease TTL of 10800"},
    {"max reset to system (0) lifts the check",
     {h(2), h(6)},
     std::nullopt,
     s(0),
     mount_tune{h(2), s(0)},
     ""},
    {"equal values", {}, h(2), h(2), mount_tune{h(2), h(2)}, ""},
    {"nothing given keeps the current tune",
     {h(1), h(6)},
     std::nullopt,
     std::nullopt,
     mount_tune{h(1), h(6)},
     ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    mount_tune_request req;
    req.default_lease_ttl = c.def;
    req.max_lease_ttl = c.max;
    const auto r = apply_tune(c.current, req, mount_kind::token);
    if (c.result) {
      REQUIRE_FALSE(r.error);
      CHECK(r.tune.default_lease_ttl == c.result->default_lease_ttl);
      CHECK(r.tune.max_lease_ttl == c.result->max_lease_ttl);
    } else {
      REQUIRE(r.error);
      CHECK(*r.error == vault_error::invalid(c.error));
      CHECK(r.tune == c.current);
    }
  }
}

TEST_CASE("a tune's TTL text: \"\" keeps, \"system\" resets, anything else is parsed, negatives too") {
  const mount_tune tuned{h(1), h(6)};
  auto keep = apply_tune(tuned, fields_request({{"default_lease_ttl", ""}}), mount_kind::auth);
  CHECK(keep.tune == tuned);
  auto reset = apply_tune(tuned, fields_request({{"max_lease_ttl", "system"}}), mount_kind::auth);
  CHECK(reset.tune.max_lease_ttl == s(0));
  CHECK(reset.tune.default_lease_ttl == h(1));
  // The API stores a negative value as sent: the mount then has no positive max.
  auto negative = apply_tune({}, fields_request({{"max_lease_ttl", "-1"}}), mount_kind::token);
  CHECK_FALSE(negative.error);
  CHECK(negative.tune.max_lease_ttl == s(-1));
  CHECK(effective_view(system_config{}, negative.tune, "auth/token/").max_lease_ttl == s(-1));
  // A text that does not parse is the parser's own error, and nothing changes.
  auto bad = apply_tune(tuned, fields_request({{"default_lease_ttl", "abc"}}), mount_kind::auth);
  REQUIRE(bad.error);
  CHECK(*bad.error == vault_error::invalid(R"(time: invalid duration "abc")"));
  CHECK(bad.tune == tuned);
  // Fields the lab does not model are refused as such; others are ignored.
  auto desc = tune_request_from_fields("auth/x/", {{"description", "d"}});
  REQUIRE_FALSE(desc.ok());
  CHECK(desc.error().message() == "tuning description is not modelled by tokenlab yet");
  CHECK(tune_request_from_fields("auth/x/", {{"colour", "blue"}}).ok());
}

TEST_CASE("token_type is tuned on auth mounts only, never on the token mount, after the TTLs") {
  auto req = fields_request({{"token_type", "default-batch"}, {"max_lease_ttl", "2h"}});
  auto auth = apply_tune({}, req, mount_kind::auth);
  CHECK_FALSE(auth.error);
  CHECK(auth.tune.token_type == "default-batch");
  CHECK(auth.tune.max_lease_ttl == h(2));
  // The token mount refuses any token_type, yet keeps the TTL applied before the check.
  auto token = apply_tune({}, req, mount_kind::token);
  REQUIRE(token.error);
  CHECK(*token.error ==
        vault_error::invalid("'token_type' cannot be set for 'token' or 'ns_token' auth mounts"));
  CHECK(token.tune.max_lease_ttl == h(2));
  CHECK(token.tune.token_type == "default-service");
  auto secrets = apply_tune({}, req, mount_kind::secrets);
  REQUIRE(secrets.error);
  CHECK(*secrets.error ==
        vault_error::invalid("'token_type' can only be modified on auth mounts"));
  auto bad = apply_tune({}, fields_request({{"token_type", "default"}}), mount_kind::auth);
  REQUIRE(bad.error);
  CHECK(*bad.error == vault_error::invalid("invalid value for 'token_type'"));
  auto empty = apply_tune(mount_tune{s(0), s(0), "batch"}, fields_request({{"token_type", ""}}),
                          mount_kind::auth);
  CHECK(empty.tune.token_type == "default-service");
}

TEST_CASE("a login's token type: the mount's service/batch forces it, its defaults fall back") {
  struct row {
    const char* mount;
    const char* method;
    bool batch;
  };
  for (auto r : std::vector<row>{{"default-service", "default", false},
                                 {"default-service", "service", false},
                                 {"default-service", "batch", true},
                                 {"default-batch", "default", true},
                                 {"default-batch", "batch", true},
                                 {"default-batch", "service", false},
                                 {"service", "batch", false},
                                 {"batch", "service", true},
                                 {"batch", "default", true}}) {
    CAPTURE(r.mount, r.method);
    CHECK(login_gets_batch(r.mount, r.method) == r.batch);
  }
}
