// Vault's AppRole auth method (builtin/credential/approle): roles with their role ID and
// secret-ID constraints, secret IDs (num_uses, TTL, metadata, CIDRs) and their periodic tidy,
// and login with role_id and secret_id.

#include "model/auth_internal.hpp"
#include "model/texts.hpp"
#include "model/ttl.hpp"
#include <algorithm>
#include <set>

namespace tokenlab::auth_detail {

namespace {

// --- approle (builtin/credential/approle) ---

class approle_backend final : public auth_backend {
public:
  std::string_view type() const override { return "approle"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env& env) override {
    tidy(env.now);
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1]))
      return write_role(path, p[1], fields, env);
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "secret-id")
      return write_secret_id(p[1], fields, env);
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "role-id")
      return write_role_id(path, p[1], fields);
    if (path == "tidy/secret-id") {
      api_response r;
      r.status = 202;
      r.warnings.emplace_back(texts::tidy_started);
      return r;
    }
    if (path == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    if (auto what = unmodelled(p))
      return lab_refusal(*what);
    return other(path);
  }

  outcome<api_response> read(const std::string& path, auth_env& env) override {
    tidy(env.now);
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return not_found();
      return with_data(role_data(r->second));
    }
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "role-id") {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return not_found();
      return with_data(data_map{{"role_id", r->second.role_id}});
    }
    if (auto what = unmodelled(p))
      return lab_refusal(*what);
    return other(path);
  }

  outcome<api_response> list(const std::string& path, auth_env& env) override {
    tidy(env.now);
    if (list_path(path, "role")) {
      return list_keys(roles_);
    }
    const auto p = split_path(path);
    if (p.size() >= 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "secret-id" &&
        (p.size() == 3 || (p.size() == 4 && p[3].empty()))) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return bad(texts::approle_role_missing(p[1]));
      std::vector<std::string> keys;
      for (const auto& s : r->second.secrets)
        keys.push_back(s.second.accessor);
      std::sort(keys.begin(), keys.end());
      if (keys.empty())
        return not_found();
      return list_response(std::move(keys));
    }
    return other(path);
  }

  outcome<api_response> remove(const std::string& path, auth_env& env) override {
    tidy(env.now);
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return no_content();
      // flushRoleSecrets: the role's secret IDs go with it.
      for (const auto& s : r->second.secrets)
        gone(s.second, credential_facts::end::role_deleted, r->first);
      roles_.erase(r);
      deleted(path);
      return no_content();
    }
    if (auto what = unmodelled(p))
      return lab_refusal(*what);
    return other(path);
  }

  void tidy(sim_time now) override {
    for (auto& r : roles_) {
      auto& secrets = r.second.secrets;
      for (auto it = secrets.begin(); it != secrets.end();) {
        if (it->second.expires && tidy_tick(*it->second.expires) <= now) {
          gone(it->second, credential_facts::end::tidied);
          it = secrets.erase(it);
        } else {
          ++it;
        }
      }
    }
  }

  std::optional<sim_time> next_tidy() const override {
    std::optional<sim_time> next;
    for (const auto& r : roles_)
      for (const auto& s : r.second.secrets)
        if (s.second.expires && (!next || tidy_tick(*s.second.expires) < *next))
          next = tidy_tick(*s.second.expires);
    return next;
  }

  std::optional<bool> credential_live(const std::string& key) const override {
    for (const auto& r : roles_)
      for (const auto& s : r.second.secrets)
        if (s.first == key || s.second.accessor == key)
          return true;
    if (gone_.count(key) > 0)
      return false;
    return std::nullopt;
  }

