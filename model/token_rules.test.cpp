// The token store's decisions, in Vault's vocabulary (spec §2, §3.3, §3.4, §7.1).

#include "model/token_rules.hpp"

#include "model/texts.hpp"
#include "model/token_role.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using namespace std::chrono_literals;

namespace {

// Only Vault's built-in policies exist in these tests.
bool builtin(const std::string& name) {
  return name == "root" || name == "default";
}

token_entry root_token() {
  token_entry e;
  e.id = "hvs.rootrootrootrootrootroot";
  e.accessor = "rootaccessor000000000000";
  e.policies = {"root"};
  e.origin.change().display_name = "root";
  e.origin.change().path = "auth/token/root";
  e.has_lease = false;
  e.renewable = false;
  return e;
}

token_entry default_token() {
  token_entry e;
  e.id = "hvs.defaultdefaultdefault0";
  e.accessor = "defaultaccessor000000000";
  e.policies = {"default"};
  e.parent = "hvs.rootrootrootrootrootroot";
  e.ttl = std::chrono::hours{768};
  e.expire_time = sim_time{std::chrono::hours{768}};
  return e;
}

system_view sys_view(sim_duration def = std::chrono::hours{768},
                     sim_duration max = std::chrono::hours{768}) {
  return effective_view(system_config{def, max}, mount_tune{}, "auth/token/");
}

std::string create_error(const token_entry& caller, bool sudo, const token_create_request& req) {
  auto r =
    plan_token_create(caller_view{caller, sudo}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE_FALSE(r.ok());
  return r.error().message();
}

} // namespace

SCENARIO("root creating a token without policies gives a non-expiring root child") {
  auto root = root_token();
  auto plan = plan_token_create(caller_view{root, true}, token_create_request{}, sys_view(),
                                sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.policies == std::vector<std::string>{"root"});
  CHECK(plan->entry.ttl == 0s);
  CHECK_FALSE(plan->entry.expire_time);
  CHECK_FALSE(plan->entry.renewable);
  CHECK(plan->entry.parent == root.id);
  CHECK(plan->entry.origin->path == "auth/token/create");
  CHECK(plan->entry.origin->display_name == "token");
}

SCENARIO("a token with the default policy and no TTL gets the default lease TTL and is renewable") {
  auto root = root_token();
  token_create_request req;
  req.policies = {"default"};
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.policies == std::vector<std::string>{"default"});
  CHECK(whole_seconds(plan->entry.ttl) == 2764800);
  CHECK(plan->entry.renewable);
  CHECK(plan->warnings.empty());
}

SCENARIO("a policy that does not exist is granted with Vault's warning") {
  auto root = root_token();
  token_create_request req;
  req.policies = {"web", "stage"};
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.policies == std::vector<std::string>{"default", "stage", "web"});
  CHECK(plan->warnings == std::vector<std::string>{"Policy \"stage\" does not exist",
                                                   "Policy \"web\" does not exist"});
}

SCENARIO("the create checks fail in Vault's order with Vault's texts") {
  auto root = root_token();
  auto user = default_token();
  token_create_request req;
  SECTION("a non-sudo caller asks for policies it does not have") {
    req.policies = {"admin"};
    CHECK(create_error(user, false, req) == texts::child_policies_subset);
  }
  SECTION("a non-sudo caller asks for an orphan") {
    req.no_parent = true;
    CHECK(create_error(user, false, req) == texts::sudo_for_orphan);
  }
  SECTION("a non-sudo caller asks for a periodic token") {
    req.period = 1h;
    CHECK(create_error(user, false, req) == texts::sudo_for_period);
  }
  SECTION("a non-sudo caller asks for a custom ID") {
    req.id = "my-token";
    CHECK(create_error(user, false, req) == texts::sudo_for_id);
  }
  SECTION("a non-root caller asks for the root policy") {
    req.policies = {"root"};
    CHECK(create_error(user, true, req) == texts::root_needs_root_parent);
  }
  SECTION("a use-limited caller creates a child") {
    user.num_uses = 3;
    CHECK(create_error(user, false, req) == texts::restricted_use_child);
  }
  SECTION("negative values") {
    req.ttl = -1s;
    CHECK(create_error(root, true, req) == texts::ttl_negative);
    req.ttl = 0s;
    req.explicit_max_ttl = -1s;
    CHECK(create_error(root, true, req) == texts::explicit_max_ttl_negative);
    req.explicit_max_ttl = 0s;
    req.num_uses = -1;
    CHECK(create_error(root, true, req) == texts::negative_num_uses);
  }
  SECTION("an expiring root token creates a non-expiring root token") {
    root.expire_time = sim_time{1h};
    CHECK(create_error(root, true, req) == texts::expiring_root_child);
  }
  SECTION("an unknown token type") {
    req.type = "sometimes";
    CHECK(create_error(root, true, req) == texts::invalid_token_type);
  }
}

