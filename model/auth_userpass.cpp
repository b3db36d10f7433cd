// Vault's userpass auth method (builtin/credential/userpass): users/<name> with a password and
// the token fields, users/<name>/password and /policies, and login/<name>.

#include "model/auth_internal.hpp"
#include "model/texts.hpp"

namespace tokenlab::auth_detail {

namespace {

// --- userpass (builtin/credential/userpass) ---

class userpass_backend final : public auth_backend {
public:
  std::string_view type() const override { return "userpass"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "users" && generic_name(p[1]))
      return write_user(path, p[1], fields);
    if (p.size() == 3 && p[0] == "users" && generic_name(p[1]) && p[2] == "password")
      return write_password(path, p[1], fields);
    if (p.size() == 3 && p[0] == "users" && generic_name(p[1]) && p[2] == "policies")
      return lab_refusal("auth/userpass/users/<name>/policies");
    if (p.size() == 2 && p[0] == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    if (list_path(path, "users"))
      return unsupported_operation(false);
    return unsupported_path(false);
  }

  outcome<api_response> read(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "users" && generic_name(p[1])) {
      auto u = users_.find(lower(p[1]));
      if (u == users_.end())
        return not_found();
      const auto& t = u->second.token;
      data_map d;
      populate_token_data(t, d);
      if (t.ttl > sim_duration::zero())
        d["ttl"] = seconds_of(t.ttl);
      if (t.max_ttl > sim_duration::zero())
        d["max_ttl"] = seconds_of(t.max_ttl);
      if (!t.policies.empty())
        d["policies"] = t.token_policies;
      if (!t.bound_cidrs.empty())
        d["bound_cidrs"] = t.bound_cidrs;
      return with_data(std::move(d));
    }
    return other(path);
  }

  outcome<api_response> list(const std::string& path, auth_env&) override {
    if (!list_path(path, "users"))
      return other(path);
    return list_keys(users_);
  }

  outcome<api_response> remove(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "users" && generic_name(p[1])) {
      if (users_.erase(lower(p[1])) > 0)
        deleted(path);
      return no_content();
    }
    return other(path);
  }

protected:
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map&) override {
    const auto p = split_path(path);
    if (p.size() != 2 || p[0] != "login" || !generic_name(p[1]))
      return unsupported_path(true);
    return std::optional<std::string>{p[1]}; // the alias as the path spells it
  }

  login_result do_login(const std::string& path, const field_map& fields, auth_env&) override {
    const auto username = lower(split_path(path)[1]);
    const auto password = get_or_empty(fields, "password");
    if (password.empty())
      return {vault_error::internal(std::string{texts::missing_password})};
    auto u = users_.find(username);
    if (u == users_.end())
      return {bad(texts::invalid_username_or_password)};
    if (u->second.password != password)
      return {bad(texts::invalid_username_or_password), true};
    login_auth auth;
    auth.metadata = {{"username", username}};
    auth.display_name = username;
    auth.alias_name = username;
    populate_token_auth(u->second.token, auth);
    return {std::move(auth)};
  }

private:
  struct user {
    token_params token;
    std::string password;
  };

  static const field_schema& user_schema() {
    static const field_schema schema = [] {
      field_schema s{{"username", field_kind::string}, {"password", field_kind::string}};
      add_token_fields(s, userpass_aliases);
      return s;
    }();
    return schema;
  }

  outcome<api_response> write_user(const std::string& path, const std::string& name,
                                   const field_map& fields) {
    // The existence check validates first: a bad value is a bare 400.
    if (auto e = validate_fields(fields, user_schema()))
      return bad(*e);
    const auto username = lower(name);
    auto existing = users_.find(username);
    const bool create = existing == users_.end();
    user u = create ? user{} : existing->second;
    const auto password = get_or_empty(fields, "password");
    if (create && password.empty())
      return bad(texts::missing_password);
    if (auto e = parse_token_fields(u.token, fields))
      return bad(*e);
    if (get(fields, "password")) {
      if (password.empty())
        return bad(texts::missing_password);
      u.password = password;
    }
    if (auto e = upgrade_token_fields(u.token, fields, userpass_aliases))
      return bad(*e);
    users_[username] = std::move(u);
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  outcome<api_response> write_password(const std::string& path, const std::string& name,
                                       const field_map& fields) {
    auto u = users_.find(lower(name));
    if (u == users_.end())
      return handler_failed(texts::username_does_not_exist);
    const auto password = get_or_empty(fields, "password");
    if (password.empty())
      return bad(texts::missing_password);
    u->second.password = password;
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  // A path that exists but not for this operation, or no path at all.
  outcome<api_response> other(const std::string& path) const {
    const auto p = split_path(path);
    const bool login_path = !p.empty() && p[0] == "login";
    const bool known =
      list_path(path, "users") ||
      (p.size() == 2 && (p[0] == "users" || p[0] == "login") && generic_name(p[1])) ||
      (p.size() == 3 && p[0] == "users" && generic_name(p[1]) &&
       (p[2] == "password" || p[2] == "policies"));
    return known ? unsupported_operation(login_path) : unsupported_path(login_path);
  }

  std::map<std::string, user> users_; ///< by lower-cased name (storage "user/<name>")
};

} // namespace

std::unique_ptr<auth_backend> make_userpass_backend() {
  return std::make_unique<userpass_backend>();
}

} // namespace tokenlab::auth_detail