protected:
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map& fields) override {
    if (path != "login")
      return unsupported_path(true);
    // pathLoginUpdateAliasLookahead: a plain error, returned unwrapped by the login flow.
    auto role_id = trim(get_or_empty(fields, "role_id"));
    if (role_id.empty())
      return vault_error::internal(std::string{texts::missing_role_id});
    return std::optional<std::string>{role_id};
  }

  login_result do_login(const std::string&, const field_map& fields, auth_env& env) override {
    tidy(env.now);
    const auto role_id = trim(get_or_empty(fields, "role_id"));
    auto r = std::find_if(roles_.begin(), roles_.end(),
                          [&](const auto& kv) { return kv.second.role_id == role_id; });
    if (r == roles_.end())
      return {bad(texts::invalid_role_or_secret_id)};
    auto& role = r->second;
    std::map<std::string, std::string> metadata;
    std::vector<std::string> entry_token_cidrs;
    if (role.bind_secret_id) {
      const auto secret_id = trim(get_or_empty(fields, "secret_id"));
      if (secret_id.empty())
        return {bad(texts::missing_secret_id)};
      auto s = role.secrets.find(secret_id);
      if (s == role.secrets.end())
        return {bad(texts::invalid_role_or_secret_id), true};
      metadata = s->second.metadata;
      entry_token_cidrs = s->second.token_bound_cidrs;
      if (s->second.num_uses == 1) {
        // The last use: the secret ID is deleted, the login still succeeds.
        gone(s->second, credential_facts::end::used_up);
        role.secrets.erase(s);
      } else if (s->second.num_uses > 1) {
        --s->second.num_uses;
      }
    }
    metadata["role_name"] = role.name;
    login_auth auth;
    auth.metadata = std::move(metadata);
    auth.alias_name = role.role_id;
    auth.alias_metadata = auth.metadata; // path_login.go: the alias carries the same metadata
    populate_token_auth(role.token, auth);
    if (!entry_token_cidrs.empty())
      auth.bound_cidrs = entry_token_cidrs;
    return {std::move(auth)};
  }

