// The database secrets engine's connections (builtin/logical/database
// path_config_connection.go): `config/<name>` writes with the postgresql plugin's checks, the
// allowed_roles globs a role must match, and the connection URL redacted as a read shows it.

#include "actors/database_internal.hpp"
#include "model/fields.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cctype>

namespace tokenlab::database_detail {

namespace {

constexpr std::string_view postgresql_plugin = "postgresql-database-plugin";
// Fields of the config path's schema; every other field is a connection detail.
constexpr std::string_view config_fields[] = {
  "name",          "plugin_name",     "plugin_version",           "verify_connection",
  "allowed_roles", "password_policy", "root_rotation_statements",
};

// ryanuber/go-glob's Glob, as strutil.StrListContainsGlob uses it.
bool glob(const std::string& pattern, std::string subj) {
  if (pattern.empty())
    return subj.empty();
  if (pattern == "*")
    return true;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    auto star = pattern.find('*', start);
    parts.push_back(pattern.substr(start, star == std::string::npos ? star : star - start));
    if (star == std::string::npos)
      break;
    start = star + 1;
  }
  if (parts.size() == 1)
    return subj == pattern;
  bool leading = pattern.front() == '*';
  bool trailing = pattern.back() == '*';
  auto end = parts.size() - 1;
  for (size_t i = 0; i < end; ++i) {
    auto idx = subj.find(parts[i]);
    // With a leading glob parts[0] is "", found at 0.
    if (i == 0 ? (!leading && idx != 0) : idx == std::string::npos)
      return false;
    subj = subj.substr(idx + parts[i].size());
  }
  const auto& last = parts[end];
  return trailing || (subj.size() >= last.size() &&
                      subj.compare(subj.size() - last.size(), last.size(), last) == 0);
}

} // namespace

bool role_allowed(const db_connection& c, const std::string& role) {
  for (const auto& pattern : c.allowed_roles)
    if (pattern == "*" || glob(pattern, role))
      return true;
  return false;
}

namespace {

bool hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// Go's url.Parse on a connection URL, as far as it decides whether the URL has a password:
// returns the [begin, end) of the password in `url`, or nullopt when the URL has none or does
// not parse (a templated `{{username}}:{{password}}@` does not: braces are invalid userinfo).
std::optional<std::pair<size_t, size_t>> url_password(const std::string& url) {
  for (char c : url)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return std::nullopt;
  auto raw = url.substr(0, url.find('#'));
  // getScheme: a letter, then letters, digits, '+', '-', '.', up to ':'.
  size_t colon = std::string::npos;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (std::isalpha(static_cast<unsigned char>(c)))
      continue;
    if (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'))
      continue;
    if (c == ':' && i > 0)
      colon = i;
    break;
  }
  if (colon == std::string::npos)
    return std::nullopt;
  auto rest_at = colon + 1;
  auto rest = raw.substr(rest_at, raw.find('?', rest_at) - rest_at);
  if (rest.compare(0, 2, "//") != 0)
    return std::nullopt;
  auto authority = rest.substr(2, rest.find('/', 2) - 2);
  auto at = authority.rfind('@');
  if (at == std::string::npos)
    return std::nullopt;
  // parseHost: a port after the last ':' must be digits; host characters must be valid.
  auto host = authority.substr(at + 1);
  if (host.empty() || host.front() != '[') {
    auto port = host.rfind(':');
    if (port != std::string::npos)
      for (size_t i = port + 1; i < host.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(host[i])))
          return std::nullopt;
    for (char c : host)
      if (!std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80 &&
          std::string_view{"-_.~!$&'()*+,;=:[]<>\"%"}.find(c) == std::string_view::npos)
        return std::nullopt;
  }
  // validUserinfo, and well-formed %-escapes.
  auto userinfo = authority.substr(0, at);
  for (size_t i = 0; i < userinfo.size(); ++i) {
    char c = userinfo[i];
    if (c == '%' && (i + 2 >= userinfo.size() || !hex(userinfo[i + 1]) || !hex(userinfo[i + 2])))
      return std::nullopt;
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view{"-._:~!$&'()*+,;=%@"}.find(c) == std::string_view::npos)
      return std::nullopt;
  }
  auto sep = userinfo.find(':');
  if (sep == std::string::npos)
    return std::nullopt;
  auto begin = rest_at + 2 + sep + 1;
  return std::make_pair(begin, rest_at + 2 + at);
}

} // namespace