SCENARIO("a non-sudo child keeps default only when its parent has it") {
  auto user = default_token();
  token_create_request req;
  req.policies = {"default"};
  auto plan =
    plan_token_create(caller_view{user, false}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.policies == std::vector<std::string>{"default"});
  req.no_default_policy = true;
  plan = plan_token_create(caller_view{user, false}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.policies.empty());
}

SCENARIO("a display name is cleaned as Vault cleans it") {
  CHECK(token_display_name("foo_bar.baz!") == "token-foo-bar-baz");
  CHECK(token_display_name("parent") == "token-parent");
}

SCENARIO("a root token created with an explicit max and no TTL lives exactly the explicit max") {
  auto root = root_token();
  token_create_request req;
  req.explicit_max_ttl = std::chrono::hours{1000};
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.ttl == std::chrono::hours{1000}); // quirk: uncapped by the 768h max
}

SCENARIO("renewal checks fail in Vault's order") {
  auto view = sys_view();
  auto root = root_token();
  CHECK(plan_token_renew(root, 0s, view, sim_time{}).error().message() == texts::invalid_lease_id);
  root.has_lease = true;
  CHECK(plan_token_renew(root, 0s, view, sim_time{}).error().message() ==
        texts::lease_not_renewable);
  auto user = default_token();
  user.renewable = false;
  CHECK(plan_token_renew(user, 0s, view, sim_time{}).error().message() ==
        texts::lease_not_renewable);
}

SCENARIO("a renewal without increment reuses the last granted TTL, not the default") {
  auto user = default_token();
  user.ttl = 1h;
  user.expire_time = sim_time{1h};
  auto d = plan_token_renew(user, 10min, sys_view(), sim_time{10min});
  REQUIRE(d.ok());
  apply_renewal(user, *d, sim_time{10min});
  d = plan_token_renew(user, 0s, sys_view(), sim_time{15min});
  REQUIRE(d.ok());
  CHECK(d->ttl == 10min);
  CHECK(d->basis == ttl_basis::backend_ttl);
}

SCENARIO("a lookup shows Vault's fields with whole seconds and RFC 3339 times") {
  auto user = default_token();
  user.issue_time = sim_time{};
  auto d = lookup_data(user, user.id, sim_time{8s}, 1704067200);
  CHECK(std::get<std::int64_t>(d.at("ttl")) == 2764792);
  CHECK(std::get<std::int64_t>(d.at("creation_ttl")) == 0);
  CHECK(std::get<std::string>(d.at("expire_time")) == "2024-02-02T00:00:00Z");
  CHECK(std::get<std::string>(d.at("issue_time")) == "2024-01-01T00:00:00Z");
  CHECK(std::get<bool>(d.at("orphan")) == false);
  CHECK(std::get<std::string>(d.at("type")) == "service");
  CHECK(d.count("period") == 0);
  CHECK(std::holds_alternative<std::monostate>(d.at("meta")));
}

SCENARIO("token_lookup_keys names every key a lookup can show, and only those") {
  // A token with every optional part: a lease, a renewal, a period, a role, metadata.
  auto e = default_token();
  e.last_renewal = sim_time{1h};
  e.period = 1h;
  e.origin.change().role = "app";
  e.meta = {{"team", "web"}};
  const auto d = lookup_data(e, e.id, sim_time{2h}, 1704067200);
  std::vector<std::string> shown;
  for (const auto& [k, v] : d)
    shown.push_back(k);
  std::vector<std::string> listed;
  for (const auto& k : token_lookup_keys) {
    // The core adds these two for a token whose entity grants policies.
    if (k.name == "identity_policies" || k.name == "external_namespace_policies")
      continue;
    listed.emplace_back(k.name);
    CHECK(k.map == std::holds_alternative<std::map<std::string, std::string>>(d.at(listed.back())));
  }
  CHECK(shown == listed);
}

