#pragma once
// Pieces shared by the core's files: core.cpp (request handling: authentication, identity,
// routing by the router's tables), core_mounts.cpp (the mount tables), core_leases.cpp (the
// lease registry and the lease endpoints), core_system.cpp (the system backend: policies,
// capabilities, tuning, auth methods), core_tokens.cpp (the token endpoints) and
// core_generate_root.cpp. Private to actors/.

#include "actors/caller.hpp"
#include "actors/core.hpp"
#include "model/kv2.hpp"
#include "model/texts.hpp"
#include "model/token_endpoints.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tokenlab::core_detail {

using self_ptr = vault_core::stateful_pointer<core_state>;

/// Where a request's answer goes. The request handler builds it around the response
/// promise: it stamps the request ID and, after a token's last use, revokes the token.
/// A request's answer path is copied into each continuation on its way (each `.then`, each
/// wrapper): copies share one callable, so a copy is a reference count, not a copy of the
/// chain of closures beneath it.
class reply {
public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, reply> &&
                                              std::is_invocable_v<std::decay_t<F>&, api_outcome>>>
  reply(F f) // NOLINT(google-explicit-constructor): any callable of an answer is a reply
    : f_(std::make_shared<holder<std::decay_t<F>>>(std::move(f))) {}

  // The answer is passed on by reference down to the callable: one move per wrapper (into
  // its parameter), not three.
  void operator()(api_outcome&& r) const { f_->call(std::move(r)); }

private:
  struct callable {
    virtual ~callable() = default;
    virtual void call(api_outcome&& r) = 0;
  };
  template <class F>
  struct holder final : callable {
    explicit holder(F x)
      : f(std::move(x)) {}
    void call(api_outcome&& r) override { f(std::move(r)); }
    F f;
  };
  std::shared_ptr<callable> f_;
};

inline vault_error denied() {
  return vault_error::denied(std::string{texts::permission_denied});
}

inline api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

inline api_response list_response(std::vector<std::string> keys) {
  api_response r;
  r.data = data_map{{"keys", std::move(keys)}};
  return r;
}

inline bool under(std::string_view path, std::string_view prefix) {
  return path.compare(0, prefix.size(), prefix) == 0;
}

inline vault_error no_route(const std::string& path) {
  return vault_error{404, {texts::no_handler_for_route(path)}};
}

/// A kv mount of version 2.
inline bool is_versioned(const mount_entry& m) {
  auto v = m.options.find("version");
  return m.type == "kv" && v != m.options.end() && v->second == "2";
}

/// True when the caller's policies grant `c` on `path` (actors/caller.hpp).
inline bool allows(self_ptr self, const resolved_token& who, std::string_view path,
                   capability c) {
  return tokenlab::allows(self->state.policies, who, path, c);
}

/// The error path of a request the core made for `done`: the actor asked failed or is gone,
/// which Vault answers as an internal error. Every request has one (else CAF's default
/// handler would end the core).
inline auto internal_error(reply done) {
  return [done = std::move(done)](caf::error&) { done(vault_error::internal("internal error")); };
}

/// Runs `step(i, next)` for i = 0, 1, … n-1 one after the other (each step calls `next` when
/// it is done, perhaps in a later message), then `done()`: a serial chain of requests, as
/// Vault's prefix walks revoke one lease after the other.
template <class Step, class Done>
void in_turn(std::size_t n, Step step, Done done, std::size_t i = 0) {
  if (i == n)
    return done();
  step(i, [=] { in_turn(n, step, done, i + 1); });
}

/// Sends a request whose answer is an api_outcome and passes the answer on.
template <class Handle, class... Ts>
void forward(self_ptr self, const Handle& dest, const reply& done, Ts&&... xs) {
  self->request(dest, caf::infinite, std::forward<Ts>(xs)...)
    .then([=](api_outcome& r) { done(std::move(r)); }, internal_error(done));
}

// core.cpp
/// The caller with its entity, as the identity store last published it (core_state::entities):
/// its policies join the ACL; a token whose entity is gone or disabled gets a 403.
inline outcome<resolved_token> with_entity(self_ptr self, resolved_token who) {
  return tokenlab::with_entity(self->state.entities, std::move(who));
}

