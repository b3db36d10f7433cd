// The system backend's mount table (vault/logical_system.go, vault/mount.go, vault/auth.go):
// the dev server's kv v2 at secret/, `vault secrets list` (GET sys/mounts), disabling a
// secrets engine or an auth method (DELETE sys/mounts/<path>, sys/auth/<path>) with the
// revocations Vault does, routing to KV v2 mounts, and the two unauthenticated paths the CLI
// reads: sys/internal/ui/mounts/<path> (the kv commands' version check) and sys/seal-status.

#include "actors/core_internal.hpp"
#include "actors/kv2_engine.hpp"
#include "actors/kv_engine.hpp"
#include "model/ids.hpp"
#include "model/secrets_table.hpp"

#include <caf/event_based_actor.hpp>

#include <memory>
#include <utility>

namespace tokenlab {

const std::pair<const std::string, mount_entry>*
core_routes::mount_serving(const std::string& path) const {
  const std::pair<const std::string, mount_entry>* best = nullptr;
  for (const auto& m : mounts)
    if (core_detail::under(path, m.first) && (!best || m.first.size() > best->first.size()))
      best = &m;
  return best;
}

const auth_method* core_routes::auth_serving(const std::string& path, std::string* mount) const {
  if (!core_detail::under(path, "auth/"))
    return nullptr;
  auto slash = path.find('/', 5);
  auto m = auth_mounts.find(slash == std::string::npos ? path + "/" : path.substr(0, slash + 1));
  if (m == auth_mounts.end())
    return nullptr;
  if (mount)
    *mount = m->first;
  return &m->second;
}

secrets_engine core_routes::revoker(const std::string& mount) const {
  auto m = mounts.find(mount);
  return m != mounts.end() ? m->second.engine.common() : retired.at(mount);
}

} // namespace tokenlab