namespace {

token_role make_role(const std::map<std::string, std::string>& fields) {
  auto w = write_token_role("zabbix", fields, nullptr, sys_view());
  REQUIRE(w.ok());
  return w->role;
}

} // namespace

SCENARIO(
  "a token created through an orphan periodic role gets the role's policies, default and period") {
  // The official tutorial's role: allowed_policies="policy1, policy2, policy3" orphan=true
  // period=8h.
  auto role = make_role(
    {{"allowed_policies", "policy1, policy2, policy3"}, {"orphan", "true"}, {"period", "8h"}});
  auto root = root_token();
  auto plan = plan_token_create(caller_view{root, true}, token_create_request{}, sys_view(),
                                sim_time{}, &role, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.policies ==
        std::vector<std::string>{"default", "policy1", "policy2", "policy3"});
  CHECK(plan->entry.orphan());
  CHECK(plan->entry.ttl == std::chrono::hours{8});
  CHECK(plan->entry.period == 0s); // the role's period is used, not stored
  CHECK(plan->entry.origin->role == "zabbix");
  CHECK(plan->entry.origin->path == "auth/token/create/zabbix");
  CHECK(plan->warnings == std::vector<std::string>{"Policy \"policy1\" does not exist",
                                                   "Policy \"policy2\" does not exist",
                                                   "Policy \"policy3\" does not exist"});
}

SCENARIO("a role's orphan flag decides, whatever -orphan says") {
  auto role = make_role({{"orphan", "false"}});
  auto root = root_token();
  token_create_request req;
  req.no_parent = true;
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role, builtin);
  REQUIRE(plan.ok());
  CHECK_FALSE(plan->entry.orphan());
}

SCENARIO("a role refuses policies outside its allowed list and policies it disallows") {
  auto root = root_token();
  token_create_request req;
  req.policies = {"web"};
  auto allowed = make_role({{"allowed_policies", "db"}});
  auto r =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &allowed, builtin);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() ==
        "token policies ([\"default\" \"web\"]) must be subset of the role's allowed "
        "policies ([\"db\" \"default\"]) or glob policies ([])");
  auto disallowed = make_role({{"disallowed_policies", "web"}});
  r = plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &disallowed, builtin);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == "token policy \"web\" is disallowed by this role");
  auto glob = make_role({{"allowed_policies_glob", "we*"}});
  r = plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &glob, builtin);
  REQUIRE(r.ok());
  CHECK(r->entry.policies == std::vector<std::string>{"default", "web"});
}

SCENARIO(
  "an explicit max given in the request and in the role: the lesser wins, with Vault's warning") {
  auto role = make_role({{"token_explicit_max_ttl", "2h"}});
  auto root = root_token();
  token_create_request req;
  req.policies = {"default"};
  req.explicit_max_ttl = 1h;
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.ttl == 1h);
  REQUIRE_FALSE(plan->warnings.empty());
  CHECK(plan->warnings.front() == "Explicit max TTL specified both during creation call and in "
                                  "role; using the lesser value of 3600 seconds");
}

SCENARIO("a role's use limit merges with the request's: zero takes the other, else the smaller") {
  auto root = root_token();
  auto role = make_role({{"token_num_uses", "10"}});
  for (auto [asked, got] :
       std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 10}, {15, 10}, {5, 5}}) {
    token_create_request req;
    req.policies = {"default"};
    req.num_uses = asked;
    auto plan =
      plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role, builtin);
    REQUIRE(plan.ok());
    CHECK(plan->entry.num_uses == got);
  }
}

SCENARIO("a role token renews with its role's current period, ignoring the increment") {
  auto root = root_token();
  auto role = make_role({{"period", "5s"}});
  auto plan = plan_token_create(caller_view{root, true}, token_create_request{}, sys_view(),
                                sim_time{}, &role, builtin);
  REQUIRE(plan.ok());
  auto e = plan->entry;
  CHECK(e.ttl == 5s);
  role.token_period = 30s; // the role changed since
  auto d = plan_token_renew(e, 2s, sys_view(), sim_time{3s}, &role);
  REQUIRE(d.ok());
  CHECK(d->ttl == 30s);
}

