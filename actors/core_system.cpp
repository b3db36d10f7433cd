// The system backend's parts of the core (vault/logical_system.go): ACL policies,
// capabilities, the token mount's tune, and mounting secrets engines.

#include "actors/auth_method.hpp"
#include "actors/aws_engine.hpp"
#include "actors/core_internal.hpp"
#include "actors/database_engine.hpp"
#include "actors/identity_store.hpp"
#include "actors/kv_engine.hpp"
#include "clock/duration.hpp"
#include "model/fields.hpp"
#include "model/go_text.hpp"
#include "model/secrets_table.hpp"
#include "model/tune.hpp"

#include <caf/event_based_actor.hpp>

#include <memory>
#include <string>
#include <utility>

namespace tokenlab::core_detail {

void publish_policies(self_ptr self) {
  self->send(self->state.store, policy_atom::value, self->state.policies);
}

void write_policy(self_ptr self, const std::string& name, const std::string& text,
                  const reply& done) {
  auto& st = self->state;
  auto put = st.policies.put(name, text);
  if (!put)
    return done(put.error());
  auto warnings = *put;
  publish_policies(self);
  trace_event ev;
  ev.kind = trace_kind::config_written;
  ev.subject = "sys/policies/acl/" + name;
  emit(self, st.ctx, std::move(ev));
  storage_put(self, st.ctx, "sys/policy/" + name);
  if (warnings.empty())
    return done(no_content());
  api_response r;
  r.warnings = std::move(warnings);
  done(std::move(r));
}

void read_policy(self_ptr self, const std::string& name, const reply& done) {
  auto p = self->state.policies.find(name);
  if (!p)
    return done(vault_error{404, {}});
  api_response r;
  r.data = data_map{{"name", field_value{p->name}}, {"rules", field_value{p->text}}};
  done(std::move(r));
}

void delete_policy(self_ptr self, const std::string& name, const reply& done) {
  auto& st = self->state;
  auto removed = st.policies.remove(name);
  if (!removed)
    return done(removed.error());
  if (*removed) {
    publish_policies(self);
    storage_delete(self, st.ctx, "sys/policy/" + name);
  }
  done(no_content());
}

// handleCapabilitiesAccessor and handleCapabilities, in their order: the accessor, the token,
// the paths, then each path's capabilities (one path also answers as `capabilities`).
void on_capabilities(self_ptr self, const resolved_token& who, const capabilities_request& c,
                     const reply& done) {
  auto endpoint = c.by == token_selector::self       ? "sys/capabilities-self"
                  : c.by == token_selector::accessor ? "sys/capabilities-accessor"
                                                     : "sys/capabilities";
  if (!allows(self, who, endpoint, capability::update))
    return done(denied());
  const bool by_accessor = c.by == token_selector::accessor;
  if (by_accessor && c.value.empty())
    return done(vault_error::invalid(std::string{texts::missing_accessor}));
  auto respond = [self, done, paths = c.paths](const std::vector<std::string>& policies,
                                               const identity_entity* entity) {
    if (paths.empty())
      return done(vault_error::invalid(std::string{texts::paths_must_be_supplied}));
    data_map d;
    for (const auto& path : paths)
      d[path] = capability_names(self->state.policies, policies, path, entity);
    if (paths.size() == 1)
      d["capabilities"] = d[paths.front()];
    api_response r;
    r.data = std::move(d);
    done(std::move(r));
  };
  if (c.by == token_selector::self)
    return respond(acl_policies(who), who.entity.get());
  if (c.value.empty())
    return done(vault_error::internal(texts::handler_error(texts::no_token_found)));
  self
    ->request(self->state.store, caf::infinite, resolve_atom::value, token_id_string{c.value},
              by_accessor)
    .then(
      [=](outcome<resolved_token>& target) {
        // An unknown token fails at its first path; an unknown accessor before the paths.
        if (!target && (by_accessor || !c.paths.empty()))
          return done(vault_error::invalid(
            std::string{by_accessor ? texts::invalid_accessor : texts::invalid_token}));
        if (!target)
          return respond(std::vector<std::string>{}, nullptr);
        // The target's ACL, as Capabilities builds it: its policies and its entity's (none when
        // the entity is gone).
        auto own = target->entry->policies;
        auto t = with_entity(self, std::move(*target));
        respond(t ? acl_policies(*t) : own.get(), t ? t->entity.get() : nullptr);
      },
      internal_error(done));
}

void on_enable(self_ptr self, const resolved_token& who, const secrets_enable_request& r,
               const reply& done) {
  auto& st = self->state;
  if (!allows(self, who, "sys/mounts/" + r.path, capability::update))
    return done(denied());
  // handleMount: kv-v1 and kv-v2 are kv with a version; only kv takes one.
  auto type = r.type == "kv-v1" || r.type == "kv-v2" ? std::string{"kv"} : r.type;
  auto options = r.options;
  if (r.type != type)
    options["version"] = r.type == "kv-v2" ? "2" : "1";
  if (type != "kv" && options.count("version") > 0 && !options["version"].empty())
    return done(vault_error::invalid(texts::engine_no_version(type)));
  if (st.routes.mounts.count(r.path) > 0)
    return done(vault_error{409, {texts::path_in_use(r.path)}});
  engine_handle engine;
  if (type == "aws")
    engine.logical = self->spawn<caf::linked>(aws_engine_actor, st.ctx, r.path);
  else if (type == "kv")
    engine = spawn_engine(self, type, r.path, options);
  else if (type == "database")
    engine.logical = self->spawn<caf::linked>(database_engine_actor, st.ctx, r.path);
  else
    return done(vault_error::invalid(texts::not_modelled("secrets engine \"" + r.type + "\"") +
                                     " (aws, database and kv are)"));
  auto info = new_secrets_mount(st.ctx.seed, r.path, type, "", options);
  mount_entry entry{type, engine, {}, info.accessor, info.uuid, "", options};
  st.routes.mounts[r.path] = std::move(entry);
  trace_event ev;
  ev.kind = trace_kind::engine_enabled;
  ev.subject = r.path;
  ev.detail = type;
  emit(self, st.ctx, std::move(ev));
  done(no_content());
}

void enable_from_fields(self_ptr self, const resolved_token& who, const std::string& path,
                        const field_map& fields, const reply& done) {
  // logical_system_paths.go mountPaths' fields; the framework converts them first.
  static const field_schema schema{{"path", field_kind::string},
                                   {"type", field_kind::string},
                                   {"description", field_kind::string},
                                   {"config", field_kind::map},
                                   {"local", field_kind::boolean},
                                   {"seal_wrap", field_kind::boolean},
                                   {"external_entropy_access", field_kind::boolean},
                                   {"plugin_name", field_kind::string},
                                   {"plugin_version", field_kind::string},
                                   {"options", field_kind::kv_pairs}};
  if (auto bad = check_fields(fields, schema, false))
    return done(*bad);
  for (const auto& [key, value] : fields)
    if (schema.count(key) > 0 && key != "type" && key != "options" && key != "path")
      return done(vault_error::invalid(texts::not_modelled("the field " + key + " of sys/mounts")));
  const auto type = field_text(fields, "type");
  if (type.empty())
    return done(vault_error::invalid("backend type must be specified as a string"));
  secrets_enable_request req{type, path.back() == '/' ? path : path + "/"};
  if (fields.count("options") > 0) {
    auto options = parse_kv_pairs(fields.at("options"), nullptr);
    for (const auto& [key, value] : options ? *options : std::map<std::string, std::string>{}) {
      if (key != "version" && key != "leased_passthrough")
        return done(vault_error::invalid(texts::not_modelled("the mount option " + key)));
      req.options[key] = value;
    }
  }
  on_enable(self, who, req, done);
}

namespace {

// An auth method's tune: the token store keeps every auth mount's values; the method is
// told its new effective TTLs (its role writes check against them).
void tune_auth_mount(self_ptr self, const mount_tune_request& op, const reply& done) {
  auto& st = self->state;
  auto method = st.routes.auth_mounts.find(op.mount);
  if (method == st.routes.auth_mounts.end())
    return done(vault_error::invalid(texts::no_mount_to_tune(op.mount)));
  auto actor = method->second;
  auto mount = op.mount;
  self->request(st.store, caf::infinite, tune_atom::value, op)
    .then(
      [=](api_outcome& r) {
        self->request(self->state.store, caf::infinite, tune_atom::value, mount)
          .then(
            [=](system_view& view) mutable {
              self->request(actor, caf::infinite, tune_atom::value, view)
                .then([](bool) {}, [](caf::error&) {});
              done(std::move(r));
            },
            internal_error(done));
      },
      internal_error(done));
}

void tune_secrets_mount(self_ptr self, const mount_tune_request& req, const reply& done) {
  auto& st = self->state;
  auto m = st.routes.mounts.find(req.mount);
  if (m == st.routes.mounts.end())
    return done(vault_error::invalid(texts::no_mount_to_tune(req.mount)));
  auto tuned = apply_tune(m->second.tune, req, mount_kind::secrets);
  if (tuned.tune != m->second.tune) {
    m->second.tune = tuned.tune;
    trace_event ev;
    ev.kind = trace_kind::mount_tuned;
    ev.subject = req.mount;
    ev.tune = tune_effect(st.sys, m->second.tune, req.mount, mount_kind::secrets);
    emit(self, st.ctx, std::move(ev));
    storage_put(self, st.ctx, "core/mounts");
  }
  if (tuned.error)
    return done(*tuned.error);
  done(no_content());
}

} // namespace

void tune_mount(self_ptr self, const mount_tune_request& req, const reply& done) {
  if (req.mount == "auth/token/")
    return forward(self, self->state.store, done, tune_atom::value, req);
  if (under(req.mount, "auth/"))
    return tune_auth_mount(self, req, done);
  tune_secrets_mount(self, req, done);
}

std::string tuned_mount(const std::string& path) {
  static const std::string suffix = "/tune";
  const bool auth = under(path, "sys/auth/");
  if ((!auth && !under(path, "sys/mounts/")) || path.size() <= suffix.size() ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return {};
  auto inner = path.substr(0, path.size() - suffix.size() + 1); // keeps the '/'
  return auth ? "auth/" + inner.substr(9) : inner.substr(11);
}

void on_auth_enable(self_ptr self, const resolved_token& who, const auth_enable_request& r,
                    const reply& done) {
  auto& st = self->state;
  auto mount = "auth/" + r.path;
  if (!allows(self, who, "sys/auth/" + r.path, capability::update))
    return done(denied());
  if (!is_modelled_auth_type(r.type))
    return done(vault_error::invalid(texts::not_modelled("auth method \"" + r.type + "\"") +
                                     " (userpass, approle, kubernetes and github are)"));
  if (st.routes.auth_mounts.count(mount) > 0 || mount == "auth/token/")
    return done(vault_error{409, {texts::path_in_use(mount)}});
  self->send(st.store, enable_auth_atom::value, mount);
  auto view = effective_view(st.sys, mount_tune{}, mount);
  st.routes.auth_mounts[mount] =
    self->spawn<caf::linked>(auth_method_actor, st.ctx, mount, r.type, view);
  st.routes.auth_table[r.path] = new_auth_mount(st.routes.mount_ids, r.path, r.type, "");
  self->send(st.identity, enable_auth_atom::value,
             identity_mount{st.routes.auth_table[r.path].accessor, mount, r.type});
  trace_event ev;
  ev.kind = trace_kind::engine_enabled;
  ev.subject = mount;
  ev.detail = r.type;
  emit(self, st.ctx, std::move(ev));
  storage_put(self, st.ctx, "core/auth");
  done(no_content());
}

void on_auth_list(self_ptr self, const resolved_token& who, const reply& done) {
  if (!allows(self, who, "sys/auth", capability::read))
    return done(denied());
  self->request(self->state.store, caf::infinite, tune_atom::value, list_atom::value)
    .then(
      [=](const mount_tunes& tunes) {
        std::vector<auth_mount_info> rows;
        for (auto info : self->state.routes.auth_table) {
          if (auto t = tunes.find("auth/" + info.first); t != tunes.end())
            info.second.tune = t->second;
          rows.push_back(std::move(info.second));
        }
        api_response resp;
        resp.data = auth_list_data(rows);
        done(std::move(resp));
      },
      internal_error(done));
}

namespace {

// The entity of a login's alias when the entities the identity store published hold the alias
// with the same metadata (what its CreateOrFetchEntity would fetch), else nullopt.
std::optional<fetched_entity> known_alias(self_ptr self, const std::string& mount,
                                          const login_auth& auth) {
  auto& st = self->state;
  auto m = st.routes.auth_table.find(mount.substr(std::string_view{"auth/"}.size()));
  if (m == st.routes.auth_table.end())
    return std::nullopt;
  const auto* id = st.aliases.owner(m->second.accessor, auth.alias_name);
  const auto* e = id ? st.entities.find(*id) : nullptr;
  if (!e)
    return std::nullopt;
  return fetch_unchanged(**e, m->second.accessor, auth.alias_name, auth.alias_metadata);
}

} // namespace

// A login: the method decides who you are and what token you get; the identity store
// creates or fetches the entity of the method's alias (handleLoginRequest); the token store
// issues the token as an orphan through the mount's TTLs (spec §2.6). Logins need no token.
void on_login(self_ptr self, const login_request& r, const reply& done,
              std::shared_ptr<direct_answer> direct) {
  auto& st = self->state;
  auto m = st.routes.auth_mounts.find(r.mount);
  if (m == st.routes.auth_mounts.end())
    return done(no_route(r.path));
  // Shared by the continuations below (CAF copies each one's closure on its way).
  auto where = std::make_shared<const std::pair<std::string, std::string>>(r.mount, r.path);
  // The method's answer goes on to the token store as it is (moved, not copied).
  auto issue = [self, where, done, direct](login_auth auth) {
    if (direct)
      direct->promise.delegate(self->state.store, login_atom::value, endpoint_atom::value,
                               where->first, where->second, std::move(auth));
    else
      forward(self, self->state.store, done, login_atom::value, where->first, where->second,
              std::move(auth));
  };
  self->request(m->second, caf::infinite, login_atom::value, r.path, r.fields)
    .then(
      [self, where, issue, done](outcome<login_auth>& answer) {
        if (!answer)
          return done(answer.error());
        if (answer->alias_name.empty())
          return issue(std::move(*answer));
        // An alias the published entities hold, unchanged: the identity store would only
        // fetch its entity, which the core has.
        if (auto known = known_alias(self, where->first, *answer)) {
          if (known->disabled)
            return done(denied());
          answer->entity_id = known->id;
          return issue(std::move(*answer));
        }
        auto auth = std::make_shared<login_auth>(std::move(*answer));
        self
          ->request(self->state.identity, caf::infinite, login_atom::value, where->first,
                    auth->alias_name, auth->alias_metadata)
          .then(
            [auth, issue, done](outcome<fetched_entity>& entity) {
              if (!entity)
                return done(entity.error());
              if (entity->disabled)
                return done(denied());
              auth->entity_id = entity->id;
              issue(std::move(*auth)); // its last use
            },
            internal_error(done));
      },
      internal_error(done));
}

namespace {

// sys/mounts/<path>/tune and sys/auth/<path>/tune: the effective values, in seconds; an auth
// mount's token_type; the mount's options when it has any (handleTuneReadCommon).
api_response tune_response(const system_view& v, const std::string& description,
                           const std::optional<std::string>& token_type,
                           const std::map<std::string, std::string>& options = {}) {
  data_map d;
  d["default_lease_ttl"] = whole_seconds(v.default_lease_ttl);
  d["description"] = description;
  d["force_no_cache"] = false;
  d["max_lease_ttl"] = whole_seconds(v.max_lease_ttl);
  if (token_type)
    d["token_type"] = *token_type;
  if (!options.empty())
    d["options"] = options;
  api_response resp;
  resp.data = std::move(d);
  return resp;
}

} // namespace

void read_tune(self_ptr self, const std::string& mount, const reply& done) {
  auto& st = self->state;
  if (mount == "auth/token/" || st.routes.auth_mounts.count(mount) > 0) {
    bool token = mount == "auth/token/";
    self->request(st.store, caf::infinite, tune_atom::value, list_atom::value)
      .then(
        [=](const mount_tunes& tunes) {
          const auto& tune = tunes.at(mount);
          done(tune_response(effective_view(self->state.sys, tune, mount),
                             token ? "token based credentials" : "", tune.token_type));
        },
        internal_error(done));
    return;
  }
  auto m = st.routes.mounts.find(mount);
  if (m == st.routes.mounts.end())
    return done(vault_error::invalid(texts::no_sysview(mount)));
  done(tune_response(effective_view(st.sys, m->second.tune, mount), m->second.description,
                     std::nullopt, m->second.options));
}

} // namespace tokenlab::core_detail
