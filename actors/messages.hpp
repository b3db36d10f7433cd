#pragma once
// The message vocabulary between tokenlab's actors: CAF 0.17 atoms and the model's value
// types. Messages never carry text for dispatch; strings inside them are Vault data (ids,
// paths, names).
//
// tokenlab's actors live in one process and messages are never serialised, so the model's
// types are allowed as local message types instead of writing inspect() for each.

#include "actors/context.hpp"
#include "model/api.hpp"
#include "model/auth_login.hpp"
#include "model/requests.hpp"
#include "model/token_entry.hpp"
#include "model/token_role.hpp"
#include "model/trace.hpp"
#include "model/ttl.hpp"
#include "model/vault_error.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <map>
#include <memory>
#include <string>
#include <variant>

namespace tokenlab {

struct identity_entity; // model/identity.hpp

// Requests from the runner to the core.
using request_atom = caf::atom_constant<caf::atom("request")>;
using state_atom = caf::atom_constant<caf::atom("state")>;
// The token store and its tokens.
using create_atom = caf::atom_constant<caf::atom("create")>;
using lookup_atom = caf::atom_constant<caf::atom("lookup")>;
using renew_atom = caf::atom_constant<caf::atom("renew")>;
using revoke_atom = caf::atom_constant<caf::atom("revoke")>;
using resolve_atom = caf::atom_constant<caf::atom("resolve")>;
using tune_atom = caf::atom_constant<caf::atom("tune")>;
using entry_atom = caf::atom_constant<caf::atom("entry")>;
using lease_atom = caf::atom_constant<caf::atom("lease")>;
using unlease_atom = caf::atom_constant<caf::atom("unlease")>;
/// The counted leases the registry holds by token (a fleet's: lease_registry::held).
using held_atom = caf::atom_constant<caf::atom("held")>;
using orphan_atom = caf::atom_constant<caf::atom("orphan")>;
using gone_atom = caf::atom_constant<caf::atom("gone")>;
// Storage and trace sink.
// Secrets engines.
using read_atom = caf::atom_constant<caf::atom("read")>;
using write_atom = caf::atom_constant<caf::atom("write")>;
using unsecret_atom = caf::atom_constant<caf::atom("unsecret")>;
// Use limits, cubbyholes, roles, lists.
using use_atom = caf::atom_constant<caf::atom("use")>;
using cubby_atom = caf::atom_constant<caf::atom("cubby")>;
using role_atom = caf::atom_constant<caf::atom("role")>;
using list_atom = caf::atom_constant<caf::atom("list")>;
using delete_path_atom = caf::atom_constant<caf::atom("delpath")>;
using enable_auth_atom = caf::atom_constant<caf::atom("authon")>;
/// A mount is disabled (vault secrets disable): the engine clears its storage.
using unmount_atom = caf::atom_constant<caf::atom("unmount")>;
// Auth methods: a login on an auth mount (actors/auth_method.hpp).
using login_atom = caf::atom_constant<caf::atom("login")>;
/// The server restarts with a changed config file (its storage kept): new system TTLs.
using restart_atom = caf::atom_constant<caf::atom("restart")>;
// The identity store (actors/identity_store.hpp): an entity's policies; the store's handle.
using entity_atom = caf::atom_constant<caf::atom("entity")>;
using identity_atom = caf::atom_constant<caf::atom("identity")>;
// Fleets of simulated clients (actors/fleet.hpp).
using fleet_atom = caf::atom_constant<caf::atom("fleet")>;
using endpoint_atom = caf::atom_constant<caf::atom("endpoint")>;
using policy_atom = caf::atom_constant<caf::atom("policy")>;

/// A cubbyhole operation on the calling token's own cubbyhole.
enum class cubby_op { read, write, list, del };

/// The answer to a vault_request.
using api_outcome = outcome<api_response>;

/// A token the core has authenticated: its entry (the store's, shared, never null). A
/// service token lives in the token store, which the core addresses by the token's ID.
struct resolved_token {
  shared_entry entry;
  /// The service token that holds the leases this caller reads: itself, a non-orphan batch
  /// token's parent, or none (empty: an orphan batch token's leases belong to no token,
  /// spec §5.4). A service token's ID has its characters in place (no heap block of its own
  /// for each copy of a request's caller).
  token_id_string lease_holder;
  /// Its entity as the core read it for this request (fetchEntityAndDerivedPolicies): the
  /// policies it grants join the ACL, and it fills templated policy paths; none without one.
  std::shared_ptr<const identity_entity> entity{};
  /// The lease holder was made while a fleet counted (its record's `counted`): a counted
  /// lease it takes is held by token in the core's registry, not told to the token store.
  bool holder_counted = false;
};

/// Auth mounts' own tune values by mount ("auth/token/").
using mount_tunes = std::map<std::string, mount_tune>;

/// What a secrets engine hands back for a leased read, before the core registers the lease.
struct secret_result {
  data_map data;
  sim_duration ttl{0};     ///< backend TTL (0: mount default)
  sim_duration max_ttl{0}; ///< backend max TTL (0: none)
  bool renewable = true;
  std::string handle;     ///< what the engine needs to revoke it (e.g. the IAM user name)
  std::string credential; ///< the credential a learner sees (e.g. the access key)
  /// KV (passthrough) only: `ttl` came from the secret's own `ttl`/`lease` key (even 0).
  /// Unset, the core shows the mount's default lease TTL as the refresh interval.
  bool ttl_from_data = false;
  /// KV with `leased_passthrough` (vault-plugin-secrets-kv v0.15.0): the secret's Renew is
  /// handleRead, which reads `data.Get("path")` from a FieldData with no schema and panics;
  /// the server answers nothing (docs/decisions.md).
  bool renew_panics = false;
};

/// Service tokens' leases (the expiration manager's auth leases, which the token store keeps):
/// each lease ID with its token's ID.
struct token_lease_refs {
  std::map<std::string, std::string> by_id;
};

/// Where an object's life stands, for `expect token|lease|credential … STATE`.
enum class life_state { unknown, valid, revoked, expired, active, deleted };
const char* to_string(life_state s);

/// What an expectation asks about.
enum class life_subject { token, lease, credential };

/// What a gone token or lease leaves behind.
struct tombstone {
  life_state state = life_state::revoked;
  std::string owner;    ///< the lease's token, or the token's parent
  bool counted = false; ///< made while a fleet counted: not remembered once gone
};

/// The end of a token's or a lease's revocation (`kind`: token_revoked or lease_revoked) of
/// `subject` for `cause`, traced (or counted) by `self`; returns what the object leaves
/// behind, `owner` its token or parent (an expiry leaves it expired).
template <class Self>
tombstone emit_revoked(Self* self, const sim_context& ctx, trace_kind kind, trace_cause cause,
                       std::string_view subject, std::string_view owner) {
  emit(self, ctx, kind, cause, subject, [&](trace_event& ev) { ev.related = owner; });
  tombstone t;
  t.state = cause == trace_cause::ttl_expired ? life_state::expired : life_state::revoked;
  t.owner = std::string{owner};
  t.counted = ctx.counted;
  return t;
}

/// The authority that keeps a token's or a lease's record (the token store, the core's lease
/// registry), as the object's revoking actor sees it: told when the object is gone.
using record_keeper = caf::typed_actor<caf::reacts_to<gone_atom, std::string, tombstone>>;

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_id_string)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::vault_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::api_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::outcome<tokenlab::resolved_token>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::outcome<tokenlab::secret_result>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::outcome<tokenlab::login_auth>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_entry)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::shared_entry)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_create_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_lookup_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_renew_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_revoke_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::mount_tune_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::logical_write_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::system_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::system_config)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::mount_tunes)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::trace_cause)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::life_state)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::life_subject)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::resolved_token)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::sim_duration)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::tombstone)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_lease_refs)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::cubby_op)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::optional<tokenlab::token_role>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_role)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::data_map)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::login_auth)
