// Vault's Kubernetes auth method (vault-plugin-auth-kubernetes v0.16.0): config, roles bound
// to service-account names and namespaces, and login with a (simulated) service-account token.

#include "model/auth_internal.hpp"
#include "model/texts.hpp"
#include "model/token_role.hpp"
#include <algorithm>

namespace tokenlab::auth_detail {

namespace {

// --- kubernetes (vault-plugin-auth-kubernetes v0.16.0) ---

class kubernetes_backend final : public auth_backend {
public:
  std::string_view type() const override { return "kubernetes"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env& env) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1]))
      return write_role(path, p[1], fields, env);
    if (path == "config")
      return write_config(path, fields);
    if (path == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    return other(path);
  }

  outcome<api_response> read(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return not_found();
      return with_data(role_data(r->second));
    }
    if (path == "config") {
      if (!config_)
        return not_found();
      return with_data(*config_);
    }
    return other(path);
  }

  outcome<api_response> list(const std::string& path, auth_env&) override {
    if (!list_path(path, "role"))
      return other(path);
    return list_keys(roles_);
  }

  outcome<api_response> remove(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      if (roles_.erase(lower(p[1])) > 0)
        deleted(path);
      return no_content();
    }
    return other(path);
  }

protected:
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map&) override {
    return login_without_lockout(path);
  }

  login_result do_login(const std::string&, const field_map& fields, auth_env& env) override {
    const auto role_name = get_or_empty(fields, "role");
    if (role_name.empty())
      return {bad(texts::k8s_missing("role"))};
    const auto jwt = get_or_empty(fields, "jwt");
    if (jwt.empty())
      return {bad(texts::k8s_missing("jwt"))};
    auto r = roles_.find(lower(role_name));
    if (r == roles_.end())
      return {bad(texts::k8s_invalid_role_name(role_name))};
    if (!config_)
      return {vault_error::internal(std::string{texts::k8s_no_config})};
    // The simulated service-account token: sa:<namespace>:<name>.
    std::string ns;
    std::string name;
    if (!parse_sa_token(jwt, ns, name))
      return {vault_error::denied(std::string{texts::permission_denied})};
    const auto& role = r->second;
    const auto allowed = [](const std::vector<std::string>& bound, const std::string& v) {
      if (bound.size() == 1 && bound[0] == "*")
        return true;
      return std::any_of(bound.begin(), bound.end(),
                         [&](const std::string& g) { return glob_match(g, v); });
    };
    if (!allowed(role.namespaces, ns))
      return {vault_error::denied(std::string{texts::k8s_namespace_not_authorized})};
    if (!allowed(role.names, name))
      return {vault_error::denied(std::string{texts::k8s_name_not_authorized})};
    auto& uid = uids_[ns + "/" + name];
    if (uid.empty())
      uid = env.uuid();
    login_auth auth;
    auth.alias_name = role.alias_name_source == "serviceaccount_name" ? ns + "/" + name : uid;
    auth.metadata = {{"role", role_name},
                     {"service_account_name", name},
                     {"service_account_namespace", ns},
                     {"service_account_secret_name", ""},
                     {"service_account_uid", uid}};
    auth.display_name = ns + "-" + name;
    // The alias carries the service account's four keys, without the role.
    auth.alias_metadata = auth.metadata;
    auth.alias_metadata.erase("role");
    populate_token_auth(role.token, auth);
    return {std::move(auth)};
  }

