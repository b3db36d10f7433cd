#include "model/auth_methods.hpp"
#include "model/github.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

using namespace tokenlab;

namespace {

// GitHub as a scenario declares it: acme (ID 42) with Alice in team "Dev Team", and Oscar in
// another organization whose team has a name acme also maps.
github_world world() {
  github_world gh;
  gh.orgs = {{"acme", 42}, {"other", 7}};
  gh.users = {{"alice", "ghp_alice", {"acme"}, {{"acme", "Dev Team", "dev-team"}}},
              {"oscar", "ghp_oscar", {"other"}, {{"other", "dev-team", "dev-team"}}}};
  return gh;
}

struct github_mount {
  github_world gh = world();
  auth_env env;
  std::unique_ptr<auth_backend> b = make_auth_backend("github");
  github_mount() {
    env.view.mount = "auth/github/";
    env.view.default_lease_ttl = std::chrono::hours{768};
    env.view.max_lease_ttl = std::chrono::hours{768};
    env.github = &gh;
  }
  outcome<api_response> write(const std::string& path, const field_map& f) {
    return b->write(path, f, env);
  }
  outcome<login_auth> login(const std::string& token) {
    return b->login("login", {{"token", token}}, env);
  }
};

} // namespace

SCENARIO("the github config looks the organization's ID up, and refuses an unknown one") {
  github_mount m;
  CHECK(m.write("config", {{"token_ttl", "1h"}}).error().message() ==
        "organization is a required parameter");
  auto bad = m.write("config", {{"organization", "nope"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().status == 500);
  CHECK(bad.error().message().find(
          "unable to fetch the organization_id, you must manually set it in the config: GET "
          "https://api.github.com/orgs/nope: 404 Not Found []") != std::string::npos);
  REQUIRE(m.write("config", {{"organization", "ACME"}}).ok());
  auto read = m.b->read("config", m.env);
  REQUIRE(read.ok());
  CHECK(std::get<std::int64_t>(read->data->at("organization_id")) == 42);
  CHECK(std::get<std::string>(read->data->at("organization")) == "ACME");
}

SCENARIO("a github login: the user's team and user maps, the default keys, and Vault's refusals") {
  github_mount m;
  CHECK(m.login("ghp_alice").error().message() == "configuration has not been set");
  REQUIRE(m.write("config", {{"organization", "acme"}, {"token_policies", "base"}}).ok());
  REQUIRE(m.write("map/teams/dev-team", {{"value", "dev, ops"}}).ok());
  REQUIRE(m.write("map/teams/default", {{"value", "everyone"}}).ok());
  REQUIRE(m.write("map/users/Alice", {{"value", "mine"}}).ok());
  auto a = m.login("ghp_alice");
  REQUIRE(a.ok());
  // The config's policies, then the team map's (its default key too; sorted, unique), then
  // the user map's (keys lower-cased).
  CHECK(a->policies == std::vector<std::string>{"base", "dev", "everyone", "ops", "mine"});
  CHECK(a->alias_name == "alice");
  CHECK(a->display_name == "alice");
  CHECK(a->metadata == std::map<std::string, std::string>{{"org", "acme"}, {"username", "alice"}});
  CHECK(a->warnings.empty());

  // Oscar's team has a mapped name, but in another organization.
  auto o = m.login("ghp_oscar");
  REQUIRE_FALSE(o.ok());
  CHECK(o.error().status == 500);
  CHECK(o.error().message() == "user is not part of required org");
  CHECK(m.login("ghp_nobody").error().message() ==
        "GET https://api.github.com/user: 401 Bad credentials []");
}

SCENARIO("a config organization written in another case makes each login warn") {
  github_mount m;
  REQUIRE(m.write("config", {{"organization", "Acme"}}).ok());
  auto a = m.login("ghp_alice");
  REQUIRE(a.ok());
  CHECK(a->warnings ==
        std::vector<std::string>{"the organization name has changed to \"acme\". It is "
                                 "recommended to verify and update the organization name in "
                                 "the config: organization_id=42"});
}

SCENARIO("a GitHub team's slug is its name in lower case, other runs of characters a dash") {
  CHECK(github_slug("Dev Team") == "dev-team");
  CHECK(github_slug("  Site  Reliability!") == "site-reliability");
  CHECK(github_slug("ops_2") == "ops_2");
}
