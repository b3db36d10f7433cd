// The database secrets engine's actor (Vault's builtin/logical/database with a simulated
// PostgreSQL server): the routing of a mount's paths, `creds/<role>` creating a database user
// with a generated password as a leased secret, reads and lists of configs and roles, and the
// lease's revocation dropping the user. Connections are in database_config.cpp, roles in
// database_roles.cpp.

#include "actors/database_engine.hpp"
#include "actors/database_internal.hpp"

#include "actors/messages.hpp"
#include "clock/calendar.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cctype>
#include <cstdint>
#include <optional>

namespace tokenlab {

namespace database_detail {

namespace {

// random.DefaultStringGenerator's charset: the union of its rules' runes, sorted.
constexpr std::string_view password_chars =
  "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

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

} // namespace

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

void config_written(self_ptr self, const std::string& path) {
  trace_event ev;
  ev.kind = trace_kind::config_written;
  ev.subject = path;
  emit(self, self->state.ctx, std::move(ev));
}

} // namespace database_detail

namespace {

using namespace database_detail;

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
  st.users[name] = db_user{conn->first, role_name, false, st.ctx.counting()};
  trace_event ev;
  ev.kind = trace_kind::credential_created;
  ev.subject = name;
  ev.credential = credential_facts{credential_facts::type::database_user, {}, {}, 0};
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

logical_engine::behavior_type
database_engine_actor(logical_engine::stateful_pointer<database_engine_state> self, sim_context ctx,
                      std::string mount) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.mount = std::move(mount);
  // Each mount draws from its own stream, so mounts don't disturb each other's IDs.
  st.ids = mount_ids(st.ctx.seed, st.mount);
  return {
    [=](write_atom, const logical_write_request& req) -> api_outcome {
      return on_write(self, req);
    },
    [=](read_atom, const engine_read& r) { return on_read(self, r.path, r.display_name); },
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
        ev.credential = credential_facts{credential_facts::type::database_user, {}, {}, 0};
        emit(self, self->state.ctx, std::move(ev), u->second.counted);
        // A fleet's credential is never asked about: nothing of it is kept once it is gone.
        if (u->second.counted)
          self->state.users.erase(u);
      }
      return true;
    },
    // Nothing to clear: the lab keeps no storage view of the database mount.
    [=](unmount_atom) { return true; },
    [=](state_atom, const std::string& name) {
      auto u = self->state.users.find(name);
      if (u == self->state.users.end())
        return life_state::unknown;
      return u->second.dropped ? life_state::deleted : life_state::active;
    },
  };
}

} // namespace tokenlab
