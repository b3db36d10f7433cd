#include "actors/database_engine.hpp"

#include "actors/messages.hpp"
#include "clock/calendar.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cctype>
#include <cstdint>
#include <optional>

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<database_engine_state>*;

constexpr std::string_view postgresql_plugin = "postgresql-database-plugin";
// random.DefaultStringGenerator's charset: the union of its rules' runes, sorted.
constexpr std::string_view password_chars =
  "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// Fields of the config path's schema; every other field is a connection detail.
constexpr std::string_view config_fields[] = {
  "name",          "plugin_name",     "plugin_version",           "verify_connection",
  "allowed_roles", "password_policy", "root_rotation_statements",
};

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

vault_error unsupported_path() {
  return vault_error{404, {std::string{texts::unsupported_path}}};
}

vault_error unsupported_operation() {
  return vault_error{405, {std::string{texts::unsupported_operation}}};
}

vault_error not_modelled(const std::string& what) {
  return vault_error::invalid(texts::not_modelled(what));
}

// A plain error from a handler: 500, wrapped as request_handling.go wraps it.
vault_error handler_error(std::string_view msg) {
  return vault_error::internal(texts::handler_error(msg));
}

bool word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// framework.GenericNameRegex: \w(([\w-.@]+)?\w)?
bool generic_name(const std::string& s) {
  if (s.empty() || !word(s.front()) || !word(s.back()))
    return false;
  for (char c : s)
    if (!word(c) && c != '-' && c != '.' && c != '@')
      return false;
  return true;
}