SCENARIO("role writes are validated with Vault's texts") {
  auto bad = [](std::map<std::string, std::string> f) {
    auto w = write_token_role("r", f, nullptr, sys_view());
    REQUIRE_FALSE(w.ok());
    return w.error().message();
  };
  CHECK(bad({{"token_type", "sometimes"}}) == "invalid 'token_type' value \"sometimes\"");
  CHECK(bad({{"token_type", "batch"}}) ==
        "'token_type' cannot be 'batch' when role is set to generate non-orphan tokens");
  CHECK(bad({{"token_type", "batch"}, {"orphan", "true"}}) ==
        "'token_type' cannot be 'batch' when role is set to generate renewable tokens");
  CHECK(bad({{"path_suffix", "a..b"}}) ==
        "error registering path suffix: path cannot contain parent references");
  CHECK(bad({{"path_suffix", "!"}}) ==
        "given role path suffix contains invalid characters; must match \\w[\\w-.]+\\w");
  auto w = write_token_role(
    "r", {{"token_explicit_max_ttl", "1000h"}, {"period", "1h"}, {"token_period", "2h"}}, nullptr,
    sys_view());
  REQUIRE(w.ok());
  CHECK(w->role.token_period == 2h);
  CHECK(
    w->warnings ==
    std::vector<std::string>{
      "Both 'token_period' and deprecated 'period' value supplied, ignoring the deprecated value",
      "Given explicit max TTL of 3600000 is greater than system/mount allowed value of 2764800 "
      "seconds; until this is fixed attempting to create tokens against this role will result in "
      "an "
      "error"});
}

SCENARIO("batch token creation: Vault's restrictions, in its order, and a sealed entry's shape") {
  token_create_request req;
  req.type = "batch";
  // Inheriting root's policy: refused.
  CHECK(create_error(root_token(), true, req) == "batch tokens cannot be root tokens");
  req.policies = {"default"};
  // A batch caller cannot create tokens at all, before anything else is checked.
  auto batch_caller = default_token();
  batch_caller.type = token_type::batch;
  CHECK(create_error(batch_caller, false, req) == "batch tokens cannot create more tokens");
  // The CLI always sends explicit_max_ttl: only it is checked.
  auto emt = req;
  emt.explicit_max_ttl = std::chrono::hours{1};
  CHECK(create_error(root_token(), true, emt) ==
        "batch tokens cannot have \"explicit_max_ttl\" set");
  auto uses = req;
  uses.num_uses = 3;
  auto dropped = plan_token_create(caller_view{root_token(), true}, uses, sys_view(), sim_time{},
                                   nullptr, builtin);
  REQUIRE(dropped.ok());
  CHECK(dropped->entry.num_uses == 0);
  // Without explicit_max_ttl in the request, num_uses and then period are checked.
  uses.explicit_max_ttl_sent = false;
  CHECK(create_error(root_token(), true, uses) == "batch tokens cannot have \"num_uses\" set");
  auto period = req;
  period.explicit_max_ttl_sent = false;
  period.period = std::chrono::hours{1};
  CHECK(create_error(root_token(), true, period) == "batch tokens cannot have \"period\" set");
  // A plain batch child: not renewable, no use limit, a parent, the mount's TTL.
  req.ttl = std::chrono::minutes{20};
  auto plan = plan_token_create(caller_view{root_token(), true}, req, sys_view(), sim_time{},
                                nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.type == token_type::batch);
  CHECK_FALSE(plan->entry.renewable);
  CHECK(plan->entry.parent == root_token().id);
  CHECK(plan->entry.ttl == std::chrono::minutes{20});
}

// --- the API form: `vault write auth/token/create …` (commonFieldsForCreate) ---

namespace {

token_create_request api_request(const std::string& sub, const field_map& fields) {
  auto r = token_create_from_fields(sub, fields);
  REQUIRE(r.ok());
  return *r;
}

std::string api_field_error(const field_map& fields) {
  auto r = token_create_from_fields("create", fields);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().status == 400);
  return r.error().message();
}

} // namespace

