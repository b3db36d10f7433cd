#include "model/auth_methods.hpp"
#include "model/texts.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace tokenlab;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

// An environment at `t` seconds into the run, with predictable UUIDs and a 768h mount max.
struct test_env {
  int n = 0;
  auth_env env;
  explicit test_env(std::int64_t t = 0) {
    env.now = sim_time{secs(t)};
    env.view.mount = "auth/x/";
    env.view.default_lease_ttl = hours{768};
    env.view.max_lease_ttl = hours{768};
    env.uuid = [this] { return "uuid-" + std::to_string(++n); };
  }
  void at(std::int64_t t) { env.now = sim_time{secs(t)}; }
};

std::string only_error(const outcome<api_response>& r) {
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.error().messages.size() == 1);
  return r.error().message();
}

template <class T>
int status(const outcome<T>& r) {
  return r.ok() ? 0 : r.error().status;
}

const field_value& at(const api_response& r, const std::string& key) {
  REQUIRE(r.data);
  auto it = r.data->find(key);
  REQUIRE(it != r.data->end());
  return it->second;
}

std::string str(const api_response& r, const std::string& key) {
  return std::get<std::string>(at(r, key));
}

std::int64_t num(const api_response& r, const std::string& key) {
  return std::get<std::int64_t>(at(r, key));
}

using strings = std::vector<std::string>;

} // namespace

// --- the token fields (sdk/helper/tokenutil) ---

TEST_CASE("token params: token_* fields are parsed, validated and kept as given") {
  token_params t;
  CHECK_FALSE(parse_token_fields(t, {{"token_policies", "Web, db"},
                                     {"token_ttl", "1h"},
                                     {"token_max_ttl", "24h"},
                                     {"token_period", "0"},
                                     {"token_explicit_max_ttl", "48h"},
                                     {"token_num_uses", "3"},
                                     {"token_type", "service"},
                                     {"token_no_default_policy", "true"},
                                     {"token_bound_cidrs", "10.0.0.1/32, 192.168.0.0/16"}}));
  CHECK(t.token_policies == strings{"Web", "db"}); // the core sanitizes at login
  CHECK(t.token_ttl == hours{1});
  CHECK(t.token_max_ttl == hours{24});
  CHECK(t.token_explicit_max_ttl == hours{48});
  CHECK(t.token_num_uses == 3);
  CHECK(t.token_type == "service");
  CHECK(t.token_no_default_policy);
  CHECK(t.token_bound_cidrs == strings{"10.0.0.1", "192.168.0.0/16"});

  SECTION("the checks use the stored values too") {
    CHECK(parse_token_fields(t, {{"token_ttl", "25h"}}) ==
          "'token_ttl' cannot be greater than 'token_max_ttl'");
  }
  SECTION("batch tokens cannot be periodic or use-limited") {
    token_params b;
    CHECK(parse_token_fields(b, {{"token_type", "batch"}, {"token_period", "1h"}}) ==
          std::string{texts::token_batch_periodic});
    token_params c;
    CHECK(parse_token_fields(c, {{"token_type", "batch"}, {"token_num_uses", "2"}}) ==
          "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with "
          "limited use count");
  }
  SECTION("token_type takes default, service or batch only") {
    token_params d;
    CHECK(parse_token_fields(d, {{"token_type", "default-service"}}) ==
          R"(invalid 'token_type' value "default-service")");
    CHECK_FALSE(parse_token_fields(d, {{"token_type", ""}}));
    CHECK(d.token_type == "default");
  }
  SECTION("a negative use count and an unparsable address are refused") {
    token_params e;
    CHECK(parse_token_fields(e, {{"token_num_uses", "-1"}}) ==
          "'token_num_uses' cannot be negative");
    token_params f;
    CHECK(parse_token_fields(f, {{"token_bound_cidrs", "not-an-ip"}}) ==
          R"(error parsing address "not-an-ip": Unable to convert "not-an-ip" to an IPv4 or IPv6 )"
          R"(address, or a UNIX Socket)");
  }
}