// The name after `prefix` ("roles/"), when the path is `prefix` + a generic name.
std::optional<std::string> named(const std::string& sub, std::string_view prefix) {
  if (sub.size() <= prefix.size() || sub.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  auto name = sub.substr(prefix.size());
  if (!generic_name(name))
    return std::nullopt;
  return name;
}

// The list-only paths `config/?$` and `roles/?$`.
bool list_path(const std::string& sub, std::string_view base) {
  return sub == base || sub == std::string{base} + "/";
}

// Vault paths of this engine that the lab does not model.
bool unmodelled_path(const std::string& sub) {
  for (std::string_view p :
       {"static-roles", "static-creds/", "rotate-root/", "rotate-role/", "reset/", "reload/"})
    if (sub.compare(0, p.size(), p) == 0)
      return true;
  return false;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos)
    return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// TypeStringSlice from one string: mapstructure lifts it into a one-element slice; "" is [].
std::vector<std::string> string_slice(const std::string& v) {
  if (v.empty())
    return {};
  return {trim(v)};
}

// TypeCommaStringSlice: split on ',' and trim each.
std::vector<std::string> comma_slice(const std::string& v) {
  std::vector<std::string> out;
  if (v.empty())
    return out;
  size_t start = 0;
  while (true) {
    auto comma = v.find(',', start);
    out.push_back(trim(v.substr(start, comma == std::string::npos ? comma : comma - start)));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

// TypeBool: mapstructure.WeakDecode ("" is false, else strconv.ParseBool).
outcome<bool> parse_bool(const std::string& key, const std::string& v) {
  if (v.empty() || v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False")
    return false;
  if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True")
    return true;
  return vault_error::invalid(
    texts::field_conversion(v, key, texts::cannot_parse_as("bool", texts::parse_bool_error(v))));
}

// strconv.ParseInt(s, 10, 64); on failure `err` is its error text.
std::optional<std::int64_t> go_parse_int(std::string_view s, std::string& err) {
  auto d = s;
  bool neg = false;
  if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
    neg = d[0] == '-';
    d.remove_prefix(1);
  }
  std::uint64_t n = 0;
  constexpr std::uint64_t cutoff = UINT64_MAX / 10 + 1;
  bool ok = !d.empty();
  for (char c : d) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    if (n >= cutoff || n * 10 > UINT64_MAX - static_cast<std::uint64_t>(c - '0')) {
      err = texts::parse_int_error(s, "value out of range");
      return std::nullopt;
    }
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok) {
    err = texts::parse_int_error(s, "invalid syntax");
    return std::nullopt;
  }
  constexpr std::uint64_t max = static_cast<std::uint64_t>(INT64_MAX);
  if ((!neg && n > max) || (neg && n > max + 1)) {
    err = texts::parse_int_error(s, "value out of range");
    return std::nullopt;
  }
  return neg ? static_cast<std::int64_t>(0 - n) : static_cast<std::int64_t>(n);
}

// Go's time.ParseDuration, in nanoseconds; on failure `err` is its error text.
std::optional<std::int64_t> go_parse_duration(std::string_view orig, std::string& err) {
  constexpr std::uint64_t top = std::uint64_t{1} << 63;
  auto s = orig;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0")
    return 0;
  auto invalid = [&] {
    err = texts::go_invalid_duration(orig);
    return std::nullopt;
  };
  if (s.empty())
    return invalid();
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::uint64_t d = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || digit(s[0])))
      return invalid();
    // leadingInt
    std::uint64_t v = 0;
    size_t i = 0;
    for (; i < s.size() && digit(s[i]); ++i) {
      if (v > top / 10)
        return invalid();
      v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (v > top)
        return invalid();
    }
    bool pre = i > 0;
    s.remove_prefix(i);
    // leadingFraction
    std::uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflow = false;
      size_t j = 0;
      for (; j < s.size() && digit(s[j]); ++j) {
        if (overflow)
          continue;
        if (f > (top - 1) / 10) {
          overflow = true;
          continue;
        }
        auto y = f * 10 + static_cast<std::uint64_t>(s[j] - '0');
        if (y > top) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s.remove_prefix(j);
    }
    if (!pre && !post)
      return invalid();
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !digit(s[u]))
      ++u;
    if (u == 0) {
      err = texts::go_missing_unit(orig);
      return std::nullopt;
    }
    auto name = s.substr(0, u);
    s.remove_prefix(u);
    std::uint64_t unit = 0;
    if (name == "ns")
      unit = 1;
    else if (name == "us" || name == "\u00b5s" || name == "\u03bcs")
      unit = 1000;
    else if (name == "ms")
      unit = 1000000;
    else if (name == "s")
      unit = 1000000000;
    else if (name == "m")
      unit = 60ULL * 1000000000;
    else if (name == "h")
      unit = 3600ULL * 1000000000;
    if (unit == 0) {
      err = texts::go_unknown_unit(name, orig);
      return std::nullopt;
    }
    if (v > top / unit)
      return invalid();
    v *= unit;
    if (f > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > top)
        return invalid();
    }
    d += v;
    if (d > top)
      return invalid();
  }
  if (neg)
    return static_cast<std::int64_t>(0 - d);
  if (d > top - 1)
    return invalid();
  return static_cast<std::int64_t>(d);
}

// TypeDurationSecond: parseutil.ParseDurationSecond ("" is 0; an integer is seconds; "<n>d"
// is days; else Go's time.ParseDuration), then whole seconds, negatives refused.
outcome<sim_duration> parse_ttl(const std::string& key, const std::string& v) {
  std::int64_t seconds = 0;
  std::string err;
  if (!v.empty()) {
    if (auto n = go_parse_int(v, err)) {
      seconds = *n;
    } else if (v.back() == 'd') {
      auto days = go_parse_int(std::string_view{v}.substr(0, v.size() - 1), err);
      if (!days)
        return vault_error::invalid(texts::field_conversion(v, key, err));
      // Go's Duration arithmetic wraps; the lab saturates instead.
      constexpr std::int64_t limit = INT64_MAX / 86400;
      seconds = (*days > limit ? limit : *days < -limit ? -limit : *days) * 86400;
    } else {
      auto ns = go_parse_duration(v, err);
      if (!ns)
        return vault_error::invalid(texts::field_conversion(v, key, err));
      seconds = *ns / 1000000000;
    }
  }
  if (seconds < 0)
    return vault_error::invalid(texts::field_conversion(v, key, texts::negative_value(seconds)));
  return secs(seconds);
}

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

