// The table of result fields: what the parser accepts is what the runner can read.

#include "language/result_fields.hpp"

#include "model/token_rules.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

bool known(result_kind kind, std::string_view field) {
  std::string suggestion;
  std::string fields;
  return known_field(kind, field, suggestion, fields);
}

std::string suggested(result_kind kind, std::string_view field) {
  std::string suggestion;
  std::string fields;
  known_field(kind, field, suggestion, fields);
  return suggestion;
}

auth_block full_block() {
  auth_block a;
  a.set_client_token("hvs.x");
  auto& t = a.own_token();
  t.accessor = "acc";
  t.policies = {"default"};
  t.meta = {{"team", "web"}};
  a.lease_duration = 3600;
  a.renewable = true;
  return a;
}

} // namespace

TEST_CASE("every name a token response is checked for is one the runner reads") {
  const auto a = full_block();
  for (const char* name :
       {"token", "client_token", "token_accessor", "accessor", "token_duration", "ttl",
        "token_renewable", "token_policies", "identity_policies", "policies", "metadata",
        "entity_id", "token_type", "type", "orphan", "num_uses", "token_meta_team",
        "metadata.team"}) {
    CAPTURE(name);
    CHECK(known(result_kind::token_response, name));
    CHECK(auth_field_value(a, name, false).has_value());
  }
  for (const char* json : {"client_token", "accessor", "lease_duration", "renewable", "policies",
                           "token_policies", "identity_policies", "metadata", "entity_id",
                           "token_type", "orphan", "num_uses", "metadata.team"}) {
    CAPTURE(json);
    CHECK(known(result_kind::token_response, std::string("auth.") + json));
    CHECK(auth_field_value(a, json, true).has_value());
  }
  // auth.KEY is the API's own key only; the bare lease_duration and renewable are the
  // response's top-level ones, which are common fields.
  CHECK_FALSE(known(result_kind::token_response, "auth.ttl"));
  CHECK_FALSE(auth_field_value(a, "ttl", true));
  CHECK_FALSE(auth_field_value(a, "lease_duration", false));
  CHECK_FALSE(auth_field_value(a, "renewable", false));
  CHECK(known(result_kind::token_response, "lease_duration"));
  CHECK(std::get<std::int64_t>(*auth_field_value(a, "token_duration", false)) == 3600);
  CHECK(std::get<std::string>(*auth_field_value(a, "token_meta_team", false)) == "web");
  CHECK_FALSE(auth_field_value(a, "token_meta_team", true));
  CHECK_FALSE(auth_field_value(a, "metadata.colour", false));
}

TEST_CASE("a token lookup has its data's keys, as such and as data.KEY") {
  for (const auto& k : token_lookup_keys) {
    CHECK(known(result_kind::token_lookup, k.name));
    CHECK(known(result_kind::token_lookup, "data." + std::string(k.name)));
  }
  CHECK(known(result_kind::token_lookup, "meta.anything"));
  CHECK(known(result_kind::token_lookup, "data.meta.anything"));
  CHECK_FALSE(known(result_kind::token_lookup, "ttl.anything"));
  CHECK_FALSE(known(result_kind::token_lookup, "token_duration"));
  CHECK(suggested(result_kind::token_lookup, "creaton_ttl") == "creation_ttl");
  CHECK(suggested(result_kind::token_lookup, "data.expire_tme") == "data.expire_time");
}

TEST_CASE("common fields, lengths and open results") {
  for (const auto kind : {result_kind::token_response, result_kind::token_lookup,
                          result_kind::no_body, result_kind::open})
    for (const char* f : {"status", "error", "errors", "warnings", "request_id", "lease_id",
                          "lease_duration", "renewable", "storage.writes", "storage.deletes",
                          "node", "served", "warnings.length"})
      CHECK(known(kind, f));
  CHECK_FALSE(known(result_kind::no_body, "token"));
  CHECK(known(result_kind::open, "anything.at.all"));
  CHECK(suggested(result_kind::token_response, "policis.length") == "policies.length");
  CHECK(suggested(result_kind::no_body, "stauts") == "status");
  CHECK(suggested(result_kind::token_response, "zzzzzzzz").empty());
  CHECK(length_target("policies.length") == std::string_view{"policies"});
  CHECK_FALSE(length_target("length"));
  CHECK_FALSE(length_target(".length"));
  CHECK(value_length(field_value{}) == 0);
  CHECK(value_length(field_value{std::string{"abc"}}) == 3);
  CHECK(value_length(field_value{std::vector<std::string>{"a", "b"}}) == 2);
  CHECK_FALSE(value_length(field_value{std::int64_t{5}}));
  CHECK_FALSE(value_length(field_value{true}));
}

TEST_CASE("a command's result kind follows what Vault answers it") {
  CHECK(result_kind_of(cmd_token_create{}) == result_kind::token_response);
  CHECK(result_kind_of(cmd_token_renew{}) == result_kind::token_response);
  CHECK(result_kind_of(cmd_login{}) == result_kind::token_response);
  CHECK(result_kind_of(cmd_token_lookup{}) == result_kind::token_lookup);
  CHECK(result_kind_of(cmd_token_revoke{}) == result_kind::no_body);
  CHECK(result_kind_of(cmd_auth_tune{}) == result_kind::no_body);
  CHECK(result_kind_of(cmd_write{}) == result_kind::open);
  CHECK(result_kind_of(cmd_read{}) == result_kind::open);
  CHECK(result_kind_of(cmd_list{}) == result_kind::open);
  CHECK(result_kind_of(cmd_lease_renew{}) == result_kind::open);
}