// core_system.cpp
/// Sends the token store the policies as they are now (its replica, for the endpoints it
/// checks itself): at each change, before the change is answered.
void publish_policies(self_ptr self);
void write_policy(self_ptr self, const std::string& name, const std::string& text,
                  const reply& done);
void read_policy(self_ptr self, const std::string& name, const reply& done);
void delete_policy(self_ptr self, const std::string& name, const reply& done);
void on_capabilities(self_ptr self, const resolved_token& who, const capabilities_request& c,
                     const reply& done);
void on_enable(self_ptr self, const resolved_token& who, const secrets_enable_request& r,
               const reply& done);
/// handleMount written as the API (`vault write sys/mounts/<path> type=kv
/// options=leased_passthrough=true`): the type and the options (TypeKVPairs: one `k=v`).
void enable_from_fields(self_ptr self, const resolved_token& who, const std::string& path,
                        const field_map& fields, const reply& done);
/// Reads a mount's tune: "auth/token/", an auth mount or a secrets mount.
void read_tune(self_ptr self, const std::string& mount, const reply& done);
/// `vault auth list`: the mount table with each mount's own TTLs (from the token store).
void on_auth_list(self_ptr self, const resolved_token& who, const reply& done);
void on_auth_enable(self_ptr self, const resolved_token& who, const auth_enable_request& r,
                    const reply& done);
/// The promise of a counted request (a fleet's): the token store answers such a request's
/// client itself (docs/decisions.md).
struct direct_answer {
  caf::typed_response_promise<api_outcome> promise;
};
/// A login: its auth method checks it, the identity store gives its alias's entity, the token
/// store issues the token (and, with `direct`, answers the client).
void on_login(self_ptr self, const login_request& r, const reply& done,
              std::shared_ptr<direct_answer> direct = nullptr);
/// A tune of any mount (sys/auth/<path>/tune, sys/mounts/<path>/tune), the caller's ACL
/// already checked: the token store's mount, another auth method's, or a secrets engine's.
void tune_mount(self_ptr self, const mount_tune_request& req, const reply& done);
/// The mount a tune path names: sys/auth/userpass/tune -> auth/userpass/, sys/mounts/aws/tune
/// -> aws/; "" when `path` is no tune path.
std::string tuned_mount(const std::string& path);

// core_mounts.cpp
/// A kv engine for `path`: version 2 when the options say so, else version 1.
engine_handle spawn_engine(self_ptr self, const std::string& type, const std::string& path,
                           const std::map<std::string, std::string>& options);
/// `vault server -dev` mounts kv version 2 at secret/ ("key/value secret storage").
void mount_dev_secrets(self_ptr self);
/// Sends a request on a KV v2 mount to its engine; false when `path` is on no such mount.
bool route_versioned_kv(self_ptr self, kv2::operation op, const std::string& path, data_map body,
                        std::map<std::string, std::string> params, const reply& done);
/// GET sys/mounts: the secrets engines' mount table.
void list_secrets_mounts(self_ptr self, const reply& done);
/// DELETE sys/mounts/<path> and sys/auth/<path>: disable, revoking what the mount issued.
void disable_secrets(self_ptr self, const std::string& path, const reply& done);
void disable_auth(self_ptr self, const std::string& path, const reply& done);
/// sys/internal/ui/mounts/<path> and sys/seal-status, which need no token; false otherwise.
bool unauthenticated(self_ptr self, const vault_request& req, const reply& done);
/// sys/generate-root/attempt (read, write, delete), sys/generate-root/update and
/// sys/decode-token (write), which need no token (core_generate_root.cpp); false otherwise.
bool generate_root_api(self_ptr self, const vault_request& req, const reply& done);
/// A write's data as the engines read it: its typed body, or its key=value fields.
data_map body_of(const logical_write_request& w);