bool role_allowed(const db_connection& c, const std::string& role) {
  for (const auto& pattern : c.allowed_roles)
    if (pattern == "*" || glob(pattern, role))
      return true;
  return false;
}

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

// url.URL.Redacted(): the password shown as "xxxxx".
std::string redacted(const std::string& url) {
  auto pw = url_password(url);
  if (!pw)
    return url;
  return url.substr(0, pw->first) + "xxxxx" + url.substr(pw->second);
}

// random.DefaultStringGenerator: 20 runes from [-0-9A-Za-z], drawn again until there is at
// least one lower-case letter, one upper-case letter, one digit and one '-'.
std::string generate_password(id_source& ids) {
  while (true) {
    auto s = ids.chars(20, password_chars);
    bool lower = false, upper = false, digit = false, dash = false;
    for (char c : s) {
      lower |= std::islower(static_cast<unsigned char>(c)) != 0;
      upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
      digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
      dash |= c == '-';
    }
    if (lower && upper && digit && dash)
      return s;
  }
}

// The postgresql plugin's default username_template:
//   {{ printf "v-%s-%s-%s-%s" (.DisplayName | truncate 8) (.RoleName | truncate 8)
//      (random 20) (unix_time) | truncate 63 }}
std::string user_name(self_ptr self, const std::string& display_name, const std::string& role) {
  auto& st = self->state;
  auto unix_now = unix_seconds(sim_now(self, st.ctx), st.ctx.epoch_unix);
  auto name = "v-" + display_name.substr(0, 8) + "-" + role.substr(0, 8) + "-" + st.ids.base62(20) +
              "-" + std::to_string(unix_now);
  return name.substr(0, 63);
}

void config_written(self_ptr self, const std::string& path) {
  trace_event ev;
  ev.kind = trace_kind::config_written;
  ev.subject = path;
  emit(self, self->state.ctx, std::move(ev));
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
  std::optional<bool> verify;
  if (auto v = get("verify_connection")) {
    auto b = parse_bool("verify_connection", *v);
    if (!b)
      return b.error();
    verify = *b;
  }
  if (verify)
    c.verify_connection = *verify;
  if (auto v = get("plugin_name"))
    c.plugin_name = *v;
  if (c.plugin_name.empty())
    return vault_error::invalid(std::string{texts::db_empty_plugin_name});
  if (auto v = get("plugin_version"); v && !v->empty())
    return not_modelled("plugin_version");
  if (auto v = get("allowed_roles"))
    c.allowed_roles = comma_slice(*v);
  if (auto v = get("root_rotation_statements"))
    c.root_rotation_statements = string_slice(*v);
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

// path_roles.go pathRoleCreateUpdate.
api_outcome write_role(self_ptr self, const std::string& name, const logical_write_request& req) {
  auto& st = self->state;
  auto existing = st.roles.find(name);
  db_role r = existing == st.roles.end() ? db_role{} : existing->second;
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto it = req.fields.find(key);
    if (it == req.fields.end())
      return std::nullopt;
    return it->second;
  };
  std::optional<sim_duration> default_ttl, max_ttl;
  for (auto [key, slot] : {std::pair{"default_ttl", &default_ttl}, std::pair{"max_ttl", &max_ttl}})
    if (auto v = get(key)) {
      auto d = parse_ttl(key, *v);
      if (!d)
        return d.error();
      *slot = *d;
    }
  if (auto v = get("db_name"))
    r.db_name = *v;
  if (r.db_name.empty())
    return vault_error::invalid(std::string{texts::db_name_required});
  if (auto v = get("credential_type"); v && *v != "password")
    return not_modelled("credential_type " + go_quote(*v) + " (password is)");
  if (auto v = get("credential_config"); v && !v->empty())
    return not_modelled("credential_config");
  for (auto [key, slot] : {std::pair{"creation_statements", &r.creation_statements},
                           std::pair{"revocation_statements", &r.revocation_statements},
                           std::pair{"rollback_statements", &r.rollback_statements},
                           std::pair{"renew_statements", &r.renew_statements}})
    if (auto v = get(key))
      *slot = string_slice(*v);
  if (default_ttl)
    r.default_ttl = *default_ttl;
  if (max_ttl)
    r.max_ttl = *max_ttl;
  st.roles[name] = r;
  config_written(self, req.path);
  return no_content();
}