SCENARIO("an API create converts the fields 1.14.0 declares, with Go's texts") {
  CHECK(api_field_error({{"num_uses", "abc"}}) ==
        R"(Field validation failed: error converting input abc for field "num_uses": cannot )"
        R"(parse '' as int: strconv.ParseInt: parsing "abc": invalid syntax)");
  CHECK(api_field_error({{"renewable", "maybe"}}) ==
        R"(Field validation failed: error converting input maybe for field "renewable": cannot )"
        R"(parse '' as bool: strconv.ParseBool: parsing "maybe": invalid syntax)");
  CHECK(api_field_error({{"no_parent", "2"}}) ==
        R"(Field validation failed: error converting input 2 for field "no_parent": cannot )"
        R"(parse '' as bool: strconv.ParseBool: parsing "2": invalid syntax)");
  // 1.14.0 declares `metadata` as a TypeMap, which no text converts to.
  CHECK(api_field_error({{"metadata", "team=web"}}) ==
        R"(Field validation failed: error converting input team=web for field "metadata": '' )"
        R"(expected a map, got 'string')");
  auto req = api_request("create", {{"num_uses", "0x10"},
                                    {"renewable", "f"},
                                    {"no_default_policy", "1"},
                                    {"policies", "a,b"},
                                    {"ttl", "90"}});
  CHECK(req.num_uses == 16);
  CHECK_FALSE(req.renewable);
  CHECK(req.no_default_policy);
  // TypeStringSlice does not split a string at commas: one policy named "a,b".
  CHECK(req.policies == std::vector<std::string>{"a,b"});
  CHECK(req.ttl == 90s);
  CHECK(req.type.empty()); // not sent: a role's default decides
  CHECK_FALSE(req.explicit_max_ttl_sent);
}

SCENARIO("an API create's duration strings are refused by the handler, at its own steps") {
  auto root = root_token();
  const auto error_of = [&](const field_map& fields) {
    auto req = api_request("create", fields);
    auto r =
      plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == 400);
    return r.error().message();
  };
  CHECK(error_of({{"ttl", "abc"}}) == R"(time: invalid duration "abc")");
  CHECK(error_of({{"ttl", "-1"}}) == "ttl must be positive");
  CHECK(error_of({{"lease", "-5m"}}) == "lease must be positive");
  // `lease` is Go's time.ParseDuration in 1.14.0: no bare seconds.
  CHECK(error_of({{"lease", "90"}}) == R"(time: missing unit in duration "90")");
  CHECK(error_of({{"period", "1.5d"}}) == R"(strconv.ParseInt: parsing "1.5": invalid syntax)");
  CHECK(error_of({{"explicit_max_ttl", "-1h"}}) == "explicit_max_ttl must be positive");
  // A batch request checks its first sent field before anything else.
  CHECK(error_of({{"type", "batch"}, {"explicit_max_ttl", "x"}, {"policies", "default"}}) ==
        R"("explicit_max_ttl" value could not be parsed)");
  CHECK(error_of({{"type", "batch"}, {"period", "x"}, {"policies", "default"}}) ==
        R"("period" value could not be parsed)");
  CHECK(error_of({{"entity_alias", "bob"}}) ==
        "'entity_alias' is only allowed in combination with token role");
  // `ttl` wins over the deprecated `lease`; "" is "not set".
  auto req = api_request("create", {{"ttl", "1h"}, {"lease", "bad"}, {"period", ""}});
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.ttl == 1h);
}

SCENARIO("an API create's meta is the handler's map: a text is 'Error decoding request'") {
  auto root = root_token();
  auto req = api_request("create", {{"meta", "team=web"}, {"policies", "default"}});
  auto r = plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == vault_error::invalid("Error decoding request: 1 error(s) decoding:\n\n* "
                                          "'meta' expected a map, got 'string'"));
  // The caller is checked first: a use-limited caller gets its own refusal.
  auto limited = default_token();
  limited.num_uses = 2;
  CHECK(create_error(limited, false, req) == "restricted use token cannot generate child tokens");
}