private:
  struct secret {
    std::string secret_id;
    std::string accessor;
    std::int64_t num_uses = 0;
    sim_duration ttl{0}; ///< as derived (capped by the mount's max)
    std::optional<sim_time> expires;
    std::map<std::string, std::string> metadata;
    std::vector<std::string> cidr_list;
    std::vector<std::string> token_bound_cidrs;
  };
  struct role_entry {
    std::string name; ///< lower-cased (LowerCaseRoleName)
    token_params token;
    std::string role_id;
    bool bind_secret_id = true;
    std::optional<std::vector<std::string>> secret_id_bound_cidrs; ///< nil until set
    std::int64_t secret_id_num_uses = 0;
    sim_duration secret_id_ttl{0};
    bool local_secret_ids = false;
    std::map<std::string, secret> secrets; ///< by secret ID
  };

  // The first rollback tick strictly after `expires` (tidy deletes when now.After(exp)).
  static sim_time tidy_tick(sim_time expires) {
    const auto period = tidy_period.count();
    return sim_time{sim_duration{(expires.time_since_epoch().count() / period + 1) * period}};
  }

  // A secret ID is deleted (`why`; `role`: the role deleted with it).
  void gone(const secret& s, credential_facts::end why, std::string role = {}) {
    gone_.insert(s.secret_id);
    gone_.insert(s.accessor);
    credential_facts facts;
    facts.role = std::move(role);
    facts.why = why;
    secret_id_event(auth_event::kind::credential_deleted, s.accessor, std::move(facts));
  }

  static const field_schema& role_schema() {
    static const field_schema schema = [] {
      field_schema s{{"role_name", field_kind::string},
                     {"bind_secret_id", field_kind::boolean},
                     {"bound_cidr_list", field_kind::comma_string_slice},
                     {"secret_id_bound_cidrs", field_kind::comma_string_slice},
                     {"secret_id_num_uses", field_kind::integer},
                     {"secret_id_ttl", field_kind::duration},
                     {"role_id", field_kind::string},
                     {"local_secret_ids", field_kind::boolean}};
      add_token_fields(s, approle_aliases);
      return s;
    }();
    return schema;
  }

  static data_map role_data(const role_entry& r) {
    data_map d;
    d["bind_secret_id"] = r.bind_secret_id;
    if (r.secret_id_bound_cidrs)
      d["secret_id_bound_cidrs"] = *r.secret_id_bound_cidrs;
    else
      d["secret_id_bound_cidrs"] = std::monostate{};
    d["secret_id_num_uses"] = r.secret_id_num_uses;
    d["secret_id_ttl"] = seconds_of(r.secret_id_ttl);
    d["local_secret_ids"] = r.local_secret_ids;
    populate_token_data(r.token, d);
    if (r.token.period != sim_duration::zero())
      d["period"] = seconds_of(r.token.period);
    if (!r.token.policies.empty())
      d["policies"] = r.token.policies;
    return d;
  }

  // setRoleEntry's checks: a constraint, and a role ID no other role holds.
  std::optional<vault_error> check_role(const role_entry& r) const {
    const bool constrained = r.bind_secret_id ||
                             (r.secret_id_bound_cidrs && !r.secret_id_bound_cidrs->empty()) ||
                             !r.token.token_bound_cidrs.empty();
    if (!constrained)
      return handler_failed(texts::approle_no_constraint);
    for (const auto& other : roles_)
      if (other.first != r.name && other.second.role_id == r.role_id)
        return handler_failed(texts::role_id_in_use);
    return std::nullopt;
  }

  outcome<api_response> write_role(const std::string& path, const std::string& name,
                                   const field_map& in, auth_env& env) {
    if (auto e = validate_fields(in, role_schema()))
      return bad(*e);
    const auto key = lower(name);
    auto existing = roles_.find(key);
    const bool create = existing == roles_.end();
    role_entry role;
    if (create)
      role.name = key;
    else
      role = existing->second;
    std::vector<std::string> warnings;
    field_map fields = in;
    if (auto t = fields.find("token_type"); t != fields.end()) {
      if (t->second == "default-service") {
        t->second = "service";
        warnings.emplace_back(texts::default_service_adjusted);
      } else if (t->second == "default-batch") {
        t->second = "batch";
        warnings.emplace_back(texts::default_batch_adjusted);
      }
    }
    if (auto e = parse_token_fields(role.token, fields))
      return bad(*e);
    if (auto v = get(fields, "local_secret_ids")) {
      if (!create)
        return bad(texts::local_secret_ids_create_only);
      role.local_secret_ids = field_bool(*v);
    }
    if (auto v = get(fields, "role_id"))
      role.role_id = *v;
    else if (create)
      role.role_id = env.uuid();
    if (role.role_id.empty())
      return bad(texts::invalid_role_id_supplied);
    if (auto v = get(fields, "bind_secret_id"))
      role.bind_secret_id = field_bool(*v);
    else if (create)
      role.bind_secret_id = true;
    const std::string* cidrs = get(fields, "secret_id_bound_cidrs");
    if (!cidrs)
      cidrs = get(fields, "bound_cidr_list");
    if (cidrs)
      role.secret_id_bound_cidrs = parse_comma_slice(*cidrs);
    if (role.secret_id_bound_cidrs && !role.secret_id_bound_cidrs->empty())
      if (auto e = invalid_cidr(*role.secret_id_bound_cidrs))
        return handler_failed(texts::failed_to_validate_cidrs(*e));
    if (auto v = get(fields, "secret_id_num_uses"))
      role.secret_id_num_uses = field_int(*v);
    else if (create)
      role.secret_id_num_uses = 0;
    if (role.secret_id_num_uses < 0)
      return bad(texts::secret_id_num_uses_negative);
    if (auto v = get(fields, "secret_id_ttl"))
      role.secret_id_ttl = field_duration(*v);
    else if (create)
      role.secret_id_ttl = sim_duration::zero();
    if (auto e = upgrade_token_fields(role.token, fields, approle_aliases))
      return bad(*e);
    // Only the deprecated `period` is compared with the mount (quirk of the source).
    if (above_max(role.token.period, env.view))
      return bad(texts::approle_period_above_max(role.token.period, env.view.max_lease_ttl));
    if (above_max(role.token.token_max_ttl, env.view))
      warnings.emplace_back(texts::approle_token_max_ttl_above_mount);
    if (auto e = check_role(role))
      return *e;
    roles_[key] = std::move(role);
    event(auth_event::kind::config_written, path);
    return write_response(std::move(warnings), in, role_schema());
  }

  outcome<api_response> write_role_id(const std::string& path, const std::string& name,
                                      const field_map& fields) {
    auto r = roles_.find(lower(name));
    if (r == roles_.end())
      return unsupported_path(false);
    auto role = r->second;
    role.role_id = get_or_empty(fields, "role_id");
    if (role.role_id.empty())
      return bad(texts::missing_role_id);
    if (auto e = check_role(role))
      return *e;
    r->second = std::move(role);
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  outcome<api_response> write_secret_id(const std::string& name, const field_map& fields,
                                        auth_env& env) {
    static const field_schema schema{{"role_name", field_kind::string},
                                     {"metadata", field_kind::string},
                                     {"cidr_list", field_kind::comma_string_slice},
                                     {"token_bound_cidrs", field_kind::comma_string_slice},
                                     {"num_uses", field_kind::integer},
                                     {"ttl", field_kind::duration}};
    // pathRoleSecretIDUpdate draws the secret ID before anything is checked.
    const auto secret_id = env.uuid();
    // No existence check on this path: the framework's own prefix.
    if (auto e = validate_fields(fields, schema))
      return bad(texts::field_validation_failed(*e));
    auto r = roles_.find(lower(name));
    if (r == roles_.end())
      return bad(texts::approle_role_missing(name));
    auto& role = r->second;
    if (!role.bind_secret_id)
      return bad(texts::bind_secret_id_not_set);
    secret s;
    s.secret_id = secret_id;
    s.cidr_list = parse_comma_slice(get_or_empty(fields, "cidr_list"));
    if (!s.cidr_list.empty())
      if (auto e = invalid_cidr(s.cidr_list))
        return handler_failed(texts::failed_to_validate_cidrs(*e));
    s.token_bound_cidrs = parse_comma_slice(get_or_empty(fields, "token_bound_cidrs"));
    if (!s.token_bound_cidrs.empty())
      if (auto e = invalid_cidr(s.token_bound_cidrs))
        return handler_failed(texts::failed_to_validate_token_cidrs(*e));
    if (auto v = get(fields, "num_uses")) {
      s.num_uses = field_int(*v);
      if (s.num_uses < 0)
        return bad(texts::num_uses_negative);
      const auto role_uses = role.secret_id_num_uses;
      if ((s.num_uses == 0 && role_uses > 0) || (role_uses > 0 && s.num_uses > role_uses))
        return bad(texts::num_uses_above_role);
    } else {
      s.num_uses = role.secret_id_num_uses;
    }
    sim_duration ttl = role.secret_id_ttl;
    if (auto v = get(fields, "ttl")) {
      ttl = field_duration(*v);
      const auto role_ttl = role.secret_id_ttl;
      if ((ttl == sim_duration::zero() && role_ttl > sim_duration::zero()) ||
          (role_ttl > sim_duration::zero() && ttl > role_ttl))
        return bad(texts::ttl_above_role);
    }
    if (auto e = parse_arbitrary_key_values(get_or_empty(fields, "metadata"), s.metadata))
      return bad(texts::metadata_parse_failed(*e));
    s.accessor = env.uuid();
    // deriveSecretIDTTL: negative or beyond the mount's max becomes the mount's max.
    if (ttl < sim_duration::zero() || above_max(ttl, env.view))
      ttl = env.view.max_lease_ttl;
    s.ttl = ttl;
    if (ttl != sim_duration::zero())
      s.expires = env.now + ttl;
    data_map d{{"secret_id", s.secret_id},
               {"secret_id_accessor", s.accessor},
               {"secret_id_ttl", seconds_of(ttl)},
               {"secret_id_num_uses", s.num_uses}};
    credential_facts made;
    made.secret_id = s.secret_id;
    made.role = role.name;
    secret_id_event(auth_event::kind::credential_created, s.accessor, std::move(made));
    role.secrets[s.secret_id] = std::move(s);
    return with_data(std::move(d));
  }

  // The role sub-paths Vault has and the lab does not model.
  static std::optional<std::string> unmodelled(const std::vector<std::string>& p) {
    static const std::set<std::string> fields{"policies",
                                              "secret-id-num-uses",
                                              "secret-id-ttl",
                                              "token-ttl",
                                              "token-max-ttl",
                                              "token-num-uses",
                                              "bind-secret-id",
                                              "bound-cidr-list",
                                              "secret-id-bound-cidrs",
                                              "token-bound-cidrs",
                                              "period",
                                              "local-secret-ids",
                                              "custom-secret-id"};
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && fields.count(p[2]) > 0)
      return "auth/approle/role/<name>/" + p[2];
    if (p.size() == 4 && p[0] == "role" && generic_name(p[1]) &&
        (p[2] == "secret-id" || p[2] == "secret-id-accessor") &&
        (p[3] == "lookup" || p[3] == "destroy"))
      return "auth/approle/role/<name>/" + p[2] + "/" + p[3];
    return std::nullopt;
  }

  outcome<api_response> other(const std::string& path) const {
    const auto p = split_path(path);
    const bool login_path = path == "login";
    const bool known = login_path || list_path(path, "role") || path == "tidy/secret-id" ||
                       (p.size() == 2 && p[0] == "role" && generic_name(p[1])) ||
                       (p.size() >= 3 && p[0] == "role" && generic_name(p[1]) &&
                        (p[2] == "role-id" || p[2] == "secret-id"));
    return known ? unsupported_operation(login_path) : unsupported_path(login_path);
  }

  std::map<std::string, role_entry> roles_; ///< by lower-cased name
  std::set<std::string> gone_;              ///< secret IDs and accessors no longer usable
};

} // namespace

std::unique_ptr<auth_backend> make_approle_backend() {
  return std::make_unique<approle_backend>();
}

} // namespace tokenlab::auth_detail