// The path relative to the mount.
std::string relative(const database_engine_state& st, const std::string& path) {
  return path.size() > st.mount.size() ? path.substr(st.mount.size()) : std::string{};
}

outcome<api_response> on_write(self_ptr self, const logical_write_request& req) {
  auto& st = self->state;
  auto sub = relative(st, req.path);
  if (auto name = named(sub, "config/"))
    return write_config(self, *name, req);
  if (auto name = named(sub, "roles/"))
    return write_role(self, *name, req);
  if (named(sub, "creds/") || list_path(sub, "config") || list_path(sub, "roles"))
    return unsupported_operation();
  if (unmodelled_path(sub))
    return not_modelled("the database engine's path " + go_quote(sub));
  return unsupported_path();
}

// path_creds_create.go pathCredsCreateRead, then the plugin's NewUser on the simulated server.
outcome<secret_result> read_creds(self_ptr self, const std::string& role_name,
                                  const std::string& display_name) {
  auto& st = self->state;
  auto role = st.roles.find(role_name);
  if (role == st.roles.end())
    return vault_error::invalid(texts::db_unknown_role(role_name));
  auto conn = st.connections.find(role->second.db_name);
  if (conn == st.connections.end())
    return handler_error(texts::db_connection_not_found(role->second.db_name));
  if (!role_allowed(conn->second, role_name))
    return handler_error(texts::db_role_not_allowed(role_name));
  auto password = generate_password(st.ids);
  if (role->second.creation_statements.empty())
    return handler_error(texts::db_empty_creation_statements);
  auto name = user_name(self, display_name, role_name);
  st.users[name] = db_user{conn->first, role_name, false};
  trace_event ev;
  ev.kind = trace_kind::credential_created;
  ev.subject = name;
  ev.detail = "database user " + name;
  emit(self, st.ctx, std::move(ev));
  secret_result out;
  out.data["username"] = name;
  out.data["password"] = password;
  out.ttl = role->second.default_ttl;
  out.max_ttl = role->second.max_ttl;
  out.handle = name;
  out.credential = name;
  return out;
}