TEST_CASE("token params: deprecated aliases are upgraded as tokenutil.UpgradeValue does") {
  SECTION("the alias alone sets both; policies are sanitized") {
    token_params t;
    field_map f{{"policies", "Web,db,web"}, {"ttl", "30m"}, {"max_ttl", "2h"}};
    CHECK_FALSE(parse_token_fields(t, f));
    CHECK_FALSE(upgrade_token_fields(t, f, userpass_aliases));
    CHECK(t.policies == strings{"db", "web"});
    CHECK(t.token_policies == strings{"db", "web"});
    CHECK(t.ttl == minutes{30});
    CHECK(t.token_ttl == minutes{30});
    CHECK(t.token_max_ttl == hours{2});
  }
  SECTION("with both, the token_* value wins and the alias mirrors it") {
    token_params t;
    field_map f{{"token_policies", "a"}, {"policies", "b"}, {"token_ttl", "1h"}, {"ttl", "2h"}};
    CHECK_FALSE(parse_token_fields(t, f));
    CHECK_FALSE(upgrade_token_fields(t, f, userpass_aliases));
    CHECK(t.token_policies == strings{"a"});
    CHECK(t.policies == strings{"a"});
    CHECK(t.ttl == hours{1});
  }
  SECTION("a token_* value alone clears the alias; a method's unknown alias is ignored") {
    token_params t;
    t.ttl = hours{5};
    field_map f{{"token_ttl", "1h"}, {"period", "1h"}};
    CHECK_FALSE(parse_token_fields(t, f));
    CHECK_FALSE(upgrade_token_fields(t, f, userpass_aliases));
    CHECK(t.ttl == sim_duration::zero());
    CHECK(t.token_period == sim_duration::zero()); // userpass has no `period` alias
  }
  SECTION("deprecated ttl above max_ttl escapes ParseTokenFields's check") {
    token_params t;
    field_map f{{"ttl", "2h"}, {"max_ttl", "1h"}};
    CHECK_FALSE(parse_token_fields(t, f));
    CHECK_FALSE(upgrade_token_fields(t, f, userpass_aliases));
    CHECK(t.token_ttl == hours{2});
  }
}

TEST_CASE("token params: a read shows every token field, a login gets them") {
  token_params t;
  t.token_ttl = minutes{1};
  t.token_max_ttl = minutes{30};
  data_map d;
  populate_token_data(t, d);
  CHECK(std::get<std::vector<std::string>>(d["token_policies"]).empty());
  CHECK(std::get<std::vector<std::string>>(d["token_bound_cidrs"]).empty());
  CHECK(std::get<std::int64_t>(d["token_ttl"]) == 60);
  CHECK(std::get<std::int64_t>(d["token_max_ttl"]) == 1800);
  CHECK(std::get<std::string>(d["token_type"]) == "default");
  CHECK(d.size() == 9);
  login_auth a;
  populate_token_auth(t, a);
  CHECK(a.ttl == minutes{1});
  CHECK(a.max_ttl == minutes{30});
  CHECK(a.explicit_max_ttl == sim_duration::zero());
}

// --- userpass ---

TEST_CASE("userpass: users are written, read, listed and deleted") {
  test_env e;
  auto b = make_auth_backend("userpass");
  REQUIRE(b);
  CHECK(only_error(b->write("users/alice", {{"token_policies", "dev"}}, e.env)) ==
        "missing password");
  auto w = b->write(
    "users/Alice",
    {{"password", "s3cret"}, {"token_policies", "dev"}, {"token_ttl", "1h"}, {"bogus", "x"}},
    e.env);
  REQUIRE(w.ok());
  CHECK(w->status == 204); // no response: no warning about `bogus`
  auto r = b->read("users/alice", e.env);
  REQUIRE(r.ok());
  CHECK(std::get<strings>(at(*r, "token_policies")) == strings{"dev"});
  CHECK(num(*r, "token_ttl") == 3600);
  CHECK(r->data->count("password") == 0);
  CHECK(r->data->count("policies") == 0);
  // An update without a password keeps it; an empty one is refused.
  CHECK(b->write("users/alice", {{"token_ttl", "2h"}}, e.env).ok());
  CHECK(only_error(b->write("users/alice", {{"password", ""}}, e.env)) == "missing password");
  CHECK(only_error(b->write("users/alice", {{"token_ttl", "soon"}}, e.env)) ==
        R"(error converting input soon for field "token_ttl": time: invalid duration "soon")");
  auto l = b->list("users/", e.env);
  REQUIRE(l.ok());
  CHECK(std::get<strings>(at(*l, "keys")) == strings{"alice"});
  CHECK(b->remove("users/alice", e.env)->status == 204);
  CHECK(status(b->read("users/alice", e.env)) == 404);
  CHECK(status(b->list("users", e.env)) == 404);
  auto events = b->take_events();
  CHECK(events.size() == 3);
}

