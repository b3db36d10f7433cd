#pragma once
// Vault's request handling (vault/request_handling.go, vault/router.go): every API call
// enters here. The core authenticates the calling token with the token store, checks the
// caller's policies and its entity's (model/acl.hpp), spends one use of a use-limited token (and
// revokes it after its last use), routes the call to the token store, the caller's cubbyhole, a
// secrets engine or the system backend (policies, capabilities, tuning), and registers a
// lease for every leased secret a call returns, owned by the calling token. It keeps the
// mount table, the policy store and the leases' registry.
//
// Messages, its typed interface vault_core below:
//   (request_atom, vault_request) -> api_outcome
//                                                      a token endpoint's request that has its
//                                                      ID (a fleet's) goes on to the token
//                                                      store, which answers the client itself;
//                                                      so does such a login's last step
//   (request_atom, endpoint_atom, vault_request) -> api_outcome
//                                                      such a request the store gave back: the
//                                                      core resolves its token and routes it
//   (state_atom, life_subject, id) -> life_state      for expectations
//   (gone_atom, lease_id, tombstone)                   from a lease actor that finished
//   (revoke_atom, lease_id, trace_cause) -> bool       a token revokes a lease it holds
//   (revoke_atom, held_atom, token_id, trace_cause) -> bool
//                                                      a counted token revokes the counted
//                                                      leases the registry holds by it
//   (expire_atom, uint64 timer)                        a lease's TTL timer (the alarm's)
//   (entry_atom) -> std::string                        the root token's ID
//   (entity_atom, entity ID, entity_snapshot)          the identity store publishes an
//                                                      entity that changed (null: gone)
//   (restart_atom, system_config)                      a restart: new system TTLs, here and
//                                                      in the token store

#include "actors/alarm.hpp"
#include "actors/auth_method.hpp"
#include "actors/caller.hpp"
#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/identity_store.hpp"
#include "actors/lease.hpp"
#include "actors/messages.hpp"
#include "actors/token_store.hpp"
#include "model/acl.hpp"
#include "model/id_map.hpp"
#include "model/ids.hpp"
#include "model/lease_rules.hpp"
#include "model/mount_table.hpp"
#include "model/root_generation.hpp"
#include "model/ttl.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tokenlab {

struct mount_entry {
  std::string type; ///< "aws"
  engine_handle engine;
  mount_tune tune;
  std::string accessor; ///< `vault secrets list` (model/secrets_table.hpp)
  std::string uuid;
  std::string description;
  std::map<std::string, std::string> options; ///< {"version": "2"}: a KV v2 mount
};

/// A live lease on a secret as the expiration manager keeps it: a record of the core's lease
/// registry, made an actor (actors/lease.hpp) while it is revoked and talks to its engine
/// (docs/decisions.md, "One CAF actor per live token"), unless a fleet counts its events:
/// the registry then revokes it itself.
struct lease_ref {
  lease_entry entry;       ///< the registry's key is the lease's ID
  std::string mount;       ///< "aws/"
  bool counted = false;    ///< made while a fleet counted: its events stay counted
  record_timer timer;      ///< its TTL timer (lease_registry::timers): gone with the record
  lease_revoker actor;     ///< while it is revoked, its actor
  bool with_owner = false; ///< revoked by its owner token's revocation: no notice back to it
  /// Held by its owner in the registry (lease_registry::held), not in the token store: its
  /// neighbours there, in the order they were made.
  bool held = false;
  std::pair<const id_key, lease_ref>* held_prev = nullptr;
  std::pair<const id_key, lease_ref>* held_next = nullptr;
  /// A counted lease is revoked by the registry itself, without an actor: while it is, who
  /// waits for its end (docs/decisions.md, "A fleet's token and lease are revoked by their
  /// authority").
  revocation_waiters revoking;
  /// Being revoked, by its actor or by the registry.
  bool in_revocation() const { return actor || revoking.active(); }
};

/// An ended lease as expectations ask about it: its end, and its credential's engine.
struct gone_lease {
  tombstone end;
  std::string mount;
  std::string handle;
};

/// The router's tables (vault/router.go, the mount tables): which secrets engine or auth
/// method serves a path, and the engines of disabled mounts.
struct core_routes {
  std::map<std::string, mount_entry> mounts; ///< secrets engines by path ("aws/")
  /// Engines of disabled mounts, kept (no longer routed to) so that expectations can ask
  /// what became of their credentials.
  std::map<std::string, secrets_engine> retired;
  std::map<std::string, auth_method> auth_mounts; ///< auth methods by mount ("auth/userpass/")
  /// The auth mount table (`vault auth list`): token/ first, then each enabled method.
  std::map<std::string, auth_mount_info> auth_table;
  id_source mount_ids{1, id_stream::mount_table};

