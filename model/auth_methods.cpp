// What Vault's auth methods share beyond the token fields: the logical framework's request and
// response helpers (paths, 204/404/405 answers, ignored-parameter warnings), the login flow's
// user lockout (vault/request_handling.go handleLoginRequest), and the choice of method by
// mount type.

#include "model/auth_internal.hpp"
#include "model/texts.hpp"

#include <algorithm>

namespace tokenlab {

namespace auth_detail {

// --- small helpers ---

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string s) {
  for (auto& c : s)
    c = lower_ascii(c);
  return s;
}

const std::string* get(const field_map& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

std::string get_or_empty(const field_map& m, const std::string& key) {
  auto v = get(m, key);
  return v ? *v : std::string{};
}

vault_error bad(std::string_view msg) {
  return vault_error::invalid(std::string{msg});
}

// A plain Go error of a handler outside login paths: 500, wrapped by go-multierror.
vault_error handler_failed(std::string_view msg) {
  return vault_error{500, {texts::handler_error(msg)}};
}

vault_error unsupported_path(bool login_path) {
  return vault_error{404,
                     {login_path ? std::string{texts::unsupported_path}
                                 : texts::handler_error(texts::unsupported_path)}};
}

vault_error unsupported_operation(bool login_path) {
  return vault_error{405,
                     {login_path ? std::string{texts::unsupported_operation}
                                 : texts::handler_error(texts::unsupported_operation)}};
}

vault_error not_found() {
  return vault_error{404, {}};
}

vault_error lab_refusal(std::string_view what) {
  return vault_error::invalid(texts::not_modelled(what));
}

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

api_response with_data(data_map d) {
  api_response r;
  r.data = std::move(d);
  return r;
}

api_response list_response(std::vector<std::string> keys) {
  return with_data(data_map{{"keys", std::move(keys)}});
}

// framework.GenericNameRegex: \w(([\w-.]+)?\w)?
bool generic_name(std::string_view s) {
  const auto word = [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (s.empty() || !word(s.front()) || !word(s.back()))
    return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return word(c) || c == '-' || c == '.'; });
}

std::vector<std::string> split_path(std::string_view p) {
  std::vector<std::string> out;
  // One block for the segments (a login's path is split twice per login: lookahead, login).
  out.reserve(static_cast<std::size_t>(std::count(p.begin(), p.end(), '/')) + 1);
  std::size_t start = 0;
  while (true) {
    const auto slash = p.find('/', start);
    out.emplace_back(
      p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos)
      return out;
    start = slash + 1;
  }
}

// `<prefix>` or `<prefix>/`: a list path of the framework (pattern "<prefix>/?").
bool list_path(std::string_view p, std::string_view prefix) {
  return p == prefix ||
         (p.size() == prefix.size() + 1 && p.substr(0, prefix.size()) == prefix && p.back() == '/');
}

std::int64_t seconds_of(sim_duration d) {
  return whole_seconds(d);
}

// A positive system max, or none (0: unknown to the lab, no limit).
bool above_max(sim_duration d, const system_view& view) {
  return view.max_lease_ttl > sim_duration::zero() && d > view.max_lease_ttl;
}

} // namespace auth_detail

// --- the common login flow: user lockout (vault/request_handling.go handleLoginRequest) ---

outcome<login_auth> auth_backend::login(const std::string& path, const field_map& fields,
                                        auth_env& env) {
  auto alias = lookahead(path, fields);
  if (!alias)
    return alias.error();
  const std::int64_t now_ms = millis(env.now);
  const auto ms = [](sim_duration d) { return std::int64_t{d.count()}; };
  if (alias->has_value()) {
    // isUserLocked: over the threshold and still within the lockout duration.
    auto it = failed_.find(**alias);
    if (it != failed_.end() && it->second.count >= lockout_threshold &&
        now_ms < it->second.last_failed * 1000 + ms(lockout_duration))
      return vault_error::denied(std::string{texts::permission_denied});
  }
  auto result = do_login(path, fields, env);
  if (alias->has_value()) {
    if (result.invalid_credentials) {
      // failedUserLoginProcess: the count restarts after the counter-reset window.
      auto& f = failed_[**alias];
      if (now_ms > f.last_failed * 1000 + ms(lockout_counter_reset))
        f.count = 1;
      else
        ++f.count;
      f.last_failed = now_ms / 1000;
    } else if (result.auth.ok()) {
      failed_.erase(**alias);
    }
  }
  return std::move(result.auth);
}

std::vector<auth_event> auth_backend::take_events() {
  std::vector<auth_event> out;
  out.swap(events_);
  return out;
}

void auth_backend::event(auth_event::kind k, std::string subject) {
  events_.push_back(auth_event{k, std::move(subject), {}, {}});
}

void auth_backend::deleted(std::string path) {
  events_.push_back(auth_event{auth_event::kind::config_written,
                               std::move(path),
                               config_facts{config_facts::change::deleted, {}, {}, {}},
                               {}});
}

void auth_backend::secret_id_event(auth_event::kind k, std::string accessor,
                                   credential_facts facts) {
  facts.what = credential_facts::type::secret_id;
  events_.push_back(auth_event{k, std::move(accessor), {}, std::move(facts)});
}

bool is_auth_login_path(std::string_view type, std::string_view path) {
  if (type == "userpass")
    return path.substr(0, 6) == "login/";
  return (type == "approle" || type == "kubernetes" || type == "github") && path == "login";
}

bool is_modelled_auth_type(std::string_view type) {
  return type == "userpass" || type == "approle" || type == "kubernetes" || type == "github";
}

std::unique_ptr<auth_backend> make_auth_backend(std::string_view type) {
  if (type == "userpass")
    return auth_detail::make_userpass_backend();
  if (type == "approle")
    return auth_detail::make_approle_backend();
  if (type == "kubernetes")
    return auth_detail::make_kubernetes_backend();
  if (type == "github")
    return auth_detail::make_github_backend();
  return nullptr;
}

} // namespace tokenlab