TEST_CASE("userpass: the deprecated policies field is read back beside token_policies") {
  test_env e;
  auto b = make_auth_backend("userpass");
  REQUIRE(b->write("users/bob", {{"password", "p"}, {"policies", "Ops"}, {"ttl", "10m"}}, e.env));
  auto r = b->read("users/bob", e.env);
  CHECK(std::get<strings>(at(*r, "policies")) == strings{"ops"});
  CHECK(num(*r, "ttl") == 600);
  CHECK(num(*r, "token_ttl") == 600);
}

TEST_CASE("userpass: a login gets the user's token fields, metadata and display name") {
  test_env e;
  auto b = make_auth_backend("userpass");
  REQUIRE(b->write("users/alice",
                   {{"password", "training"},
                    {"token_policies", "dev,ops"},
                    {"token_ttl", "1h"},
                    {"token_max_ttl", "24h"}},
                   e.env));
  auto a = b->login("login/Alice", {{"password", "training"}}, e.env);
  REQUIRE(a.ok());
  CHECK(a->policies == strings{"dev", "ops"});
  CHECK(a->metadata == std::map<std::string, std::string>{{"username", "alice"}});
  CHECK(a->display_name == "alice");
  CHECK(a->alias_name == "alice");
  CHECK(a->ttl == hours{1});
  CHECK(a->max_ttl == hours{24});
  CHECK(a->token_type == "default");

  auto wrong = b->login("login/alice", {{"password", "nope"}}, e.env);
  CHECK(status(wrong) == 400);
  CHECK(wrong.error().message() == "invalid username or password");
  auto unknown = b->login("login/mallory", {{"password", "x"}}, e.env);
  CHECK(status(unknown) == 400);
  CHECK(unknown.error().message() == "invalid username or password");
  auto empty = b->login("login/alice", {}, e.env);
  CHECK(status(empty) == 500); // a plain error, unwrapped on login paths
  CHECK(empty.error().message() == "missing password");
  auto bad_path = b->login("login/a@b", {{"password", "x"}}, e.env);
  CHECK(status(bad_path) == 404);
  CHECK(bad_path.error().message() == "unsupported path");
}

TEST_CASE("userpass: five wrong passwords lock the user for 15 minutes") {
  test_env e;
  auto b = make_auth_backend("userpass");
  REQUIRE(b->write("users/alice", {{"password", "right"}}, e.env));
  for (int i = 0; i < 5; ++i) {
    e.at(10 * i);
    CHECK(status(b->login("login/alice", {{"password", "wrong"}}, e.env)) == 400);
  }
  e.at(60);
  auto locked = b->login("login/alice", {{"password", "right"}}, e.env);
  CHECK(status(locked) == 403);
  CHECK(locked.error().message() == "permission denied");
  e.at(40 + 15 * 60 - 1);
  CHECK(status(b->login("login/alice", {{"password", "right"}}, e.env)) == 403);
  e.at(40 + 15 * 60);
  CHECK(b->login("login/alice", {{"password", "right"}}, e.env).ok());
  // Unknown users are never counted; a success clears the count.
  for (int i = 0; i < 6; ++i)
    CHECK(status(b->login("login/ghost", {{"password", "x"}}, e.env)) == 400);
  for (int i = 0; i < 4; ++i)
    CHECK(status(b->login("login/alice", {{"password", "wrong"}}, e.env)) == 400);
  CHECK(b->login("login/alice", {{"password", "right"}}, e.env).ok());
  for (int i = 0; i < 4; ++i)
    CHECK(status(b->login("login/alice", {{"password", "wrong"}}, e.env)) == 400);
  CHECK(b->login("login/alice", {{"password", "right"}}, e.env).ok());
}

