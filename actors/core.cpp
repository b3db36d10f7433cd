#include "actors/core.hpp"

#include "actors/auth_method.hpp"
#include "actors/core_internal.hpp"
#include "actors/identity_store.hpp"
#include "actors/keys.hpp"
#include "actors/kv2_engine.hpp"
#include "clock/duration.hpp"
#include "model/existence.hpp"
#include "model/lease_fields.hpp"
#include "model/paths.hpp"
#include "model/policy.hpp"
#include "model/tune.hpp"

#include <caf/event_based_actor.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace tokenlab {

using namespace core_detail;

namespace {

void register_lease(self_ptr self, const resolved_token& who, const std::string& mount,
                    const std::string& path, secret_result s, const reply& done) {
  auto& st = self->state;
  const auto& m = st.routes.mounts.at(mount);
  lease_entry e;
  // A batch token's lease belongs to its parent, or to no token (spec §5.4); it ends with
  // the token, while the response still shows the granted TTL.
  const bool batch = who.entry->type == token_type::batch;
  e.owner = batch ? who.entry->parent : who.entry->id;
  if (batch)
    e.cap = who.entry->expire_time;
  e.handle = std::move(s.handle);
  e.renewable = s.renewable;
  e.backend_ttl = s.ttl;
  e.backend_max_ttl = s.max_ttl;
  e.renew_panics = s.renew_panics;
  auto d = issue_secret_lease(e, effective_view(st.sys, m.tune, mount), sim_now(self, st.ctx));
  if (!d)
    return done(d.error());
  std::string id; // the registry's key, and not kept in the entry as well
  id.reserve(path.size() + 25);
  id.append(path).push_back('/');
  st.registry.ids.append_base62(id, 24);
  storage_put(self, st.ctx, keys::lease(st.ctx, id));
  if (!e.owner.empty())
    storage_put(self, st.ctx, keys::token_lease_index(st.ctx, e.owner, id));
  emit(self, st.ctx, trace_kind::lease_created, trace_cause::none, id, [&](trace_event& ev) {
    ev.related = e.owner;
    ev.ttl = *d;
    ev.expires = e.expire_time;
  });
  api_response resp;
  resp.renewable = e.renewable;
  resp.lease_duration = whole_seconds(e.ttl);
  resp.data = std::move(s.data);
  resp.warnings = d->warnings;
  auto& l = add_lease(self, id, std::move(e), mount);
  resp.lease_id = std::move(id);
  // The token holding it revokes it through the registry: a counted lease of a counted token
  // (a fleet's) held here by its token (revoke_atom, held_atom, token, cause), any other told
  // to the token store (revoke_atom, id, cause).
  if (!who.lease_holder.empty()) {
    if (who.holder_counted && l.second.counted)
      st.registry.hold(l);
    else
      self->send(st.store, lease_atom::value, who.lease_holder.str(), resp.lease_id,
                 caf::actor_cast<caf::actor>(self));
  }
  done(std::move(resp));
}

// The calling token's own cubbyhole (cubbyhole/<path>).
void cubbyhole(self_ptr self, const resolved_token& who, cubby_op op, const std::string& path,
               std::map<std::string, std::string> fields, const reply& done) {
  if (who.entry->type == token_type::batch)
    return done(vault_error::invalid(std::string{texts::batch_no_cubbyhole}));
  auto sub = path.size() > 10 ? path.substr(10) : std::string{};
  self
    ->request(self->state.store, caf::infinite, cubby_atom::value, who.entry->id.str(), op, sub,
              std::move(fields))
    .then([=](api_outcome& r) { done(std::move(r)); }, [=](caf::error&) { done(denied()); });
}

bool policy_path(const std::string& path) {
  return under(path, "sys/policy/") || under(path, "sys/policies/acl/");
}

std::string last_segment(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

// What the core does with an engine's secret: a leased one is registered, a plain one (kv, a
// role) is answered as data; kv shows a refresh interval.
auto secret_answer(self_ptr self, const resolved_token& who, const std::string& mount,
                   const std::string& path, const reply& done) {
  // Shared by the copies CAF makes of the continuation on its way.
  struct asked {
    resolved_token who;
    std::string mount;
    std::string path;
  };
  auto a = std::make_shared<const asked>(asked{who, mount, path});
  return [self, a, done](outcome<secret_result>& s) {
    if (!s)
      return done(s.error());
    if (s->handle.empty()) {
      api_response resp;
      resp.data = std::move(s->data);
      // KV shows a refresh interval, not a lease: the secret's own ttl, or the mount's
      // default lease TTL (passthrough.go).
      auto& mounted = self->state.routes.mounts.at(a->mount);
      if (mounted.type == "kv")
        resp.lease_duration = whole_seconds(
          s->ttl_from_data
            ? s->ttl
            : effective_view(self->state.sys, mounted.tune, a->mount).default_lease_ttl);
      return done(std::move(resp));
    }
    register_lease(self, a->who, a->mount, a->path, std::move(*s), done);
  };
}

// The AWS engine's paths, read or (creds/, sts/) written with fields: its STS credentials are
// capped by the mount's max lease TTL, which the engine asks the system view for.
void read_aws(self_ptr self, const resolved_token& who, const std::string& mount,
              const std::string& path, const field_map& fields, const reply& done) {
  auto& st = self->state;
  const auto& m = st.routes.mounts.at(mount);
  self
    ->request(m.engine.logical, caf::infinite, read_atom::value,
              engine_read{path, who.entry->origin->display_name, fields,
                          effective_view(st.sys, m.tune, mount).max_lease_ttl})
    .then(secret_answer(self, who, mount, path, done), internal_error(done));
}

// An AWS credential path (pathUser: `(creds|sts)/<name>`), which also takes writes.
bool aws_credential_path(const std::string& mount, const std::string& path) {
  return under(path, mount + "creds/") || under(path, mount + "sts/");
}

void on_read(self_ptr self, const resolved_token& who, const logical_read_request& r,
             const reply& done) {
  auto& st = self->state;
  if (token_api(self, who, r.path, {}, true, done))
    return;
  if (!allows(self, who, r.path, capability::read))
    return done(denied());
  if (under(r.path, "cubbyhole/"))
    return cubbyhole(self, who, cubby_op::read, r.path, {}, done);
  if (r.path == "sys/mounts")
    return list_secrets_mounts(self, done);
  if (under(r.path, "identity/"))
    return forward(self, st.identity, done, read_atom::value, r.path);
  if (route_versioned_kv(self, kv2::operation::read, r.path, {}, r.params, done))
    return;
  // sys/auth/<path>/tune (auth mounts) and sys/mounts/<path>/tune (any mount).
  if (auto mount = tuned_mount(r.path); !mount.empty())
    return read_tune(self, mount, done);
  if (under(r.path, "auth/token/"))
    return forward(self, st.store, done, read_atom::value, r.path);
  if (auto a = st.routes.auth_serving(r.path)) {
    self->request(*a, caf::infinite, read_atom::value, r.path, who.entry->origin->display_name)
      .then(
        [=](outcome<secret_result>& s) {
          if (!s)
            return done(s.error());
          api_response resp;
          resp.data = std::move(s->data);
          done(std::move(resp));
        },
        internal_error(done));
    return;
  }
  if (policy_path(r.path))
    return read_policy(self, last_segment(r.path), done);
  auto m = st.routes.mount_serving(r.path);
  if (!m)
    return done(no_route(r.path));
  if (m->second.type == "aws")
    return read_aws(self, who, m->first, r.path, {}, done);
  self
    ->request(m->second.engine.logical, caf::infinite, read_atom::value,
              engine_read{r.path, who.entry->origin->display_name, {}, {}})
    .then(secret_answer(self, who, m->first, r.path, done), internal_error(done));
}

// A write the caller may make: routed to the backend that serves its path.
void write_checked(self_ptr self, const resolved_token& who, const logical_write_request& w,
                   const reply& done) {
  auto& st = self->state;
  if (under(w.path, "cubbyhole/"))
    return cubbyhole(self, who, cubby_op::write, w.path, w.fields, done);
  if (route_versioned_kv(self, kv2::operation::write, w.path, body_of(w), {}, done))
    return;
  if (under(w.path, "sys/") && lease_api(self, who, w, done))
    return;
  if (under(w.path, "identity/"))
    return forward(self, st.identity, done, write_atom::value, w);
  if (auto mount = tuned_mount(w.path); !mount.empty()) {
    auto req = tune_request_from_fields(mount, w.fields);
    if (!req)
      return done(req.error());
    return tune_mount(self, *req, done);
  }
  if (auto a = st.routes.auth_serving(w.path))
    return forward(self, *a, done, write_atom::value, w);
  if (under(w.path, "auth/token/"))
    return forward(self, st.store, done, write_atom::value, who,
                   allows(self, who, w.path, capability::sudo), w, st.policies.names());
  if (under(w.path, "sys/mounts/") && w.path.size() > 11)
    return enable_from_fields(self, who, w.path.substr(11), w.fields, done);
  if (policy_path(w.path)) {
    auto rules = w.fields.find(under(w.path, "sys/policy/") ? "rules" : "policy");
    return write_policy(self, last_segment(w.path),
                        rules == w.fields.end() ? std::string{} : rules->second, done);
  }
  auto m = st.routes.mount_serving(w.path);
  if (!m)
    return done(no_route(w.path));
  if (m->second.type == "aws" && aws_credential_path(m->first, w.path))
    return read_aws(self, who, m->first, w.path, w.fields, done);
  forward(self, m->second.engine.logical, done, write_atom::value, w);
}

using exists_k = std::function<void(std::optional<bool>)>;

// Whether the resource of a write to `path` exists, for a path with an existence check
// (model/existence.hpp); nullopt for a path without one. The check reads the resource
// without an ACL check of its own, as HandleExistenceCheck does.
void probe_existence(self_ptr self, const resolved_token& who, const std::string& path,
                     const exists_k& k) {
  auto& st = self->state;
  auto found = [k](api_outcome& r) { k(r.ok() && r->status < 300); };
  auto secret_found = [k](outcome<secret_result>& r) { k(r.ok()); };
  auto none = [k](caf::error&) { k(false); };
  if (under(path, "cubbyhole/")) {
    if (!existence_probe(backend_kind::cubbyhole, path.substr(10)))
      return k(std::nullopt);
    return cubbyhole(self, who, cubby_op::read, path, {}, [found](api_outcome r) { found(r); });
  }
  if (under(path, "auth/token/")) {
    if (!existence_probe(backend_kind::token_store, path.substr(11)))
      return k(std::nullopt);
    self->request(st.store, caf::infinite, read_atom::value, path).then(found, none);
    return;
  }
  std::string mount;
  if (auto a = st.routes.auth_serving(path, &mount)) {
    const auto& type = st.routes.auth_table.at(mount.substr(5)).type;
    const auto kind = type == "userpass"     ? backend_kind::userpass
                      : type == "approle"    ? backend_kind::approle
                      : type == "kubernetes" ? backend_kind::kubernetes
                                             : backend_kind::other;
    auto probe = existence_probe(kind, path.substr(mount.size()));
    if (!probe)
      return k(std::nullopt);
    self
      ->request(*a, caf::infinite, read_atom::value, mount + *probe,
                who.entry->origin->display_name)
      .then(secret_found, none);
    return;
  }
  auto m = st.routes.mount_serving(path);
  if (!m)
    return k(std::nullopt);
  const auto& e = m->second;
  const auto kind = is_versioned(e)        ? backend_kind::kv2
                    : e.type == "kv"       ? backend_kind::kv1
                    : e.type == "database" ? backend_kind::database
                                           : backend_kind::other;
  auto probe = existence_probe(kind, path.substr(m->first.size()));
  if (!probe)
    return k(std::nullopt);
  if (kind == backend_kind::kv2) {
    self
      ->request(e.engine.versioned, caf::infinite, kv2_atom::value,
                kv2::request{kv2::operation::read, *probe, {}, {}})
      .then(found, none);
    return;
  }
  self
    ->request(e.engine.logical, caf::infinite, read_atom::value,
              engine_read{m->first + *probe, who.entry->origin->display_name, {}, {}})
    .then(secret_found, none);
}

// request_handling.go: the token endpoints and capabilities paths check their caller
// themselves; any other write is a create or an update as the path's existence check says.
void on_write(self_ptr self, const resolved_token& who, const logical_write_request& w,
              const reply& done) {
  if (w.patch) { // PatchOperation: the patch capability, no existence check
    if (!allows(self, who, w.path, capability::patch))
      return done(denied());
    if (route_versioned_kv(self, kv2::operation::patch, w.path, body_of(w), {}, done))
      return;
    return done(vault_error{405, {std::string{texts::unsupported_operation}}});
  }
  if (token_api(self, who, w.path, w.fields, false, done))
    return;
  if (auto caps = capabilities_from_fields(w.path, w.fields))
    return on_capabilities(self, who, **caps,
                           warn_ignored(done, w.fields, capabilities_schema((*caps)->by)));
  probe_existence(self, who, w.path, [=](std::optional<bool> exists) {
    if (!allows(self, who, w.path, write_capability(exists)))
      return done(denied());
    write_checked(self, who, w, done);
  });
}

void on_list(self_ptr self, const resolved_token& who, const logical_list_request& l,
             const reply& done) {
  auto& st = self->state;
  auto path = l.path.empty() || l.path.back() == '/' ? l.path : l.path + "/";
  if (!allows(self, who, path, capability::list))
    return done(denied());
  if (under(path, "cubbyhole/"))
    return cubbyhole(self, who, cubby_op::list, path, {}, done);
  if (route_versioned_kv(self, kv2::operation::list, path, {}, {}, done))
    return;
  // Listing accessors can enumerate every token: it also needs sudo (spec §2.1).
  if (path == "auth/token/accessors/" && !allows(self, who, path, capability::sudo))
    return done(denied());
  if (under(path, "sys/leases/lookup/"))
    return allows(self, who, path, capability::sudo) ? list_leases(self, path, done)
                                                     : done(denied());
  if (under(path, "auth/token/"))
    return forward(self, st.store, done, list_atom::value, path);
  if (under(path, "identity/"))
    return forward(self, st.identity, done, list_atom::value, path);
  if (auto a = st.routes.auth_serving(path))
    return forward(self, *a, done, list_atom::value, path);
  if (path == "sys/policy/" || path == "sys/policies/acl/")
    return done(list_response(st.policies.names()));
  if (auto m = st.routes.mount_serving(path))
    return forward(self, m->second.engine.logical, done, list_atom::value, path);
  done(no_route(l.path));
}

void on_delete(self_ptr self, const resolved_token& who, const logical_delete_request& d,
               const reply& done) {
  if (!allows(self, who, d.path, capability::del))
    return done(denied());
  if (under(d.path, "cubbyhole/"))
    return cubbyhole(self, who, cubby_op::del, d.path, {}, done);
  if (under(d.path, "sys/mounts/"))
    return disable_secrets(self, d.path.substr(11), done);
  if (under(d.path, "sys/auth/"))
    return disable_auth(self, d.path.substr(9), done);
  if (route_versioned_kv(self, kv2::operation::del, d.path, {}, {}, done))
    return;
  if (under(d.path, "auth/token/"))
    return forward(self, self->state.store, done, delete_path_atom::value, d.path);
  if (under(d.path, "identity/"))
    return forward(self, self->state.identity, done, delete_path_atom::value, d.path);
  if (auto a = self->state.routes.auth_serving(d.path))
    return forward(self, *a, done, delete_path_atom::value, d.path);
  if (policy_path(d.path))
    return delete_policy(self, last_segment(d.path), done);
  auto& st = self->state;
  if (auto m = st.routes.mount_serving(d.path))
    return forward(self, m->second.engine.logical, done, delete_path_atom::value, d.path);
  done(no_route(d.path));
}

} // namespace

// A token lookup of a token with an entity that grants policies shows them
// (handleLookup): `identity_policies` and `external_namespace_policies` (other namespaces').
reply core_detail::with_lookup_identity(self_ptr self, reply done) {
  return [self, done](api_outcome r) {
    const field_value* id = nullptr;
    if (r && r->data)
      if (auto it = r->data->find("entity_id"); it != r->data->end())
        id = &it->second;
    const auto* text = id ? std::get_if<std::string>(id) : nullptr;
    if (text && !text->empty()) {
      if (const auto* e = self->state.entities.find(*text); e && !(*e)->policies.empty()) {
        (*r->data)["identity_policies"] = (*e)->policies;
        (*r->data)["external_namespace_policies"] = std::map<std::string, std::string>{};
      }
    }
    done(std::move(r));
  };
}

namespace {

void dispatch(self_ptr self, const resolved_token& who, const vault_request& req,
              const reply& done) {
  auto& st = self->state;
  std::visit(
    [&](const auto& op) {
      using op_t = std::decay_t<decltype(op)>;
      if constexpr (std::is_same_v<op_t, token_create_request>) {
        auto path = !op.role.empty()     ? "auth/token/create/" + op.role
                    : op.orphan_endpoint ? std::string{"auth/token/create-orphan"}
                                         : std::string{"auth/token/create"};
        // auth/token/create has no existence check: a write there is an update.
        if (!allows(self, who, path, capability::update))
          return done(denied());
        forward(self, st.store, done, create_atom::value, who,
                allows(self, who, path, capability::sudo), op, st.policies.names());
      } else if constexpr (std::is_same_v<op_t, token_lookup_request> ||
                           std::is_same_v<op_t, token_renew_request> ||
                           std::is_same_v<op_t, token_revoke_request>) {
        // The ACL path depends on how the token is named (spec §2.1).
        auto check = token_endpoint_check(op);
        token_endpoint(self, who, check.path, check.needed, op, done);
      } else if constexpr (std::is_same_v<op_t, mount_tune_request>) {
        auto tune_path = under(op.mount, "auth/") ? "sys/auth/" + op.mount.substr(5) + "tune"
                                                  : "sys/mounts/" + op.mount + "tune";
        if (!allows(self, who, tune_path, capability::update))
          return done(denied());
        tune_mount(self, op, done);
      } else if constexpr (std::is_same_v<op_t, secrets_enable_request>) {
        on_enable(self, who, op, done);
      } else if constexpr (std::is_same_v<op_t, logical_read_request>) {
        on_read(self, who, op, done);
      } else if constexpr (std::is_same_v<op_t, logical_write_request>) {
        on_write(self, who, op, done);
      } else if constexpr (std::is_same_v<op_t, lease_revoke_request>) {
        on_lease_revoke(self, who, lease_revoke_path(op), op, done);
      } else if constexpr (std::is_same_v<op_t, logical_list_request>) {
        on_list(self, who, op, done);
      } else if constexpr (std::is_same_v<op_t, logical_delete_request>) {
        on_delete(self, who, op, done);
      } else if constexpr (std::is_same_v<op_t, policy_write_request>) {
        if (!allows(self, who, "sys/policies/acl/" + op.name, capability::update))
          return done(denied());
        write_policy(self, op.name, op.text, done);
      } else if constexpr (std::is_same_v<op_t, policy_read_request>) {
        if (!allows(self, who, "sys/policies/acl/" + op.name, capability::read))
          return done(denied());
        read_policy(self, op.name, done);
      } else if constexpr (std::is_same_v<op_t, lease_lookup_request>) {
        on_lease_lookup(self, who, "sys/leases/lookup", op, done);
      } else if constexpr (std::is_same_v<op_t, lease_renew_request>) {
        on_lease_renew(self, who, "sys/leases/renew", op, done);
      } else if constexpr (std::is_same_v<op_t, auth_enable_request>) {
        on_auth_enable(self, who, op, done);
      } else if constexpr (std::is_same_v<op_t, login_request>) {
        on_login(self, op, done);
      } else if constexpr (std::is_same_v<op_t, auth_list_request>) {
        on_auth_list(self, who, done);
      } else {
        on_capabilities(self, who, op, done);
      }
    },
    req.op);
}

// A login needs no token: `vault login -method=…`, or a write to an auth mount's login path.
std::optional<login_request> as_login(self_ptr self, const vault_request& req) {
  if (auto l = std::get_if<login_request>(&req.op))
    return *l;
  auto w = std::get_if<logical_write_request>(&req.op);
  std::string mount;
  if (!w || !self->state.routes.auth_serving(w->path, &mount))
    return std::nullopt;
  auto rest = w->path.substr(mount.size());
  if (rest != "login" && !under(rest, "login/"))
    return std::nullopt;
  return login_request{mount, w->path, w->fields};
}

// The answer path of a request: stamps a request ID drawn now (none for a counted request's
// answer, which no one shows); after a token's last use, revokes the token (and with it any lease
// just issued) and withholds the secret (spec §4.2); a token response of a token with an entity
// shows its entity's policies.
reply reply_to(self_ptr self, caf::typed_response_promise<api_outcome> rp,
               std::optional<std::string> spent, bool counted) {
  return [self, rp, spent, counted](api_outcome r) mutable {
    if (spent) {
      if (r && !r->lease_id.empty())
        r = vault_error::invalid(std::string{texts::last_use_secret});
      self
        ->request(self->state.store, caf::infinite, revoke_atom::value, *spent,
                  trace_cause::last_use, false)
        .then([](bool) {}, [](caf::error&) {});
    }
    // A success draws its ID (a failure draws none).
    show_answer(self->state.entities, r, r && !counted ? self->state.requests.uuid() : "");
    rp.deliver(std::move(r));
  };
}

// The way of an authenticated request: the token store resolves the token; its entity is
// checked; a use-limited token spends a use (spec §4.1); then the request is routed.
void authenticate_and_route(self_ptr self, caf::typed_response_promise<api_outcome> rp,
                            const reply& done, std::shared_ptr<const vault_request> request) {
  self->request(self->state.store, caf::infinite, resolve_atom::value, request->token, false)
    .then(
      [self, rp, done, request](outcome<resolved_token>& who) mutable {
        if (!who) {
          rp.deliver(api_outcome{who.error()});
          return;
        }
        auto caller = with_entity(self, std::move(*who));
        if (!caller) {
          rp.deliver(api_outcome{caller.error()});
          return;
        }
        if (caller->entry->num_uses <= 0)
          return dispatch(self, *caller, *request, done);
        // Every authenticated request spends one use, before routing (spec §4.1).
        auto id = caller->entry->id.str();
        auto entity = caller->entity;
        self->request(self->state.store, caf::infinite, use_atom::value, id)
          .then(
            [self, rp, request, id, entity](shared_entry& used) mutable {
              auto spent = used->num_uses < 0 ? std::optional<std::string>{id} : std::nullopt;
              resolved_token spender{std::move(used), id, entity};
              dispatch(self, spender, *request, reply_to(self, rp, spent, request->counted));
            },
            [rp](caf::error&) mutable { rp.deliver(api_outcome{denied()}); });
      },
      internal_error(done));
}

void credential_state(self_ptr self,
                      std::shared_ptr<std::vector<std::pair<secrets_engine, std::string>>> asks,
                      size_t i, caf::typed_response_promise<life_state> rp) {
  if (i == asks->size()) {
    rp.deliver(life_state::unknown);
    return;
  }
  self->request((*asks)[i].first, caf::infinite, state_atom::value, (*asks)[i].second)
    .then(
      [=](life_state s) mutable {
        if (s == life_state::unknown)
          credential_state(self, asks, i + 1, rp);
        else
          rp.deliver(s);
      },
      [=](caf::error&) mutable { credential_state(self, asks, i + 1, rp); });
}

} // namespace

vault_core::behavior_type core_actor(vault_core::stateful_pointer<core_state> self, sim_context ctx,
                                     system_config sys, token_authority store) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.sys = sys;
  st.store = std::move(store);
  st.requests = id_source{st.ctx.seed, id_stream::requests};
  st.registry.ids = id_source{st.ctx.seed, id_stream::secrets};
  st.routes.mount_ids = id_source{st.ctx.seed, id_stream::mount_table};
  st.generation_ids = id_source{st.ctx.seed, static_cast<id_stream>(10)};
  st.unseal_key = *rootgen::decode_key_share(rootgen::dev_unseal_key(st.ctx.seed));
  // Lease actors are not linked (a link costs every other link a scan when it ends): the
  // core ends those revoking when it is told to exit.
  self->set_exit_handler([=](caf::exit_msg& msg) {
    for (const auto& [id, lease] : self->state.registry.live)
      if (lease.actor)
        self->send_exit(lease.actor, msg.reason);
    self->quit(msg.reason);
  });
  st.routes.auth_table["token/"] =
    new_auth_mount(st.routes.mount_ids, "token/", "token", "token based credentials");
  // The identity store (identity/): it knows every auth mount by accessor, and the token
  // store asks it for the entities of token roles' entity aliases.
  st.identity = self->spawn<caf::linked>(
    identity_store_actor, st.ctx,
    std::vector<entity_subscriber>{caf::actor_cast<entity_subscriber>(self),
                                   caf::actor_cast<entity_subscriber>(st.store)});
  self->send(st.identity, enable_auth_atom::value,
             identity_mount{st.routes.auth_table["token/"].accessor, "auth/token/", "token"});
  self->send(st.store, identity_atom::value, st.identity);
  self->send(st.store, endpoint_atom::value, caf::actor_cast<request_router>(self));
  mount_dev_secrets(self);
  return {
    // The request is taken over from its message (CAF copies a message shared elsewhere).
    [=](request_atom, vault_request& req) {
      auto rp = self->make_response_promise<api_outcome>();
      auto op = token_api_of(req);
      // A counted request to a token endpoint: the token store answers the client itself, or
      // gives the request back (below).
      if (op && req.counted) {
        rp.delegate(self->state.store, endpoint_atom::value, std::move(req));
        return rp;
      }
      auto done = reply_to(self, rp, std::nullopt, req.counted);
      if (unauthenticated(self, req, done))
        return rp;
      if (auto login = as_login(self, req)) {
        // A counted login: the token store answers it (as a token endpoint's above).
        auto direct = req.counted ? std::make_shared<direct_answer>(direct_answer{rp}) : nullptr;
        on_login(self, *login, done, std::move(direct));
        return rp;
      }
      // Shared by the continuations below (CAF copies each one's closure on its way).
      auto request = std::make_shared<const vault_request>(std::move(req));
      // A token lookup, renew or revoke: the token store authenticates, checks and answers it
      // in one message (actors/token_store.hpp), unless it leaves it to the way below.
      if (op) {
        self
          ->request(self->state.store, caf::infinite, endpoint_atom::value, request->token,
                    std::move(*op))
          .then(
            [self, rp, done, request](bool handled, api_outcome& r) mutable {
              if (!handled)
                return authenticate_and_route(self, rp, done, request);
              const bool lookup = std::holds_alternative<token_lookup_request>(request->op);
              (lookup ? with_lookup_identity(self, done) : done)(std::move(r));
            },
            internal_error(done));
        return rp;
      }
      authenticate_and_route(self, rp, done, request);
      return rp;
    },
    // A counted request that the token store gave back: its token is resolved, and the
    // request routed, the usual way.
    [=](request_atom, endpoint_atom, vault_request& req) {
      auto rp = self->make_response_promise<api_outcome>();
      auto request = std::make_shared<const vault_request>(std::move(req));
      authenticate_and_route(self, rp, reply_to(self, rp, std::nullopt, request->counted), request);
      return rp;
    },
    [=](gone_atom, const std::string& lease_id, const tombstone& t) {
      lease_gone(self, lease_id, t);
    },
    [=](revoke_atom, const std::string& lease_id, trace_cause cause) -> caf::result<bool> {
      auto l = self->state.registry.live.find(lease_id);
      if (l == self->state.registry.live.end())
        return true; // gone already
      if (cause == trace_cause::owner_revoked)
        l->second.with_owner = true;
      if (l->second.counted) {
        auto rp = self->make_response_promise<bool>();
        revoke_counted(self, *l, cause, [rp]() mutable { rp.deliver(true); });
        return rp;
      }
      self->delegate(revoking_lease(self, *l), revoke_atom::value, cause);
      return caf::delegated<bool>{};
    },
    [=](revoke_atom, held_atom, const std::string& token, trace_cause cause) {
      auto rp = self->make_response_promise<bool>();
      revoke_held(self, token, cause, [rp]() mutable { rp.deliver(true); });
      return rp;
    },
    [=](expire_atom, std::uint64_t number) { lease_timer_fired(self, number); },
    [=](state_atom, life_subject what, const std::string& id) {
      auto rp = self->make_response_promise<life_state>();
      auto& s = self->state;
      if (what == life_subject::token) {
        self->request(s.store, caf::infinite, state_atom::value, id)
          .then([=](life_state x) mutable { rp.deliver(x); },
                [=](caf::error&) mutable { rp.deliver(life_state::unknown); });
        return rp;
      }
      const std::string* mount = nullptr;
      const std::string* handle = nullptr;
      life_state lease = life_state::unknown;
      if (auto l = s.registry.live.find(id); l != s.registry.live.end()) {
        mount = &l->second.mount;
        handle = &l->second.entry.handle;
        lease = life_state::valid;
      } else if (auto g = s.registry.gone.find(id); g != s.registry.gone.end()) {
        mount = &g->second.mount;
        handle = &g->second.handle;
        lease = g->second.end.state;
      }
      if (what == life_subject::lease && !mount) {
        // Not a secret's lease: perhaps a service token's, which the token store indexes.
        self->request(s.store, caf::infinite, state_atom::value, lease_atom::value, id)
          .then([=](life_state x) mutable { rp.deliver(x); },
                [=](caf::error&) mutable { rp.deliver(life_state::unknown); });
        return rp;
      }
      if (what == life_subject::lease) {
        rp.deliver(lease);
        return rp;
      }
      auto asks = std::make_shared<std::vector<std::pair<secrets_engine, std::string>>>();
      if (mount && s.routes.mounts.count(*mount) > 0)
        asks->emplace_back(s.routes.mounts.at(*mount).engine.common(), *handle);
      else if (mount && s.routes.retired.count(*mount) > 0)
        asks->emplace_back(s.routes.retired.at(*mount), *handle);
      else
        for (const auto& [path, m] : s.routes.mounts)
          asks->emplace_back(m.engine.common(), id);
      if (!mount)
        for (const auto& [path, engine] : s.routes.retired)
          asks->emplace_back(engine, id);
      credential_state(self, asks, 0, rp);
      return rp;
    },
    // The server restarts with a changed config file (storage kept): the mounts that
    // inherit the system TTLs get the new ones, and so does the token store.
    [=](restart_atom, const system_config& restarted) {
      self->state.sys = restarted;
      self->send(self->state.store, restart_atom::value, restarted);
    },
    [=](entity_atom, const std::string& id, entity_snapshot& now) {
      auto& s = self->state;
      const auto* was = s.entities.find(id);
      s.aliases.update(was ? was->get() : nullptr, now.get());
      s.entities.keep(id, std::move(now));
    },
    [=](entry_atom) {
      auto rp = self->make_response_promise<std::string>();
      self->request(self->state.store, caf::infinite, entry_atom::value)
        .then([=](std::string& id) mutable { rp.deliver(std::move(id)); },
              [=](caf::error& e) mutable { rp.deliver(std::move(e)); });
      return rp;
    },
  };
}

} // namespace tokenlab