// core_leases.cpp: the system backend's lease endpoints, over the core's secret leases and
// the token store's token leases (vault/logical_system.go, vault/expiration.go).
/// A write under sys/ that is a lease endpoint (`sys/leases/renew/<id>`, …): handled, true.
bool lease_api(self_ptr self, const resolved_token& who, const logical_write_request& w,
               const reply& done);
/// The path `vault lease revoke` writes to: sys/leases/revoke, or revoke-prefix/revoke-force
/// with the prefix.
std::string lease_revoke_path(const lease_revoke_request& r);
/// Each one checks the caller's ACL on `acl_path`, the path the request was made on.
void on_lease_lookup(self_ptr self, const resolved_token& who, const std::string& acl_path,
                     const lease_lookup_request& r, const reply& done);
void on_lease_renew(self_ptr self, const resolved_token& who, const std::string& acl_path,
                    const lease_renew_request& r, const reply& done);
void on_lease_revoke(self_ptr self, const resolved_token& who, const std::string& acl_path,
                     const lease_revoke_request& r, const reply& done);
/// LIST sys/leases/lookup/<prefix> (the caller's sudo already checked).
void list_leases(self_ptr self, const std::string& path, const reply& done);

// The lease registry (core_leases.cpp): a live secret lease is a record of the core's, an
// actor only while it is revoked.
using lease_slot = id_map<lease_ref>::value_type;
/// Keeps the lease `id` issued now (its storage written and its creation traced by the caller;
/// `e` without its ID, which is the registry's key) and arms its TTL timer.
lease_slot& add_lease(self_ptr self, std::string_view id, lease_entry e, const std::string& mount);
/// Revokes the counted leases the registry holds by `token` (lease_registry::held), one
/// after the other, for `cause` (its owner's revocation); then calls `done`.
void revoke_held(self_ptr self, const std::string& token, trace_cause cause,
                 std::function<void()> done);
/// The actor that revokes the lease: made now unless it is being revoked already.
lease_revoker revoking_lease(self_ptr self, lease_slot& l);
/// Revokes a counted lease (a fleet's) in the registry, as its actor would, for `cause`
/// (ttl_expired: its TTL timer fired; another cause at its expiry instant finds it expired);
/// `waiter` (if any) is called once it is gone.
void revoke_counted(self_ptr self, lease_slot& l, trace_cause cause, std::function<void()> waiter);
/// Revokes the secret lease `id` by request (at once if it is gone), then calls `next`.
void revoke_lease(self_ptr self, const std::string& id, std::function<void()> next);
/// A lease's TTL timer `number` fired: the lease expires, and its actor revokes it (a
/// fleet's: the registry).
void lease_timer_fired(self_ptr self, std::uint64_t number);
/// A lease's actor finished: the record goes (a tombstone stays unless it was a fleet's).
void lease_gone(self_ptr self, const std::string& id, const tombstone& t);
/// `done`, after adding the framework's warning about the fields `schema` does not declare to
/// a response with a body (sdk/framework/backend.go HandleRequest; a 204 carries none).
inline reply warn_ignored(reply done, field_map fields, field_schema schema) {
  return [done = std::move(done), fields = std::move(fields),
          schema = std::move(schema)](api_outcome r) {
    if (r && r->status != 204)
      if (auto ignored = unknown_fields(fields, schema); !ignored.empty())
        r->warnings.push_back(texts::ignored_parameters(ignored));
    done(std::move(r));
  };
}

/// core_tokens.cpp: a token lookup, renew, revoke or tidy checked against `acl_path` for
/// capability `c`, then answered by the token store (the `vault token …` commands).
void token_endpoint(self_ptr self, const resolved_token& who, std::string_view acl_path,
                    capability c, const token_api_request& op, const reply& done);
/// The token endpoints as paths (`vault write auth/token/renew token=…`, `vault read
/// auth/token/lookup-self`); false when `path` is none of them.
bool token_api(self_ptr self, const resolved_token& who, const std::string& path,
               const field_map& fields, bool read, const reply& done);
/// Wraps a token lookup's reply: a token whose entity grants policies shows them
/// (`identity_policies`, handleLookup), as the identity store last published it.
reply with_lookup_identity(self_ptr self, reply done);

} // namespace tokenlab::core_detail