// url.URL.Redacted(): the password shown as "xxxxx".
std::string redacted(const std::string& url) {
  auto pw = url_password(url);
  if (!pw)
    return url;
  return url.substr(0, pw->first) + "xxxxx" + url.substr(pw->second);
}

// path_config_connection.go connectionWriteHandler, with the postgresql plugin's Initialize.
api_outcome write_config(self_ptr self, const std::string& name, const logical_write_request& req) {
  auto& st = self->state;
  auto existing = st.connections.find(name);
  bool create = existing == st.connections.end();
  db_connection c = create ? db_connection{} : existing->second;
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto it = req.fields.find(key);
    if (it == req.fields.end())
      return std::nullopt;
    return it->second;
  };
  // The framework converts the typed fields first (the existence check validates them).
  if (auto bad = check_fields(req.fields, {{"verify_connection", field_kind::boolean}}, true))
    return *bad;
  if (auto v = get("verify_connection"))
    c.verify_connection = field_bool(*v);
  if (auto v = get("plugin_name"))
    c.plugin_name = *v;
  if (c.plugin_name.empty())
    return vault_error::invalid(std::string{texts::db_empty_plugin_name});
  if (auto v = get("plugin_version"); v && !v->empty())
    return not_modelled("plugin_version");
  if (auto v = get("allowed_roles"))
    c.allowed_roles = parse_comma_slice(*v);
  if (auto v = get("root_rotation_statements"))
    c.root_rotation_statements = parse_string_slice(*v);
  if (auto v = get("password_policy"); v && !v->empty())
    return vault_error::invalid(texts::not_modelled_plural("password policies"));
  // Every other field is a connection detail: replaced on create, merged on update.
  std::map<std::string, std::string> details =
    create ? std::map<std::string, std::string>{} : c.details;
  std::vector<std::string> ignored;
  for (const auto& [k, v] : req.fields) {
    bool schema = false;
    for (auto f : config_fields)
      schema |= k == f;
    if (schema)
      continue;
    details[k] = v;
    ignored.push_back(k);
  }
  if (c.plugin_name != postgresql_plugin)
    return vault_error::invalid(texts::not_modelled("database plugin " + go_quote(c.plugin_name)) +
                                " (" + std::string{postgresql_plugin} + " is)");
  // The plugin's Initialize (connutil.SQLConnectionProducer.Init).
  auto detail = [&](const char* key) {
    auto it = details.find(key);
    return it == details.end() ? std::string{} : it->second;
  };
  if (detail("connection_url").empty())
    return vault_error::invalid(texts::db_object_error(texts::db_connection_url_empty));
  for (const auto& v : {detail("username"), detail("password")})
    if (v.find("{{username}}") != std::string::npos || v.find("{{password}}") != std::string::npos)
      return vault_error::invalid(texts::db_object_error(texts::db_template_in_credentials));
  if (!detail("username_template").empty())
    return not_modelled("username_template");
  c.details = std::move(details);
  st.connections[name] = c;
  config_written(self, req.path);
  api_response resp;
  if (url_password(c.details["connection_url"]))
    resp.warnings.push_back(std::string{texts::db_password_in_url});
  if (resp.warnings.empty())
    return no_content();
  // A non-nil response: the framework adds its warning about fields outside the path's schema.
  if (!ignored.empty())
    resp.warnings.push_back(texts::ignored_parameters(ignored));
  return resp;
}

} // namespace tokenlab::database_detail