namespace tokenlab::core_detail {

namespace {

std::string with_slash(std::string path) {
  if (path.empty() || path.back() != '/')
    path += '/';
  return path;
}

// Revokes, one after the other, the leases `ids` names, then calls `next`.
void disabled(self_ptr self, const std::string& path, const std::string& type) {
  trace_event ev;
  ev.kind = trace_kind::engine_disabled;
  ev.subject = path;
  ev.detail = type;
  emit(self, self->state.ctx, std::move(ev));
}

} // namespace

engine_handle spawn_engine(self_ptr self, const std::string& type, const std::string& path,
                           const std::map<std::string, std::string>& options) {
  auto& st = self->state;
  auto v = options.find("version");
  if (type == "kv" && v != options.end() && v->second == "2")
    return {{}, self->spawn<caf::linked>(kv2_engine_actor, st.ctx, path)};
  // kv's Factory: version 1 (or none) is LeaseSwitchedPassthroughBackend, with leases when
  // the option leased_passthrough is exactly "true".
  auto leased = options.find("leased_passthrough");
  return {self->spawn<caf::linked>(kv_engine_actor, st.ctx, path,
                                   leased != options.end() && leased->second == "true"),
          {}};
}

void mount_dev_secrets(self_ptr self) {
  auto& st = self->state;
  const std::map<std::string, std::string> options{{"version", "2"}};
  auto info = new_secrets_mount(st.ctx.seed, "secret/", "kv", "key/value secret storage", options);
  auto engine = spawn_engine(self, "kv", "secret/", options);
  mount_entry m{"kv", engine, {}, info.accessor, info.uuid, info.description, options};
  st.routes.mounts["secret/"] = std::move(m);
}

data_map body_of(const logical_write_request& w) {
  if (!w.body.empty())
    return w.body;
  data_map out;
  for (const auto& [k, v] : w.fields)
    out[k] = v;
  return out;
}

bool route_versioned_kv(self_ptr self, kv2::operation op, const std::string& path, data_map body,
                        std::map<std::string, std::string> params, const reply& done) {
  auto& st = self->state;
  const auto* m = st.routes.mount_serving(path);
  if (!m || !is_versioned(m->second))
    return false;
  kv2::request req{op, path.substr(m->first.size()), std::move(body), std::move(params)};
  forward(self, m->second.engine.versioned, done, kv2_atom::value, std::move(req));
  return true;
}

void list_secrets_mounts(self_ptr self, const reply& done) {
  auto& st = self->state;
  auto rows = builtin_secrets_mounts(st.ctx.seed);
  for (const auto& [path, m] : st.routes.mounts) {
    secrets_mount_info info;
    info.path = path;
    info.type = m.type;
    info.accessor = m.accessor;
    info.uuid = m.uuid;
    info.description = m.description;
    info.options = m.options;
    info.tune = m.tune;
    rows.push_back(std::move(info));
  }
  api_response r;
  r.data = secrets_list_data(rows);
  done(std::move(r));
}

void disable_secrets(self_ptr self, const std::string& raw, const reply& done) {
  auto& st = self->state;
  const auto path = with_slash(raw);
  for (const char* builtin : {"sys/", "cubbyhole/", "identity/"})
    if (path == builtin)
      return done(vault_error::invalid(texts::cannot_unmount(path)));
  auto m = st.routes.mounts.find(path);
  // Vault answers success when nothing is mounted there, so as not to say what exists.
  if (m == st.routes.mounts.end())
    return done(no_content());
  // unmountInternal: revoke every lease under the mount, clear its storage, drop the entry.
  // In the order of their IDs, as Vault's prefix walk goes.
  auto ids = std::make_shared<std::vector<std::string>>(st.registry.ids_under(path));
  auto revoke = [self, ids](std::size_t i, std::function<void()> next) {
    revoke_lease(self, (*ids)[i], std::move(next));
  };
  in_turn(ids->size(), revoke, [self, path, done] {
    auto& s = self->state;
    auto it = s.routes.mounts.find(path);
    if (it == s.routes.mounts.end())
      return done(no_content());
    auto engine = it->second.engine.common();
    auto type = it->second.type;
    auto finish = [=] {
      // No request reaches the engine again; it stays (linked) to answer expectations.
      self->state.routes.retired[path] = engine;
      self->state.routes.mounts.erase(path);
      storage_put(self, self->state.ctx, "core/mounts");
      disabled(self, path, type);
      done(no_content());
    };
    // kv clears its storage view; the lab's aws and database engines keep none to clear.
    if (type != "kv")
      return finish();
    self->request(engine, caf::infinite, unmount_atom::value)
      .then([=](bool) { finish(); }, [=](caf::error&) { finish(); });
  });
}

void disable_auth(self_ptr self, const std::string& raw, const reply& done) {
  auto& st = self->state;
  const auto path = with_slash(raw);
  if (path == "token/")
    return done(vault_error::invalid(std::string{texts::token_backend_not_disableable}));
  const auto mount = "auth/" + path;
  auto m = st.routes.auth_mounts.find(mount);
  if (m == st.routes.auth_mounts.end())
    return done(no_content());
  // disableCredentialInternal: RevokePrefix(auth/<path>) revokes every token a login at the
  // mount issued (their leases are auth/<path>login/…), with its children and leases.
  self->request(st.store, caf::infinite, revoke_atom::value, mount)
    .then(
      [=](bool) {
        auto& s = self->state;
        auto it = s.routes.auth_mounts.find(mount);
        if (it != s.routes.auth_mounts.end()) {
          self->unlink_from(it->second);
          self->send_exit(it->second, caf::exit_reason::user_shutdown);
          s.routes.auth_mounts.erase(it);
        }
        auto type =
          s.routes.auth_table.count(path) > 0 ? s.routes.auth_table[path].type : std::string{};
        s.routes.auth_table.erase(path);
        self->send(s.identity, unmount_atom::value, mount);
        storage_put(self, s.ctx, "core/auth");
        disabled(self, mount, type);
        done(no_content());
      },
      internal_error(done));
}

namespace {

// sys/internal/ui/mounts/<path> (pathInternalUIMountRead): the mount serving the path, if
// the caller's policies give it any access under that mount (hasMountAccess); else 403.
void preflight(self_ptr self, const resolved_token& who, const std::string& asked,
               const reply& done) {
  auto& st = self->state;
  const auto path = with_slash(asked);
  auto denied_here = vault_error{403, {texts::kv_preflight_denied(path)}};
  std::string mount;
  std::string type;
  std::map<std::string, std::string> options;
  if (const auto* m = st.routes.mount_serving(path)) {
    mount = m->first;
    type = m->second.type;
    options = m->second.options;
  } else if (under(path, "cubbyhole/")) {
    mount = "cubbyhole/";
    type = "cubbyhole";
  } else {
    return done(denied_here);
  }
  if (!any_access_under(st.policies, acl_policies(who), mount, who.entity.get()))
    return done(denied_here);
  api_response r;
  r.data = data_map{{"path", mount},
                    {"type", type},
                    {"options", options.empty() ? field_value{} : field_value{options}}};
  done(std::move(r));
}

// sys/seal-status of a dev server: one unseal key, unsealed, in-memory storage.
void seal_status(self_ptr self, const reply& done) {
  auto ids = mount_ids(self->state.ctx.seed, "cluster");
  api_response r;
  r.data = data_map{{"type", std::string{"shamir"}},
                    {"initialized", true},
                    {"sealed", false},
                    {"t", std::int64_t{1}},
                    {"n", std::int64_t{1}},
                    {"progress", std::int64_t{0}},
                    {"nonce", std::string{}},
                    {"version", std::string{"1.14.0"}},
                    {"build_date", std::string{"2023-06-19T11:40:09Z"}},
                    {"migration", false},
                    {"cluster_name", "vault-cluster-" + ids.uuid().substr(0, 8)},
                    {"cluster_id", ids.uuid()},
                    {"recovery_seal", false},
                    {"storage_type", std::string{"inmem"}}};
  done(std::move(r));
}

} // namespace

bool unauthenticated(self_ptr self, const vault_request& req, const reply& done) {
  if (generate_root_api(self, req, done))
    return true;
  auto read = std::get_if<logical_read_request>(&req.op);
  if (!read)
    return false;
  static const std::string ui_mounts = "sys/internal/ui/mounts/";
  if (read->path == "sys/seal-status") {
    seal_status(self, done);
    return true;
  }
  if (!under(read->path, ui_mounts))
    return false;
  // The handler looks the token up itself (fetchACLTokenEntryAndEntity): no use is spent.
  auto asked = read->path.substr(ui_mounts.size());
  self->request(self->state.store, caf::infinite, resolve_atom::value, req.token, false)
    .then(
      [=](outcome<resolved_token>& who) {
        if (!who)
          return done(denied());
        auto caller = with_entity(self, std::move(*who));
        if (!caller)
          return done(denied());
        preflight(self, *caller, asked, done);
      },
      internal_error(done));
  return true;
}

} // namespace tokenlab::core_detail