TEST_CASE("userpass: paths and operations Vault does not have") {
  test_env e;
  auto b = make_auth_backend("userpass");
  auto r = b->write("groups/x", {}, e.env);
  CHECK(status(r) == 404);
  CHECK(r.error().message() == "1 error occurred:\n\t* unsupported path\n\n");
  auto op = b->read("users/", e.env);
  CHECK(status(op) == 405);
  CHECK(op.error().message() == "1 error occurred:\n\t* unsupported operation\n\n");
  auto pw = b->write("users/nobody/password", {{"password", "x"}}, e.env);
  CHECK(status(pw) == 500);
  CHECK(pw.error().message() == "1 error occurred:\n\t* username does not exist\n\n");
  CHECK(is_auth_login_path("userpass", "login/alice"));
  CHECK_FALSE(is_auth_login_path("userpass", "users/alice"));
}

// --- approle ---

TEST_CASE("approle: a role, its role ID and a secret ID log in (M10's 1m/30m role)") {
  test_env e;
  auto b = make_auth_backend("approle");
  auto w = b->write(
    "role/Web", {{"token_ttl", "1m"}, {"token_max_ttl", "30m"}, {"token_policies", "web"}}, e.env);
  REQUIRE(w.ok());
  CHECK(w->status == 204);
  auto rid = b->read("role/web/role-id", e.env);
  REQUIRE(rid.ok());
  CHECK(str(*rid, "role_id") == "uuid-1");
  auto role = b->read("role/web", e.env);
  REQUIRE(role.ok());
  CHECK(std::get<bool>(at(*role, "bind_secret_id")));
  CHECK(std::holds_alternative<std::monostate>(at(*role, "secret_id_bound_cidrs")));
  CHECK(num(*role, "token_ttl") == 60);
  CHECK(num(*role, "token_max_ttl") == 1800);
  CHECK(num(*role, "secret_id_ttl") == 0);

  auto sid = b->write("role/web/secret-id", {{"metadata", "Env=Prod"}}, e.env);
  REQUIRE(sid.ok());
  CHECK(sid->status == 200);
  CHECK(str(*sid, "secret_id") == "uuid-2");
  CHECK(str(*sid, "secret_id_accessor") == "uuid-3");
  CHECK(num(*sid, "secret_id_ttl") == 0);
  CHECK(num(*sid, "secret_id_num_uses") == 0);

  auto a = b->login("login", {{"role_id", "uuid-1"}, {"secret_id", " uuid-2 "}}, e.env);
  REQUIRE(a.ok());
  CHECK(a->metadata ==
        std::map<std::string, std::string>{{"env", "prod"}, {"role_name", "web"}}); // lower-cased
  CHECK(a->display_name.empty());
  CHECK(a->alias_name == "uuid-1");
  CHECK(a->policies == strings{"web"});
  CHECK(a->ttl == minutes{1});
  CHECK(a->max_ttl == minutes{30});
  CHECK(a->period == sim_duration::zero());
  CHECK(b->credential_live("uuid-3") == true);
  auto l = b->list("role/web/secret-id/", e.env);
  CHECK(std::get<strings>(at(*l, "keys")) == strings{"uuid-3"});
}

TEST_CASE("approle: a periodic role keeps token_max_ttl apart from any explicit max (M11)") {
  test_env e;
  auto b = make_auth_backend("approle");
  REQUIRE(b->write("role/jenkins", {{"token_period", "30s"}, {"token_max_ttl", "35s"}}, e.env));
  auto sid = b->write("role/jenkins/secret-id", {}, e.env);
  auto a = b->login("login", {{"role_id", "uuid-1"}, {"secret_id", str(*sid, "secret_id")}}, e.env);
  REQUIRE(a.ok());
  CHECK(a->period == std::chrono::seconds{30});
  CHECK(a->max_ttl == std::chrono::seconds{35});
  CHECK(a->explicit_max_ttl == sim_duration::zero());
}

