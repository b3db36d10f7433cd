#include "model/token_endpoints.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

token_api_request request_of(const std::string& path, const field_map& fields, bool read = false) {
  auto r = token_request_from_fields(path, fields, read);
  REQUIRE(r);
  REQUIRE(r->ok());
  return (*r)->op;
}

vault_error error_of(const std::string& path, const field_map& fields, bool read = false) {
  auto r = token_request_from_fields(path, fields, read);
  REQUIRE(r);
  REQUIRE_FALSE(r->ok());
  return r->error();
}

} // namespace

TEST_CASE("a write to auth/token/lookup names the token in its body, without one, the caller") {
  auto given = std::get<token_lookup_request>(request_of("auth/token/lookup", {{"token", "hvs.x"}}));
  CHECK(given.by == token_selector::token);
  CHECK(given.value == "hvs.x");
  // handleLookup: an empty token is req.ClientToken, on a read as on a write.
  CHECK(std::get<token_lookup_request>(request_of("auth/token/lookup", {}, true)).by ==
        token_selector::self);
  CHECK(std::get<token_lookup_request>(request_of("auth/token/lookup", {{"token", ""}})).by ==
        token_selector::self);
  // lookup-self ignores its declared token field.
  auto self = std::get<token_lookup_request>(
    request_of("auth/token/lookup-self", {{"token", "hvs.other"}}));
  CHECK(self.by == token_selector::self);
  CHECK(self.value.empty());
  auto acc = std::get<token_lookup_request>(
    request_of("auth/token/lookup-accessor", {{"accessor", "abc"}}));
  CHECK(acc.by == token_selector::accessor);
  CHECK(acc.value == "abc");
}

TEST_CASE("renew, revoke and their -self, -accessor and -orphan paths make the commands' requests") {
  auto renew = std::get<token_renew_request>(
    request_of("auth/token/renew", {{"token", "hvs.x"}, {"increment", "2h"}}));
  CHECK(renew.by == token_selector::token);
  CHECK(renew.increment == secs(7200));
  // An empty token stays empty: the handler answers `missing token ID`.
  CHECK(std::get<token_renew_request>(request_of("auth/token/renew", {})).value.empty());
  CHECK(std::get<token_renew_request>(request_of("auth/token/renew-self", {{"increment", "90"}}))
          .increment == secs(90));
  CHECK(std::get<token_renew_request>(
          request_of("auth/token/renew-accessor", {{"accessor", "a"}}))
          .by == token_selector::accessor);
  auto orphan =
    std::get<token_revoke_request>(request_of("auth/token/revoke-orphan", {{"token", "hvs.x"}}));
  CHECK(orphan.orphan_children);
  CHECK(orphan.value == "hvs.x");
  CHECK(std::get<token_revoke_request>(request_of("auth/token/revoke-self", {})).by ==
        token_selector::self);
  CHECK_FALSE(
    std::get<token_revoke_request>(request_of("auth/token/revoke", {{"token", "t"}})).orphan_children);
  CHECK(std::holds_alternative<token_tidy_request>(request_of("auth/token/tidy", {})));
}

TEST_CASE("the token endpoints' schemas: a bad increment fails validation, reads only where Vault "
          "has them") {
  auto bad = error_of("auth/token/renew-self", {{"increment", "-5"}});
  CHECK(bad.status == 400);
  CHECK(bad.message() == "Field validation failed: error converting input -5 for field "
                         "\"increment\": cannot provide negative value '-5'");
  auto read = error_of("auth/token/revoke", {}, true);
  CHECK(read.status == 405);
  CHECK(read.message() == "unsupported operation");
  CHECK(std::holds_alternative<token_lookup_request>(request_of("auth/token/lookup-self", {}, true)));
  // Not token endpoints: create and roles have handlers of their own.
  CHECK_FALSE(token_request_from_fields("auth/token/create", {}, false));
  CHECK_FALSE(token_request_from_fields("auth/token/roles/r", {}, false));
  CHECK_FALSE(token_request_from_fields("auth/token/lookup/extra", {}, false));
  CHECK_FALSE(token_request_from_fields("sys/leases/renew", {}, false));
}

TEST_CASE("each typed token request is checked on the path it names, as the paths are") {
  auto check = [](const token_api_request& op) { return token_endpoint_check(op); };
  token_lookup_request lookup_self;
  CHECK(check(lookup_self).path == "auth/token/lookup-self");
  CHECK(check(lookup_self).needed == capability::read);
  token_lookup_request lookup;
  lookup.by = token_selector::token;
  CHECK(check(lookup).path == "auth/token/lookup");
  CHECK(check(lookup).needed == capability::update);
  lookup.by = token_selector::accessor;
  CHECK(check(lookup).path == "auth/token/lookup-accessor");
  token_renew_request renew;
  CHECK(check(renew).path == "auth/token/renew-self");
  CHECK(check(renew).needed == capability::update);
  renew.by = token_selector::accessor;
  CHECK(check(renew).path == "auth/token/renew-accessor");
  token_revoke_request revoke;
  revoke.by = token_selector::self;
  CHECK(check(revoke).path == "auth/token/revoke-self");
  revoke.by = token_selector::token;
  CHECK(check(revoke).path == "auth/token/revoke");
  revoke.orphan_children = true;
  CHECK(check(revoke).path == "auth/token/revoke-orphan");
  CHECK(check(revoke).needed == capability::update);
  CHECK(check(token_tidy_request{}).path == "auth/token/tidy");
  // The paths' own requests are checked the same: a write to a path names it.
  for (const auto* path : {"auth/token/renew-self", "auth/token/revoke-orphan",
                           "auth/token/lookup-accessor", "auth/token/renew"}) {
    CAPTURE(path);
    field_map fields{{"token", "t"}, {"accessor", "a"}};
    CHECK(check(request_of(path, fields)).path == path);
  }
}

TEST_CASE("sys/capabilities-accessor's fields: paths before the deprecated path, both split at commas") {
  auto one = capabilities_from_fields("sys/capabilities-accessor", {{"accessor", "a"}, {"path", "x"}});
  REQUIRE(one);
  CHECK((*one)->by == token_selector::accessor);
  CHECK((*one)->value == "a");
  CHECK((*one)->paths == std::vector<std::string>{"x"});
  auto both = capabilities_from_fields("sys/capabilities", {{"token", "t"}, {"path", "x"},
                                                            {"paths", "a, b"}});
  REQUIRE(both);
  CHECK((*both)->paths == std::vector<std::string>{"a", "b"});
  // capabilities-self reads no token from the body: the caller is asked about.
  auto self = capabilities_from_fields("sys/capabilities-self", {{"token", "t"}, {"path", "x"}});
  REQUIRE(self);
  CHECK((*self)->by == token_selector::self);
  CHECK((*self)->value.empty());
  CHECK((*capabilities_from_fields("sys/capabilities", {}))->paths.empty());
  CHECK_FALSE(capabilities_from_fields("sys/capabilities/x", {}));
  CHECK(capabilities_schema(token_selector::accessor).count("accessor") == 1);
  CHECK(capabilities_schema(token_selector::self).count("token") == 1);
}