SCENARIO("an API create warns about fields 1.14.0 does not declare, those it reads included") {
  auto root = root_token();
  auto req = api_request("create", {{"lease", "1h"}, {"policies", "default"}, {"colour", "x"}});
  auto plan =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.ttl == 1h); // the handler read `lease`…
  CHECK(plan->warnings == // …and the framework says it ignored it
        std::vector<std::string>{"Endpoint ignored these unrecognized parameters: [colour lease]"});
  // On create/<role> the role comes from the path; a role_name in the body is replaced.
  auto with_role = api_request("create/ci", {{"role_name", "other"}});
  CHECK(with_role.role == "ci");
  CHECK(with_role.framework_warnings ==
        std::vector<std::string>{"Endpoint replaced the value of these parameters with the "
                                 "values captured from the endpoint's path: [role_name]"});
  // create-orphan declares role_name and ignores it; plain create does not declare it.
  CHECK(api_request("create-orphan", {{"role_name", "ci"}}).framework_warnings.empty());
  auto without = api_request("create", {{"role_name", "ci"}});
  CHECK(without.role.empty());
  CHECK(without.framework_warnings ==
        std::vector<std::string>{"Endpoint ignored these unrecognized parameters: [role_name]"});
}

SCENARIO("a default-batch role issues a batch token when the request names no type") {
  auto root = root_token();
  auto role = make_role({{"token_type", "default-batch"}, {"orphan", "true"}});
  auto api = api_request("create/ci", {{"policies", "default"}});
  auto plan =
    plan_token_create(caller_view{root, true}, api, sys_view(), sim_time{}, &role, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.type == token_type::batch);
  // The CLI's -type defaults to "service", which a default-batch role honours.
  token_create_request cli;
  cli.policies = {"default"};
  cli.role = "ci";
  plan = plan_token_create(caller_view{root, true}, cli, sys_view(), sim_time{}, &role, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.type == token_type::service);
  // default-service: no type is a service token, an asked-for batch is a batch token.
  auto service_role = make_role({{"token_type", "default-service"}, {"orphan", "true"}});
  plan = plan_token_create(caller_view{root, true}, api, sys_view(), sim_time{}, &service_role,
                           builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.type == token_type::service);
  api.type = "batch";
  plan = plan_token_create(caller_view{root, true}, api, sys_view(), sim_time{}, &service_role,
                           builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.type == token_type::batch);
}

SCENARIO("a batch token created through a role keeps the role's name, as its blob does") {
  auto role = make_role({{"token_type", "batch"}, {"orphan", "true"}, {"renewable", "false"}});
  token_create_request req;
  req.policies = {"default"};
  auto plan = plan_token_create(caller_view{root_token(), true}, req, sys_view(), sim_time{},
                                &role, builtin);
  REQUIRE(plan.ok());
  CHECK(plan->entry.type == token_type::batch);
  CHECK(plan->entry.origin->role == "zabbix");
  CHECK(std::get<std::string>(lookup_data(plan->entry, "", sim_time{}, 0).at("role")) == "zabbix");
}

SCENARIO("a role write converts its fields as the framework does, behind the existence check") {
  auto bad = [](std::map<std::string, std::string> f) {
    auto w = write_token_role("r", f, nullptr, sys_view());
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().status == 400);
    return w.error().message();
  };
  CHECK(bad({{"token_num_uses", "abc"}}) ==
        R"(error converting input abc for field "token_num_uses": cannot parse '' as int: )"
        R"(strconv.ParseInt: parsing "abc": invalid syntax)");
  CHECK(bad({{"orphan", "maybe"}}) ==
        R"(error converting input maybe for field "orphan": cannot parse '' as bool: )"
        R"(strconv.ParseBool: parsing "maybe": invalid syntax)");
  CHECK(bad({{"period", "-1"}}) ==
        R"(error converting input -1 for field "period": cannot provide negative value '-1')");
  CHECK(bad({{"token_explicit_max_ttl", "1y"}}) ==
        R"(error converting input 1y for field "token_explicit_max_ttl": time: unknown unit "y" )"
        R"(in duration "1y")");
  // tokenutil's own checks carry the role's prefix.
  CHECK(bad({{"token_num_uses", "-1"}}) ==
        "error parsing role fields: 'token_num_uses' cannot be negative");
  CHECK(bad({{"token_bound_cidrs", "nowhere"}}) ==
        "error parsing role fields: error parsing address \"nowhere\": Unable to convert "
        "\"nowhere\" to an IPv4 or IPv6 address, or a UNIX Socket");
  // The role's token_type takes its four values; "default" is not one of them.
  CHECK(bad({{"token_type", "default"}}) == "invalid 'token_type' value \"default\"");
  // A role already default-batch refuses a use limit through tokenutil's check.
  auto batchy = write_token_role("r", {{"token_type", "default-batch"}}, nullptr, sys_view());
  REQUIRE(batchy.ok());
  auto w = write_token_role("r", {{"token_num_uses", "3"}}, &batchy->role, sys_view());
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().message() == "error parsing role fields: 'token_type' cannot be 'batch' or "
                               "'default_batch' when set to generate tokens with limited use count");
  // An unknown field is ignored quietly when the write answers 204.
  auto quiet = write_token_role("r", {{"colour", "blue"}}, nullptr, sys_view());
  REQUIRE(quiet.ok());
  CHECK(quiet->warnings.empty());
}