private:
  struct role_entry {
    token_params token;
    std::vector<std::string> names;
    std::vector<std::string> namespaces;
    std::string audience;
    std::string alias_name_source;
  };

  static bool parse_sa_token(const std::string& jwt, std::string& ns, std::string& name) {
    if (jwt.compare(0, 3, "sa:") != 0)
      return false;
    const auto rest = jwt.substr(3);
    const auto colon = rest.find(':');
    if (colon == std::string::npos)
      return false;
    ns = rest.substr(0, colon);
    name = rest.substr(colon + 1);
    return !ns.empty() && !name.empty() && name.find(':') == std::string::npos;
  }

  static const field_schema& role_schema() {
    static const field_schema schema = [] {
      field_schema s{{"name", field_kind::string},
                     {"bound_service_account_names", field_kind::comma_string_slice},
                     {"bound_service_account_namespaces", field_kind::comma_string_slice},
                     {"audience", field_kind::string},
                     {"alias_name_source", field_kind::string}};
      add_token_fields(s, kubernetes_aliases);
      return s;
    }();
    return schema;
  }

  static data_map role_data(const role_entry& r) {
    data_map d;
    d["bound_service_account_names"] = r.names;
    d["bound_service_account_namespaces"] = r.namespaces;
    if (!r.audience.empty())
      d["audience"] = r.audience;
    populate_token_data(r.token, d);
    if (!r.token.policies.empty())
      d["policies"] = r.token.token_policies;
    if (!r.token.bound_cidrs.empty())
      d["bound_cidrs"] = r.token.token_bound_cidrs;
    if (r.token.ttl > sim_duration::zero())
      d["ttl"] = seconds_of(r.token.ttl);
    if (r.token.max_ttl > sim_duration::zero())
      d["max_ttl"] = seconds_of(r.token.max_ttl);
    if (r.token.period > sim_duration::zero())
      d["period"] = seconds_of(r.token.period);
    if (r.token.num_uses > 0)
      d["num_uses"] = r.token.num_uses;
    d["alias_name_source"] = r.alias_name_source;
    return d;
  }

  outcome<api_response> write_role(const std::string& path, const std::string& name,
                                   const field_map& fields, auth_env& env) {
    if (auto e = validate_fields(fields, role_schema()))
      return bad(*e);
    const auto key = lower(name);
    auto existing = roles_.find(key);
    const bool create = existing == roles_.end();
    role_entry role = create ? role_entry{} : existing->second;
    if (auto e = parse_token_fields(role.token, fields))
      return bad(*e);
    if (auto e = upgrade_token_fields(role.token, fields, kubernetes_aliases))
      return bad(*e);
    if (above_max(role.token.token_period, env.view))
      return bad(texts::k8s_period_above_max(role.token.token_period, env.view.max_lease_ttl));
    if (role.token.token_max_ttl > sim_duration::zero() &&
        role.token.token_ttl > role.token.token_max_ttl)
      return bad(texts::k8s_ttl_above_max);
    std::vector<std::string> warnings;
    if (above_max(role.token.token_max_ttl, env.view))
      warnings.emplace_back(texts::k8s_max_ttl_above_mount);
    const auto bound = [&](const char* field,
                           std::vector<std::string>& out) -> std::optional<vault_error> {
      if (auto v = get(fields, field))
        out = parse_comma_slice(*v);
      else if (create)
        out.clear();
      if (out.empty())
        return bad(texts::k8s_cannot_be_empty(field));
      if (out.size() > 1 && std::find(out.begin(), out.end(), "*") != out.end())
        return bad(texts::k8s_cannot_mix_star);
      return std::nullopt;
    };
    if (auto e = bound("bound_service_account_names", role.names))
      return *e;
    if (auto e = bound("bound_service_account_namespaces", role.namespaces))
      return *e;
    if (auto v = get(fields, "audience"))
      role.audience = *v;
    if (auto v = get(fields, "alias_name_source"))
      role.alias_name_source =
        role.alias_name_source.empty() && v->empty() ? "serviceaccount_uid" : *v;
    else if (role.alias_name_source.empty())
      role.alias_name_source = "serviceaccount_uid";
    if (role.alias_name_source != "serviceaccount_uid" &&
        role.alias_name_source != "serviceaccount_name")
      return bad(texts::k8s_invalid_alias_name_source);
    roles_[key] = std::move(role);
    event(auth_event::kind::config_written, path);
    return write_response(std::move(warnings), fields, role_schema());
  }

  outcome<api_response> write_config(const std::string& path, const field_map& fields) {
    static const field_schema schema{{"kubernetes_host", field_kind::string},
                                     {"kubernetes_ca_cert", field_kind::string},
                                     {"token_reviewer_jwt", field_kind::string},
                                     {"pem_keys", field_kind::comma_string_slice},
                                     {"issuer", field_kind::string},
                                     {"disable_iss_validation", field_kind::boolean},
                                     {"disable_local_ca_jwt", field_kind::boolean}};
    if (auto e = validate_fields(fields, schema))
      return bad(texts::field_validation_failed(*e));
    const auto host = get_or_empty(fields, "kubernetes_host");
    if (host.empty())
      return bad(texts::k8s_no_host);
    const auto ca = get_or_empty(fields, "kubernetes_ca_cert");
    const auto iss = get(fields, "disable_iss_validation");
    const bool disable_local = field_bool(get_or_empty(fields, "disable_local_ca_jwt"));
    if (disable_local && ca.empty())
      return bad(texts::k8s_ca_cert_required);
    // Each write replaces the whole configuration (data.Get with the schema's defaults).
    config_ = data_map{{"kubernetes_host", host},
                       {"kubernetes_ca_cert", ca},
                       {"pem_keys", parse_comma_slice(get_or_empty(fields, "pem_keys"))},
                       {"issuer", get_or_empty(fields, "issuer")},
                       {"disable_iss_validation", iss ? field_bool(*iss) : true},
                       {"disable_local_ca_jwt", disable_local}};
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  outcome<api_response> other(const std::string& path) const {
    const auto p = split_path(path);
    const bool login_path = path == "login";
    const bool known = login_path || path == "config" || list_path(path, "role") ||
                       (p.size() == 2 && p[0] == "role" && generic_name(p[1]));
    return known ? unsupported_operation(login_path) : unsupported_path(login_path);
  }

  std::map<std::string, role_entry> roles_; ///< by lower-cased name
  std::optional<data_map> config_;
  std::map<std::string, std::string> uids_; ///< "<namespace>/<name>" -> UID
};

} // namespace

std::unique_ptr<auth_backend> make_kubernetes_backend() {
  return std::make_unique<kubernetes_backend>();
}

} // namespace tokenlab::auth_detail