TEST_CASE("approle: login failures answer as Vault 1.14 does") {
  test_env e;
  auto b = make_auth_backend("approle");
  REQUIRE(b->write("role/web", {{"role_id", "web-id"}}, e.env));
  auto missing = b->login("login", {{"secret_id", "x"}}, e.env);
  CHECK(status(missing) == 500); // the alias lookahead's plain error
  CHECK(missing.error().message() == "missing role_id");
  auto unknown = b->login("login", {{"role_id", "nope"}, {"secret_id", "x"}}, e.env);
  CHECK(status(unknown) == 400);
  CHECK(unknown.error().message() == "invalid role or secret ID");
  auto no_secret = b->login("login", {{"role_id", "web-id"}}, e.env);
  CHECK(status(no_secret) == 400);
  CHECK(no_secret.error().message() == "missing secret_id");
  auto wrong = b->login("login", {{"role_id", "web-id"}, {"secret_id", "wrong"}}, e.env);
  CHECK(status(wrong) == 400);
  CHECK(wrong.error().message() == "invalid role or secret ID");
  // Wrong secret IDs count toward the lockout of the role ID.
  for (int i = 0; i < 4; ++i)
    b->login("login", {{"role_id", "web-id"}, {"secret_id", "wrong"}}, e.env);
  auto sid = b->write("role/web/secret-id", {}, e.env);
  auto locked =
    b->login("login", {{"role_id", "web-id"}, {"secret_id", str(*sid, "secret_id")}}, e.env);
  CHECK(status(locked) == 403);
}

TEST_CASE("approle: a use-limited secret ID is deleted by its last use") {
  test_env e;
  auto b = make_auth_backend("approle");
  REQUIRE(b->write("role/ci", {{"secret_id_num_uses", "2"}}, e.env));
  auto sid = b->write("role/ci/secret-id", {}, e.env);
  const auto id = str(*sid, "secret_id");
  const auto accessor = str(*sid, "secret_id_accessor");
  CHECK(num(*sid, "secret_id_num_uses") == 2);
  b->take_events();
  field_map creds{{"role_id", "uuid-1"}, {"secret_id", id}};
  CHECK(b->login("login", creds, e.env).ok());
  CHECK(b->credential_live(id) == true);
  CHECK(b->login("login", creds, e.env).ok()); // the last use still logs in
  CHECK(b->credential_live(accessor) == false);
  auto events = b->take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].what == auth_event::kind::credential_deleted);
  CHECK(events[0].subject == accessor);
  auto used = b->login("login", creds, e.env);
  CHECK(status(used) == 400);
  CHECK(used.error().message() == "invalid role or secret ID");
}

TEST_CASE("approle: an expired secret ID lives until the next minute's tidy") {
  test_env e;
  auto b = make_auth_backend("approle");
  REQUIRE(b->write("role/app", {{"secret_id_ttl", "90s"}}, e.env));
  e.at(5);
  auto sid = b->write("role/app/secret-id", {}, e.env);
  CHECK(num(*sid, "secret_id_ttl") == 90);
  field_map creds{{"role_id", "uuid-1"}, {"secret_id", str(*sid, "secret_id")}};
  REQUIRE(b->next_tidy());
  CHECK(*b->next_tidy() == sim_time{minutes{2}}); // expires at 95s; the tick after is 2m
  e.at(100);
  CHECK(b->login("login", creds, e.env).ok()); // expired, not yet tidied: Vault lets it in
  e.at(120);
  auto gone = b->login("login", creds, e.env);
  CHECK(status(gone) == 400);
  CHECK(gone.error().message() == "invalid role or secret ID");
  CHECK_FALSE(b->next_tidy());
}