SCENARIO("a role written with token_period reads period 0, as Vault 1.14's upgrade leaves it") {
  auto old_style = write_token_role("r", {{"period", "1h"}, {"explicit_max_ttl", "2h"}}, nullptr,
                                    sys_view());
  REQUIRE(old_style.ok());
  auto d = token_role_data(old_style->role);
  CHECK(std::get<std::int64_t>(d.at("period")) == 3600);
  CHECK(std::get<std::int64_t>(d.at("token_period")) == 3600);
  CHECK(std::get<std::int64_t>(d.at("explicit_max_ttl")) == 7200);
  CHECK(std::get<std::int64_t>(d.at("token_explicit_max_ttl")) == 7200);
  // Rewriting through the new names clears the deprecated values.
  auto new_style = write_token_role(
    "r", {{"token_period", "30m"}, {"token_explicit_max_ttl", "4h"}}, &old_style->role, sys_view());
  REQUIRE(new_style.ok());
  d = token_role_data(new_style->role);
  CHECK(std::get<std::int64_t>(d.at("period")) == 0);
  CHECK(std::get<std::int64_t>(d.at("token_period")) == 1800);
  CHECK(std::get<std::int64_t>(d.at("explicit_max_ttl")) == 0);
  CHECK(std::get<std::int64_t>(d.at("token_explicit_max_ttl")) == 14400);
  // bound_cidrs shows only what was written through it.
  auto cidrs = write_token_role("r", {{"token_bound_cidrs", "10.0.0.0/8"}}, nullptr, sys_view());
  REQUIRE(cidrs.ok());
  d = token_role_data(cidrs->role);
  CHECK(d.count("bound_cidrs") == 0);
  CHECK(std::get<std::vector<std::string>>(d.at("token_bound_cidrs")) ==
        std::vector<std::string>{"10.0.0.0/8"});
}

SCENARIO("a login's token: no policy warnings, the mount's token type, root refused after the TTL") {
  login_auth auth;
  auth.policies = {"app"}; // does not exist: a login does not say so
  auth.display_name = "ada";
  auto plan = plan_login(auth, "auth/userpass/", "default-service", "auth/userpass/login/ada",
                         sys_view(), sim_time{});
  REQUIRE(plan.ok());
  CHECK(plan->warnings.empty());
  CHECK(plan->entry.type == token_type::service);
  CHECK(plan->entry.origin->display_name == "userpass-ada");
  auto batch = plan_login(auth, "auth/userpass/", "default-batch", "auth/userpass/login/ada",
                          sys_view(), sim_time{});
  REQUIRE(batch.ok());
  CHECK(batch->entry.type == token_type::batch);
  CHECK_FALSE(batch->entry.renewable);
  auth.token_type = "service";
  batch = plan_login(auth, "auth/userpass/", "default-batch", "auth/userpass/login/ada",
                     sys_view(), sim_time{});
  REQUIRE(batch.ok());
  CHECK(batch->entry.type == token_type::service);
  // A mount without a positive max fails CalculateTTL before the policies are looked at.
  auth.policies = {"root"};
  system_view broken = sys_view();
  broken.max_lease_ttl = secs(-1);
  auto r = plan_login(auth, "auth/userpass/", "default-service", "auth/userpass/login/ada", broken,
                      sim_time{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == vault_error::internal("max TTL must be greater than zero"));
  r = plan_login(auth, "auth/userpass/", "default-service", "auth/userpass/login/ada", sys_view(),
                 sim_time{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == vault_error::invalid("auth methods cannot create root tokens"));
}

SCENARIO("a role's entity_alias stops the plan for its entity, then names the token's entity") {
  auto root = root_token();
  token_role role;
  role.name = "ci";
  role.allowed_entity_aliases = {"build-*"};
  token_create_request req;
  req.role = "ci";
  req.entity_alias = "other";
  auto refused =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role, builtin);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() == vault_error::invalid("invalid 'entity_alias' value"));

  req.entity_alias = "Build-7";
  auto pending =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role, builtin);
  REQUIRE(pending.ok());
  CHECK(pending->needs_alias_entity);
  const std::string entity = "5b1ee9a4-0000-4000-8000-000000000001";
  auto plan = plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role,
                                builtin, &entity);
  REQUIRE(plan.ok());
  CHECK_FALSE(plan->needs_alias_entity);
  CHECK(plan->entry.origin->entity_id == entity);
  // The checks before the alias come first: a negative use count wins.
  req.num_uses = -1;
  auto early =
    plan_token_create(caller_view{root, true}, req, sys_view(), sim_time{}, &role, builtin);
  REQUIRE_FALSE(early.ok());
  CHECK(early.error().message() == "number of uses cannot be negative");
}