  /// The secrets mount serving `path`: the longest mounted prefix, or null.
  const std::pair<const std::string, mount_entry>* mount_serving(const std::string& path) const;
  /// The auth method serving `path` ("auth/userpass/…"), or null; its mount in `mount`.
  const auth_method* auth_serving(const std::string& path, std::string* mount = nullptr) const;
  /// The engine that revokes a secret of `mount`: its engine, or a disabled mount's kept one.
  secrets_engine revoker(const std::string& mount) const;
};

/// The lease registry (vault/expiration.go's ExpirationManager, for secrets' leases; a
/// service token's lease lives with its token in the token store): the live leases, their
/// TTL timers, the ended ones, and the stream their IDs are drawn from.
struct lease_registry {
  id_source ids{1, id_stream::secrets};
  /// Live leases by ID, unordered (what lists them, by prefix or mount, sorts what it found).
  id_map<lease_ref> live;
  record_timers<id_map<lease_ref>::value_type> timers; ///< the leases' TTLs
  /// Ended leases, but a fleet's (tombstone::counted): too many to remember each.
  std::map<std::string, gone_lease> gone;
  /// A counted token's counted leases, by the token, as Vault's expiration manager indexes a
  /// token's leases (`sys/expire/token/`): the first and the last of a list through the
  /// leases' records, in the order they were made. A fleet's read takes a lease for its token;
  /// telling the token store of each was one message per lease (docs/decisions.md, "A fleet's
  /// leases are held by token in the registry").
  struct held_leases {
    id_map<lease_ref>::value_type* first = nullptr;
    id_map<lease_ref>::value_type* last = nullptr;
  };
  id_map<held_leases> held;

  /// Holds lease `l` by its owner, after the others it holds.
  void hold(id_map<lease_ref>::value_type& l);
  /// Lets go of lease `l` (it ends), if it is held.
  void let_go(id_map<lease_ref>::value_type& l);
  /// Lets go of every lease `token` holds: their IDs, in the order they were made.
  std::vector<std::string> let_go_all(std::string_view token);

  /// The IDs of the live leases under `prefix`, sorted (`live` is unordered).
  std::vector<std::string> ids_under(const std::string& prefix) const;
};

/// The core is one actor in three parts (docs/decisions.md, "The core is one actor in three
/// parts"): request handling (authentication, ACL, identity, the system backend) here, the
/// router's tables (`routes`) and the lease registry (`registry`).
struct core_state {
  sim_context ctx;
  object_contexts made; ///< the contexts its leases' actors share
  system_config sys;
  token_authority store;
  id_source requests{1, id_stream::requests};
  core_routes routes;
  lease_registry registry;
  policy_store policies;     ///< `root`, `default` and every `vault policy write`
  identity_service identity; ///< the identity store, at identity/ (actors/identity_store.hpp)
  /// Every entity as the identity store last published it: what a request of a token with an
  /// entity reads (its policies, whether it is disabled), with no round trip.
  entity_map entities;
  alias_index aliases; ///< their aliases: a login's known, unchanged alias finds its entity here
  /// `vault operator generate-root`: the attempt in progress (sys/generate-root/*), its
  /// nonces and generated OTPs, and the dev server's unseal key (decoded) it checks.
  rootgen::state generation;
  id_source generation_ids{1, static_cast<id_stream>(10)};
  std::string unseal_key;
  static inline const char* name = "core";
};

/// The core's interface (the messages above).
using vault_core =
  caf::typed_actor<caf::replies_to<request_atom, vault_request>::with<api_outcome>,
                   caf::replies_to<request_atom, endpoint_atom, vault_request>::with<api_outcome>,
                   caf::replies_to<state_atom, life_subject, std::string>::with<life_state>,
                   caf::reacts_to<gone_atom, std::string, tombstone>,
                   caf::replies_to<revoke_atom, std::string, trace_cause>::with<bool>,
                   caf::replies_to<revoke_atom, held_atom, std::string, trace_cause>::with<bool>,
                   caf::reacts_to<expire_atom, std::uint64_t>,
                   caf::reacts_to<restart_atom, system_config>,
                   caf::replies_to<entry_atom>::with<std::string>,
                   caf::reacts_to<entity_atom, std::string, entity_snapshot>>;

vault_core::behavior_type core_actor(vault_core::stateful_pointer<core_state> self, sim_context ctx,
                                     system_config sys, token_authority store);

} // namespace tokenlab
