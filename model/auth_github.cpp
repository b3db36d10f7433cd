// Vault's github auth method (builtin/credential/github, Vault 1.14): config, the team and
// user policy maps (framework.PolicyMap), and login with a GitHub personal access token. GitHub
// itself is the scenario's declared world (model/github.hpp): the config looks the
// organization's ID up there, a login finds the token's user, its organizations and teams.

#include "model/auth_internal.hpp"
#include "model/github.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <set>

namespace tokenlab::auth_detail {

namespace {

constexpr unsigned github_aliases = alias_ttl | alias_max_ttl;

class github_backend final : public auth_backend {
public:
  std::string_view type() const override { return "github"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env& env) override {
    if (path == "config")
      return write_config(path, fields, env);
    if (auto m = map_entry(path)) {
      // PathMap's write stores the request's raw fields under the lower-cased key.
      if (auto e = validate_fields(fields, map_schema()))
        return bad(*e);
      (*m->map)[lower(m->key)] = fields;
      event(auth_event::kind::config_written, path);
      return no_content();
    }
    if (path == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    return unsupported_path(false);
  }

  outcome<api_response> read(const std::string& path, auth_env&) override {
    if (path == "config") {
      if (!config_)
        return not_found();
      data_map d;
      d["organization_id"] = config_->organization_id;
      d["organization"] = config_->organization;
      d["base_url"] = config_->base_url;
      populate_token_data(config_->token, d);
      if (config_->token.ttl > sim_duration::zero())
        d["ttl"] = seconds_of(config_->token.ttl);
      if (config_->token.max_ttl > sim_duration::zero())
        d["max_ttl"] = seconds_of(config_->token.max_ttl);
      return with_data(std::move(d));
    }
    if (auto m = map_entry(path)) {
      auto it = m->map->find(lower(m->key));
      if (it == m->map->end())
        return not_found();
      data_map d;
      for (const auto& [k, v] : it->second)
        d[k] = v;
      return with_data(std::move(d));
    }
    return unsupported_path(path == "login");
  }

  outcome<api_response> list(const std::string& path, auth_env&) override {
    if (list_path(path, "map/teams"))
      return list_keys(teams_);
    if (list_path(path, "map/users"))
      return list_keys(users_);
    return unsupported_path(false);
  }

  outcome<api_response> remove(const std::string& path, auth_env&) override {
    if (auto m = map_entry(path)) {
      if (m->map->erase(lower(m->key)) > 0)
        deleted(path);
      return no_content();
    }
    return unsupported_path(path == "login");
  }

protected:
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map&) override {
    return login_without_lockout(path);
  }

  // pathLogin and verifyCredentials. Every failure is a plain error of a login path: a 500
  // with the bare text (go-github's for a refused API call).
  login_result do_login(const std::string&, const field_map& fields, auth_env& env) override {
    if (!config_)
      return {vault_error::internal(std::string{texts::github_no_config})};
    static const github_world nobody;
    const github_world& gh = env.github ? *env.github : nobody;
    const auto* user = gh.user_with_token(trim(get_or_empty(fields, "token")));
    if (!user)
      return {vault_error::internal(github_api_error("GET", "user", 401, "Bad credentials"))};
    const github_org* org = nullptr;
    for (const auto& name : user->orgs)
      if (const auto* o = gh.org_named(name); o && o->id == config_->organization_id)
        org = o;
    if (!org)
      return {vault_error::internal(std::string{texts::github_not_in_org})};
    login_auth auth;
    if (org->login != config_->organization)
      auth.warnings.push_back(texts::github_org_renamed(org->login, org->id));
    std::vector<std::string> team_names;
    for (const auto& t : user->teams) {
      const auto* team_org = gh.org_named(t.org);
      if (!team_org || team_org->id != org->id)
        continue; // only the teams of the configured organization
      team_names.push_back(t.name);
      if (t.name != t.slug)
        team_names.push_back(t.slug);
    }
    auth.metadata = {{"org", org->login}, {"username", user->login}};
    auth.display_name = user->login;
    auth.alias_name = user->login;
    populate_token_auth(config_->token, auth);
    for (auto& p : map_policies(teams_, team_names))
      auth.policies.push_back(std::move(p));
    for (auto& p : map_policies(users_, {user->login}))
      auth.policies.push_back(std::move(p));
    return {std::move(auth)};
  }

private:
  using policy_map = std::map<std::string, field_map>;