TEST_CASE("approle: secret ID options are bounded by the role's") {
  test_env e;
  auto b = make_auth_backend("approle");
  REQUIRE(b->write("role/r", {{"secret_id_num_uses", "5"}, {"secret_id_ttl", "1h"}}, e.env));
  CHECK(only_error(b->write("role/r/secret-id", {{"num_uses", "6"}}, e.env)) ==
        "num_uses cannot be higher than the role's secret_id_num_uses");
  CHECK(only_error(b->write("role/r/secret-id", {{"num_uses", "0"}}, e.env)) ==
        "num_uses cannot be higher than the role's secret_id_num_uses");
  CHECK(only_error(b->write("role/r/secret-id", {{"num_uses", "-1"}}, e.env)) ==
        "num_uses cannot be negative");
  CHECK(only_error(b->write("role/r/secret-id", {{"ttl", "2h"}}, e.env)) ==
        "ttl cannot be longer than the role's secret_id_ttl");
  CHECK(only_error(b->write("role/r/secret-id", {{"ttl", "later"}}, e.env)) ==
        R"(Field validation failed: error converting input later for field "ttl": time: )"
        R"(invalid duration "later")");
  CHECK(only_error(b->write("role/r/secret-id", {{"metadata", "a=b=c"}}, e.env)) ==
        "failed to parse metadata: failed to parse the input: invalid <key,value> format");
  CHECK(only_error(b->write("role/r/secret-id", {{"metadata", "a="}}, e.env)) ==
        R"(failed to parse metadata: failed to parse the input: invalid <key,value> pair: key: )"
        R"("a" value: "")");
  auto ok =
    b->write("role/r/secret-id",
             {{"num_uses", "2"}, {"ttl", "10m"}, {"metadata", R"({"Team":"Blue"})"}}, e.env);
  REQUIRE(ok.ok());
  CHECK(num(*ok, "secret_id_num_uses") == 2);
  CHECK(num(*ok, "secret_id_ttl") == 600);
  CHECK(only_error(b->write("role/none/secret-id", {}, e.env)) == R"(role "none" does not exist)");
}

TEST_CASE("approle: role writes are validated as Vault's") {
  test_env e;
  auto b = make_auth_backend("approle");
  auto r = b->write("role/open", {{"bind_secret_id", "false"}}, e.env);
  CHECK(status(r) == 500);
  CHECK(r.error().message() ==
        "1 error occurred:\n\t* at least one constraint should be enabled on the role\n\n");
  CHECK(b->write("role/cidr",
                 {{"bind_secret_id", "false"}, {"secret_id_bound_cidrs", "10.0.0.0/8"}}, e.env)
          .ok());
  auto bad_cidr = b->write("role/c2", {{"secret_id_bound_cidrs", "10.0.0.1"}}, e.env);
  CHECK(
    bad_cidr.error().message() ==
    "1 error occurred:\n\t* failed to validate CIDR blocks: invalid CIDR address: 10.0.0.1\n\n");
  CHECK(only_error(b->write("role/x", {{"bind_secret_id", "perhaps"}}, e.env)) ==
        R"(error converting input perhaps for field "bind_secret_id": cannot parse '' as bool: )"
        R"(strconv.ParseBool: parsing "perhaps": invalid syntax)");
  CHECK(only_error(b->write("role/x", {{"role_id", ""}}, e.env)) ==
        "invalid role_id supplied, or failed to generate a role_id");
  CHECK(only_error(b->write("role/x", {{"secret_id_num_uses", "-2"}}, e.env)) ==
        "secret_id_num_uses cannot be negative");
  CHECK(only_error(b->write("role/x", {{"period", "800h"}}, e.env)) ==
        R"(period of "800h0m0s" is greater than the backend's maximum lease TTL of "768h0m0s")");
  REQUIRE(b->write("role/one", {{"role_id", "same"}}, e.env));
  CHECK(b->write("role/two", {{"role_id", "same"}}, e.env).error().message() ==
        "1 error occurred:\n\t* role_id already in use\n\n");
  CHECK(only_error(b->write("role/one", {{"local_secret_ids", "true"}}, e.env)) ==
        "local_secret_ids can only be modified during role creation");
  auto warned = b->write(
    "role/w", {{"token_type", "default-service"}, {"token_max_ttl", "1000h"}, {"colour", "red"}},
    e.env);
  REQUIRE(warned.ok());
  CHECK(warned->status == 200);
  CHECK(warned->warnings ==
        strings{"default-service has no useful meaning; adjusting to service",
                "token_max_ttl is greater than the backend mount's maximum TTL value; issued "
                "tokens' max TTL value will be truncated",
                "Endpoint ignored these unrecognized parameters: [colour]"});
  CHECK(str(*b->read("role/w", e.env), "token_type") == "service");
  // The deprecated `period` upgrades to token_period and is shown beside it.
  REQUIRE(b->write("role/p", {{"period", "1h"}}, e.env));
  auto p = b->read("role/p", e.env);
  CHECK(num(*p, "period") == 3600);
  CHECK(num(*p, "token_period") == 3600);
}