outcome<secret_result> on_read(self_ptr self, const std::string& path,
                               const std::string& display_name) {
  auto& st = self->state;
  auto sub = relative(st, path);
  if (auto name = named(sub, "creds/"))
    return read_creds(self, *name, display_name);
  if (auto name = named(sub, "roles/")) {
    auto r = st.roles.find(*name);
    if (r == st.roles.end())
      return vault_error{404, {}};
    const auto& role = r->second;
    secret_result out;
    out.data["db_name"] = role.db_name;
    out.data["creation_statements"] = role.creation_statements;
    out.data["revocation_statements"] = role.revocation_statements;
    out.data["rollback_statements"] = role.rollback_statements;
    out.data["renew_statements"] = role.renew_statements;
    out.data["default_ttl"] = whole_seconds(role.default_ttl);
    out.data["max_ttl"] = whole_seconds(role.max_ttl);
    out.data["credential_type"] = std::string{"password"};
    return out;
  }
  if (auto name = named(sub, "config/")) {
    auto c = st.connections.find(*name);
    if (c == st.connections.end())
      return vault_error{404, {}};
    const auto& conn = c->second;
    auto details = conn.details;
    // connectionReadHandler: the URL redacted, secrets left out.
    if (auto url = details.find("connection_url"); url != details.end())
      url->second = redacted(url->second);
    for (const char* secret : {"password", "private_key", "service_account_json"})
      details.erase(secret);
    secret_result out;
    out.data["allowed_roles"] = conn.allowed_roles;
    out.data["connection_details"] = details;
    out.data["password_policy"] = std::string{};
    out.data["plugin_name"] = conn.plugin_name;
    out.data["plugin_version"] = std::string{};
    out.data["root_credentials_rotate_statements"] = conn.root_rotation_statements;
    out.data["verify_connection"] = conn.verify_connection;
    return out;
  }
  if (list_path(sub, "config") || list_path(sub, "roles"))
    return unsupported_operation();
  if (unmodelled_path(sub))
    return not_modelled("the database engine's path " + go_quote(sub));
  return unsupported_path();
}

api_outcome on_list(self_ptr self, const std::string& path) {
  auto& st = self->state;
  auto sub = relative(st, path);
  std::vector<std::string> keys;
  if (list_path(sub, "config")) {
    for (const auto& c : st.connections)
      keys.push_back(c.first);
  } else if (list_path(sub, "roles")) {
    for (const auto& r : st.roles)
      keys.push_back(r.first);
  } else if (unmodelled_path(sub)) {
    return not_modelled("the database engine's path " + go_quote(sub));
  } else {
    return unsupported_path();
  }
  if (keys.empty())
    return vault_error{404, {}};
  api_response r;
  r.data = data_map{{"keys", keys}};
  return r;
}

api_outcome on_delete(self_ptr self, const std::string& path) {
  auto& st = self->state;
  auto sub = relative(st, path);
  if (auto name = named(sub, "config/")) {
    st.connections.erase(*name);
    return no_content();
  }
  if (auto name = named(sub, "roles/")) {
    st.roles.erase(*name);
    return no_content();
  }
  if (named(sub, "creds/") || list_path(sub, "config") || list_path(sub, "roles"))
    return unsupported_operation();
  if (unmodelled_path(sub))
    return not_modelled("the database engine's path " + go_quote(sub));
  return unsupported_path();
}

} // namespace

caf::behavior database_engine_actor(caf::stateful_actor<database_engine_state>* self,
                                    sim_context ctx, std::string mount) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.mount = std::move(mount);
  // Each mount draws from its own stream, keyed by its path, as aws_engine does.
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : st.mount)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  st.ids = id_source{st.ctx.seed ^ h, id_stream::secrets};
  return {
    [=](write_atom, const logical_write_request& req) -> api_outcome {
      return on_write(self, req);
    },
    [=](read_atom, const std::string& path, const std::string& display_name) {
      return on_read(self, path, display_name);
    },
    [=](list_atom, const std::string& path) { return on_list(self, path); },
    [=](delete_path_atom, const std::string& path) { return on_delete(self, path); },
    [=](unsecret_atom, const std::string& handle) {
      // secret_creds.go revoke: the plugin's DeleteUser drops the user.
      auto u = self->state.users.find(handle);
      if (u != self->state.users.end() && !u->second.dropped) {
        u->second.dropped = true;
        trace_event ev;
        ev.kind = trace_kind::credential_deleted;
        ev.subject = handle;
        ev.detail = "database user dropped";
        emit(self, self->state.ctx, std::move(ev));
      }
      return true;
    },
    [=](state_atom, const std::string& name) {
      auto u = self->state.users.find(name);
      if (u == self->state.users.end())
        return life_state::unknown;
      return u->second.dropped ? life_state::deleted : life_state::active;
    },
  };
}

} // namespace tokenlab