  struct config {
    std::string organization;
    std::int64_t organization_id = 0;
    std::string base_url;
    token_params token;
  };

  struct map_ref {
    policy_map* map;
    std::string key;
  };

  // map/teams/<key> and map/users/<key> (framework.PathMap: key `[-\w]+`).
  std::optional<map_ref> map_entry(const std::string& path) {
    const auto p = split_path(path);
    if (p.size() != 3 || p[0] != "map" || (p[1] != "teams" && p[1] != "users"))
      return std::nullopt;
    const bool ok = !p[2].empty() && std::all_of(p[2].begin(), p[2].end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
    if (!ok)
      return std::nullopt;
    return map_ref{p[1] == "teams" ? &teams_ : &users_, p[2]};
  }

  static const field_schema& map_schema() {
    static const field_schema schema{{"value", field_kind::string}, {"key", field_kind::string}};
    return schema;
  }

  static const field_schema& config_schema() {
    static const field_schema schema = [] {
      field_schema s{{"organization", field_kind::string},
                     {"organization_id", field_kind::integer},
                     {"base_url", field_kind::string}};
      add_token_fields(s, github_aliases);
      return s;
    }();
    return schema;
  }

  // PolicyMap.Policies: the `default` key's policies and each name's, split at commas,
  // trimmed, sorted, without duplicates.
  static std::vector<std::string> map_policies(const policy_map& map,
                                               const std::vector<std::string>& names) {
    std::set<std::string> out;
    std::vector<std::string> keys{"default"};
    keys.insert(keys.end(), names.begin(), names.end());
    for (const auto& name : keys) {
      auto it = map.find(lower(name));
      if (it == map.end())
        continue;
      auto value = it->second.find("value");
      if (value == it->second.end())
        continue;
      for (const auto& p : parse_comma_slice(value->second))
        if (auto t = trim(p); !t.empty())
          out.insert(t);
    }
    return {out.begin(), out.end()};
  }

  // pathConfigWrite.
  outcome<api_response> write_config(const std::string& path, const field_map& fields,
                                     auth_env& env) {
    if (auto e = check_fields(fields, config_schema(), false))
      return *e;
    config c = config_ ? *config_ : config{};
    if (auto v = get(fields, "organization"))
      c.organization = *v;
    if (c.organization.empty())
      return bad(texts::github_organization_required);
    if (auto v = get(fields, "organization_id"))
      c.organization_id = field_int(*v);
    if (auto v = get(fields, "base_url")) {
      c.base_url = *v;
      if (!c.base_url.empty() && c.base_url.back() != '/')
        c.base_url += '/';
    }
    if (c.organization_id == 0) {
      // setOrganizationID: GET /orgs/<organization> (anonymously, without
      // VAULT_AUTH_CONFIG_GITHUB_TOKEN).
      const auto* org = env.github ? env.github->org_named(c.organization) : nullptr;
      if (!org)
        return handler_failed(texts::github_no_organization_id(
          github_api_error("GET", "orgs/" + c.organization, 404, "Not Found")));
      c.organization_id = org->id;
    }
    if (auto e = parse_token_fields(c.token, fields))
      return bad(*e);
    if (auto e = upgrade_token_fields(c.token, fields, github_aliases))
      return bad(*e);
    config_ = std::move(c);
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  std::optional<config> config_;
  policy_map teams_; ///< map/teams/<team>: {"value": "<policies>"}
  policy_map users_; ///< map/users/<user>
};

} // namespace

std::unique_ptr<auth_backend> make_github_backend() {
  return std::make_unique<github_backend>();
}

} // namespace tokenlab::auth_detail