SCENARIO("a child token inherits its parent's entity, an orphan does not") {
  auto parent = root_token();
  parent.origin.change().entity_id = "e-1";
  token_create_request req;
  auto child =
    plan_token_create(caller_view{parent, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(child.ok());
  CHECK(child->entry.origin->entity_id == "e-1");
  req.no_parent = true;
  auto orphan =
    plan_token_create(caller_view{parent, true}, req, sys_view(), sim_time{}, nullptr, builtin);
  REQUIRE(orphan.ok());
  CHECK(orphan->entry.origin->entity_id.empty());
  CHECK(lookup_data(child->entry, "x", sim_time{}, 0).at("entity_id") == field_value{"e-1"});
  CHECK(make_auth_block(std::make_shared<const token_entry>(child->entry), true).entity_id() ==
        "e-1");
}

SCENARIO("an auth block shares its token's entry, and one set by hand has an entry of its own") {
  token_entry e = root_token();
  e.accessor = "acc-1";
  e.policies = {"default", "web"};
  e.meta = {{"team", "web"}};
  e.origin.change().entity_id = "e-1";
  e.parent = "hvs.parent";
  e.ttl = 90min;
  e.num_uses = 3;
  e.id = "hvs.shown";
  auto shared = std::make_shared<const token_entry>(e);
  auto a = make_auth_block(shared, true);
  CHECK(a.token == shared); // shared, not copied
  CHECK(a.client_token() == "hvs.shown");
  CHECK(a.client_token().data() == shared->id.data());          // its characters, not a copy
  CHECK(make_auth_block(shared, false).client_token().empty()); // a renew-accessor's
  CHECK(a.accessor() == "acc-1");
  CHECK(a.token_policies() == std::vector<std::string>{"default", "web"});
  CHECK(a.policies() == a.token_policies());
  CHECK(a.metadata() == std::map<std::string, std::string>{{"team", "web"}});
  CHECK(a.entity_id() == "e-1");
  CHECK(a.lease_duration == 5400);
  CHECK_FALSE(a.orphan);
  CHECK(a.num_uses == 3);
  // Policies the entity adds are the block's own.
  a.all_policies = std::vector<std::string>{"default", "ops", "web"};
  CHECK(a.policies() == std::vector<std::string>{"default", "ops", "web"});
  CHECK(a.token_policies() == std::vector<std::string>{"default", "web"});
  // Setting a field by hand changes a copy, never the shared entry.
  a.own_token().accessor = "acc-2";
  CHECK(a.accessor() == "acc-2");
  CHECK(a.client_token() == "hvs.shown");
  a.own_token().id = "hvs.other"; // the client token is what was shown, not the new ID
  CHECK(a.client_token() == "hvs.shown");
  a.set_client_token("hvs.given");
  CHECK(a.client_token() == "hvs.given");
  CHECK(a.entity_id() == "e-1");
  CHECK(shared->accessor == "acc-1");
  // A block without an entry reads empty fields.
  auth_block none;
  CHECK(none.client_token().empty());
  CHECK(none.accessor().empty());
  CHECK(none.policies().empty());
  CHECK(none.metadata().empty());
  CHECK(none.entity_id().empty());
}