TEST_CASE("approle: deleting a role takes its secret IDs, unmodelled sub-paths say so") {
  test_env e;
  auto b = make_auth_backend("approle");
  REQUIRE(b->write("role/r", {}, e.env));
  auto sid = b->write("role/r/secret-id", {}, e.env);
  CHECK(b->remove("role/r", e.env)->status == 204);
  CHECK(b->credential_live(str(*sid, "secret_id")) == false);
  CHECK(status(b->read("role/r/role-id", e.env)) == 404);
  CHECK(only_error(b->write("role/r/custom-secret-id", {}, e.env)) ==
        "auth/approle/role/<name>/custom-secret-id is not modelled by tokenlab yet");
  auto tidy = b->write("tidy/secret-id", {}, e.env);
  CHECK(tidy->status == 202);
  CHECK(status(b->write("role/ghost/role-id", {{"role_id", "x"}}, e.env)) == 404);
}

// --- kubernetes ---

namespace {

std::unique_ptr<auth_backend> k8s_with_role(test_env& e) {
  auto b = make_auth_backend("kubernetes");
  REQUIRE(b->write("config", {{"kubernetes_host", "https://10.0.0.1:443"}}, e.env));
  REQUIRE(b->write("role/hashicups",
                   {{"bound_service_account_names", "products-api,orders-*"},
                    {"bound_service_account_namespaces", "hashicups"},
                    {"token_policies", "products"},
                    {"token_ttl", "20m"}},
                   e.env));
  return b;
}

} // namespace

TEST_CASE("kubernetes: a pod's service account logs in with the simulated token") {
  test_env e;
  auto b = k8s_with_role(e);
  auto a = b->login("login", {{"role", "hashicups"}, {"jwt", "sa:hashicups:products-api"}}, e.env);
  REQUIRE(a.ok());
  CHECK(a->metadata ==
        std::map<std::string, std::string>{{"role", "hashicups"},
                                           {"service_account_name", "products-api"},
                                           {"service_account_namespace", "hashicups"},
                                           {"service_account_secret_name", ""},
                                           {"service_account_uid", "uuid-1"}});
  CHECK(a->display_name == "hashicups-products-api");
  CHECK(a->alias_name == "uuid-1");
  CHECK(a->policies == strings{"products"});
  CHECK(a->ttl == minutes{20});
  // The same account keeps its UID; a glob matches a name.
  auto again =
    b->login("login", {{"role", "HashiCups"}, {"jwt", "sa:hashicups:products-api"}}, e.env);
  CHECK(again->metadata.at("service_account_uid") == "uuid-1");
  CHECK(again->metadata.at("role") == "HashiCups");
  auto glob = b->login("login", {{"role", "hashicups"}, {"jwt", "sa:hashicups:orders-v2"}}, e.env);
  CHECK(glob->metadata.at("service_account_uid") == "uuid-2");
}

TEST_CASE("kubernetes: a wrong namespace or name is refused with 403") {
  test_env e;
  auto b = k8s_with_role(e);
  auto ns = b->login("login", {{"role", "hashicups"}, {"jwt", "sa:default:products-api"}}, e.env);
  CHECK(status(ns) == 403);
  CHECK(ns.error().message() == "namespace not authorized");
  auto name = b->login("login", {{"role", "hashicups"}, {"jwt", "sa:hashicups:frontend"}}, e.env);
  CHECK(status(name) == 403);
  CHECK(name.error().message() == "service account name not authorized");
  auto junk = b->login("login", {{"role", "hashicups"}, {"jwt", "eyJhbGciOi"}}, e.env);
  CHECK(status(junk) == 403);
  CHECK(junk.error().message() == "permission denied");
  CHECK(b->login("login", {{"jwt", "sa:a:b"}}, e.env).error().message() == "missing role");
  CHECK(b->login("login", {{"role", "hashicups"}}, e.env).error().message() == "missing jwt");
  auto role = b->login("login", {{"role", "nope"}, {"jwt", "sa:a:b"}}, e.env);
  CHECK(status(role) == 400);
  CHECK(role.error().message() == R"(invalid role name "nope")");
  // No lockout for this method.
  for (int i = 0; i < 6; ++i)
    b->login("login", {{"role", "hashicups"}, {"jwt", "sa:default:x"}}, e.env);
  CHECK(
    b->login("login", {{"role", "hashicups"}, {"jwt", "sa:hashicups:products-api"}}, e.env).ok());
}

TEST_CASE("kubernetes: a login before `config` is an internal error") {
  test_env e;
  auto b = make_auth_backend("kubernetes");
  REQUIRE(b->write(
    "role/r", {{"bound_service_account_names", "*"}, {"bound_service_account_namespaces", "*"}},
    e.env));
  auto a = b->login("login", {{"role", "r"}, {"jwt", "sa:any:thing"}}, e.env);
  CHECK(status(a) == 500);
  CHECK(a.error().message() == "could not load backend configuration");
  CHECK(only_error(b->write("config", {}, e.env)) == "no host provided");
  CHECK(only_error(
          b->write("config", {{"kubernetes_host", "h"}, {"disable_local_ca_jwt", "nah"}}, e.env)) ==
        R"(Field validation failed: error converting input nah for field "disable_local_ca_jwt": )"
        R"(cannot parse '' as bool: strconv.ParseBool: parsing "nah": invalid syntax)");
  REQUIRE(b->write("config", {{"kubernetes_host", "https://k8s"}}, e.env));
  auto c = b->read("config", e.env);
  CHECK(str(*c, "kubernetes_host") == "https://k8s");
  CHECK(std::get<bool>(at(*c, "disable_iss_validation")));
  CHECK(b->login("login", {{"role", "r"}, {"jwt", "sa:any:thing"}}, e.env).ok());
}

TEST_CASE("kubernetes: role writes are validated as the plugin's") {
  test_env e;
  auto b = make_auth_backend("kubernetes");
  CHECK(only_error(b->write("role/r", {{"bound_service_account_namespaces", "x"}}, e.env)) ==
        R"("bound_service_account_names" can not be empty)");
  CHECK(
    only_error(b->write(
      "role/r", {{"bound_service_account_names", "a,*"}, {"bound_service_account_namespaces", "x"}},
      e.env)) == R"(can not mix "*" with values)");
  CHECK(only_error(b->write("role/r",
                            {{"bound_service_account_names", "a"},
                             {"bound_service_account_namespaces", "x"},
                             {"token_period", "1000h"}},
                            e.env)) ==
        R"(token period of '"1000h0m0s"' is greater than the backend's maximum lease TTL of )"
        R"('"768h0m0s"')");
  CHECK(only_error(b->write("role/r",
                            {{"bound_service_account_names", "a"},
                             {"bound_service_account_namespaces", "x"},
                             {"ttl", "2h"},
                             {"max_ttl", "1h"}},
                            e.env)) == "token ttl should not be greater than token max ttl");
  CHECK(only_error(b->write("role/r",
                            {{"bound_service_account_names", "a"},
                             {"bound_service_account_namespaces", "x"},
                             {"alias_name_source", "pod"}},
                            e.env)) ==
        "invalid alias_name_source, must be one of: serviceaccount_uid, serviceaccount_name");
  auto w = b->write("role/r",
                    {{"bound_service_account_names", "a"},
                     {"bound_service_account_namespaces", "x"},
                     {"num_uses", "3"},
                     {"alias_name_source", "serviceaccount_name"}},
                    e.env);
  REQUIRE(w.ok());
  CHECK(w->status == 204);
  auto r = b->read("role/r", e.env);
  CHECK(num(*r, "token_num_uses") == 3);
  CHECK(num(*r, "num_uses") == 3);
  CHECK(str(*r, "alias_name_source") == "serviceaccount_name");
  // An update keeps the bindings it does not name.
  REQUIRE(b->write("role/r", {{"token_ttl", "5m"}}, e.env));
  REQUIRE(b->write("config", {{"kubernetes_host", "h"}}, e.env));
  auto a = b->login("login", {{"role", "r"}, {"jwt", "sa:x:a"}}, e.env);
  REQUIRE(a.ok());
  CHECK(a->alias_name == "x/a");
  CHECK(a->num_uses == 3);
  CHECK(a->ttl == minutes{5});
  CHECK(std::get<strings>(at(*b->list("role", e.env), "keys")) == strings{"r"});
  CHECK(make_auth_backend("ldap") == nullptr);
  CHECK(is_modelled_auth_type("kubernetes"));
}
