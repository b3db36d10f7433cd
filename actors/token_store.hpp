#pragma once
// The token store: Vault's `auth/token/` mount (vault/token_store.go). It creates tokens,
// finds them by ID or accessor, renews them, keeps the mount's tune, and remembers what
// became of tokens that are gone. A live service token is a record of the store (its entry,
// its TTL timer, its children, leases and cubbyhole), made an actor while it is revoked
// (actors/token.hpp; docs/decisions.md, "One CAF actor per live token").
//
// Rules live in model/token_rules.hpp; this actor gathers inputs and applies decisions.
//
// Messages, its typed interface token_authority below (all replies are values; errors are
// vault_error values):
//   (resolve_atom, value, bool by_accessor) -> outcome<resolved_token>
//                                          authenticate a presented token (or find one by
//                                          accessor)
//   (create_atom, resolved_token caller, bool sudo, token_create_request, policies known)
//     -> api_outcome
//   (write_atom, resolved_token caller, bool sudo, logical_write_request, policies known)
//     -> api_outcome                       roles and the create endpoints under auth/token/
//   (read_atom, path) / (list_atom, path) / (delete_path_atom, path) -> api_outcome
//                                          roles, and the accessor list
//   (endpoint_atom, token, token_api_request) -> (bool handled, api_outcome)
//                                          a lookup, renew or revoke by a presented token,
//                                          authenticated, checked and answered here in one
//                                          message; not handled (the core then resolves the
//                                          token and routes it) for a batch or use-limited
//                                          token and for tidy
//   (endpoint_atom, vault_request) -> api_outcome
//                                          the same for a counted request (a fleet's), which
//                                          the core hands on: a renewal or revocation is
//                                          answered to the client directly (no request ID);
//                                          anything else is given back to the core
//                                          (request_router), which answers it
//   (endpoint_atom, request_router)        the core, from the core
//   (lookup_atom, resolved_token caller, token_lookup_request) -> api_outcome
//   (renew_atom, resolved_token caller, token_renew_request) -> api_outcome
//   (revoke_atom, resolved_token caller, bool sudo, token_revoke_request) -> api_outcome
//   (tune_atom, mount_tune_request) -> api_outcome ; (tune_atom) -> system_view
//   (tune_atom, mount) -> system_view                the effective TTLs of an auth mount
//   (restart_atom, system_config)                    a restart: the new system TTLs
//   (tune_atom, list_atom) -> mount_tunes             every auth mount's own values
//   (enable_auth_atom, mount)                        an auth method was mounted
//   (revoke_atom, mount) -> bool                     it is disabled: revoke its logins' tokens
//   (login_atom, mount, path, login_auth) -> api_outcome   a login's token
//   (login_atom, endpoint_atom, mount, path, login_auth) -> api_outcome
//                                          the same for a counted request (a fleet's), which
//                                          the core hands on: answered to the client directly
// One service token, by ID:
//   (entry_atom, id) -> token_entry        its entry (an error once it is gone)
//   (use_atom, id) -> shared_entry         one use of a use-limited token
//   (cubby_atom, id, cubby_op, path, fields) -> api_outcome   its cubbyhole
//   (revoke_atom, id, trace_cause, bool orphan_children) -> bool   revoke it (replies when done)
//   (orphan_atom, id)                      its parent was revoked -mode=orphan
//   (lease_atom, token_id, lease_id, registry) / (unlease_atom, token_id, lease_id)
//                                          a lease it holds, and the actor that revokes it
//                                          (a counted token's counted leases are held by
//                                          token in the core's registry instead, which its
//                                          revocation asks once: lease_registry::held)
//   (expire_atom, uint64 timer)            a token's TTL timer (the alarm's)
//   (gone_atom, id, tombstone)             from a token's actor that finished revoking
// The expiration manager's view:
//   (lease_atom, list_atom, prefix) -> token_lease_refs   the token leases whose ID starts
//                                          with prefix (sys/leases/lookup, revoke, revoke-prefix)
//   (state_atom, token_id) -> life_state
//   (state_atom, lease_atom, lease_id) -> life_state   a token's lease: its token's state
//   (entry_atom) -> std::string            the root token's ID
//   (identity_atom, identity_service)      the identity store, from the core
//   (entity_atom, id, entity_snapshot)     an entity as the identity store publishes it
//   (policy_atom, policy_store)            the core's policies, at each change
// The last two are replicas for the endpoints the store checks itself (actors/caller.hpp).

#include "actors/alarm.hpp"
#include "actors/caller.hpp"
#include "actors/context.hpp"
#include "actors/identity_store.hpp"
#include "actors/messages.hpp"
#include "actors/token.hpp"
#include "model/batch_rules.hpp"
#include "model/id_map.hpp"
#include "model/ids.hpp"
#include "model/shared_value.hpp"
#include "model/token_endpoints.hpp"
#include "model/ttl.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::token_api_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::policy_store)

namespace tokenlab {

/// Where the store gives back a request the core handed on that it does not answer itself
/// (the core: actors/core.hpp).
using request_router =
  caf::typed_actor<caf::replies_to<request_atom, endpoint_atom, vault_request>::with<api_outcome>>;

/// What the store last found its token's requests checked against: the token's entity (none
/// without one) and its ACL, as they were in the replicas of version `replicas`
/// (token_store_state::replicas). A token's policies and entity ID never change, so while the
/// replicas are the same, its next request is checked without reading them from its entry.
struct checked_caller {
  std::uint64_t replicas = 0; ///< 0: not checked yet
  std::shared_ptr<const identity_entity> entity;
  std::shared_ptr<const acl_detail::compiled_acl> acl;
};

/// A live service token as the store keeps it.
struct live_token {
  /// Its entry, which others get as a shared immutable value (a request in flight, the
  /// token's actor while it is revoked): a change is made in place while the store alone
  /// holds it, else on a copy that replaces it (change_entry), so that what others hold
  /// never changes.
  std::shared_ptr<token_entry> entry;
  bool counted = false; ///< made while a fleet counted: its events stay counted
  /// Sanitizing its policies gives them back (every token's are sanitized when it is made),
  /// found while its entry is in the cache: an answer says so rather than read them cold
  /// (auth_block::sanitized_token_policies). Next to `counted`, in what was padding.
  bool sanitized_policies = false;
  /// The auth mount it was issued under, whose tune its renewals follow (spec §3.1): an index
  /// into token_store_state::auth_mounts, so that a renewal does not read the entry's path.
  std::uint32_t mount = 0;
  checked_caller checked; ///< its last check (endpoint_atom)
  record_timer timer;   ///< its TTL timer (token_store_state::timers): cancelled with the record
  std::unique_ptr<token_ties> ties; ///< children, leases, cubbyhole: none until needed
  token_revoker actor;              ///< while it is revoked, its actor (which then owns the entry)
  /// A counted token with no child is revoked by the store itself, without an actor: while
  /// it is, who waits for its end (docs/decisions.md, "A fleet's token and lease are revoked
  /// by their authority").
  revocation_waiters revoking;
  /// Being revoked, by its actor or by the store.
  bool in_revocation() const { return actor || revoking.active(); }
};

/// Accessor -> the token's record (a node of the store's map of tokens, which stays where it
/// is until the token is gone; the accessor goes with it): the ID is not kept twice. Built at
/// the first lookup by accessor and kept up from then on, so that a run that never names a
/// token by its accessor (a fleet's) does not index every token it makes.
class accessor_index {
public:
  using record = id_map<live_token>::value_type;
  using records = id_map<live_token>;

  /// A token made now (its entry set), or gone.
  void add(record& t) {
    if (built_)
      map_.try_emplace(t.second.entry->accessor, &t);
  }
  void remove(const record& t) {
    if (built_)
      map_.erase(t.second.entry->accessor);
  }
  /// The record of the live token with this accessor, or null.
  record* find(records& all, const std::string& accessor) {
    build(all);
    auto a = map_.find(accessor);
    return a == map_.end() ? nullptr : a->second;
  }
  /// Every live token's accessor, sorted.
  std::vector<std::string> sorted(records& all) {
    build(all);
    std::vector<std::string> out;
    out.reserve(map_.size());
    for (const auto& [acc, t] : map_)
      out.push_back(acc.str());
    std::sort(out.begin(), out.end());
    return out;
  }
  bool built() const { return built_; }

private:
  void build(records& all) {
    if (built_)
      return;
    built_ = true;
    map_.reserve(all.size());
    for (auto& t : all)
      map_.try_emplace(t.second.entry->accessor, &t);
  }
  bool built_ = false;
  id_map<record*> map_; ///< its keys hold the accessors' characters, as the entries do
};

struct token_store_state {
  sim_context ctx;
  object_contexts made; ///< the contexts its token actors share
  system_config sys;
  mount_tune tune;
  id_source ids{1, id_stream::token_store};
  id_source cubbyhole_ids{1, id_stream::cubbyholes};
  id_map<live_token> tokens;                                      ///< live tokens by internal ID
  record_timers<id_map<live_token>::value_type> timers; ///< the live tokens' TTLs
  accessor_index accessors; ///< the live tokens by accessor
  /// The policy lists, metadata and origins of the live tokens, each kept once (a fleet's
  /// tokens share theirs).
  interner<std::vector<std::string>> policy_lists;
  interner<std::map<std::string, std::string>> metadata;
  interner<token_origin> origins;
  /// Service tokens' leases: lease ID -> token ID, and back (sys/leases/ reaches them). Not
  /// kept while events are counted (a fleet): its keys then have no salted IDs.
  std::map<std::string, std::string> token_leases;
  std::unordered_map<std::string, std::string> lease_of;
  /// What became of tokens no longer stored, but a fleet's (tombstone::counted).
  std::map<std::string, tombstone> gone;
  /// The leases of those tokens: lease ID -> token ID (kept with `gone`).
  std::map<std::string, std::string> gone_leases;
  std::map<std::string, token_role> roles; ///< auth/token/roles/<name>
  std::map<std::string, mount_tune>
    auth_tunes; ///< other auth mounts ("auth/userpass/") and their tune
  /// Every auth mount a token was issued under, in the order first seen (live_token::mount);
  /// "auth/token/" is the first. Never shrinks: a mount disabled and enabled again keeps its
  /// index, and its tune is looked up by name.
  std::vector<std::string> auth_mounts{"auth/token/"};
  std::string root_id;
  /// Replicas of the core's policies and of the identity store's entities, for the endpoints
  /// the store authenticates and checks itself (endpoint_atom).
  policy_store policies;
  entity_map entities;
  /// Counts the changes to those replicas, from 1: a record's checked_caller holds while it
  /// has the same.
  std::uint64_t replicas = 1;
  identity_service identity;  ///< the identity store (entity aliases of token roles); the core's
  request_router router;      ///< the core, for what it hands on and the store gives back
  barrier_keyring barrier{1}; ///< seals and opens batch tokens (never stored)
  static inline const char* name = "token_store";
};

/// The token store's interface (the messages above).
using token_authority = caf::typed_actor<
  // Requests the core routes here.
  caf::replies_to<resolve_atom, token_id_string, bool>::with<outcome<resolved_token>>,
  caf::replies_to<create_atom, resolved_token, bool, token_create_request,
                  std::vector<std::string>>::with<api_outcome>,
  caf::replies_to<write_atom, resolved_token, bool, logical_write_request,
                  std::vector<std::string>>::with<api_outcome>,
  caf::replies_to<read_atom, std::string>::with<api_outcome>,
  caf::replies_to<list_atom, std::string>::with<api_outcome>,
  caf::replies_to<delete_path_atom, std::string>::with<api_outcome>,
  caf::replies_to<endpoint_atom, token_id_string, token_api_request>::with<bool, api_outcome>,
  caf::replies_to<endpoint_atom, vault_request>::with<api_outcome>,
  caf::reacts_to<endpoint_atom, request_router>,
  caf::replies_to<lookup_atom, resolved_token, token_lookup_request>::with<api_outcome>,
  caf::replies_to<renew_atom, resolved_token, token_renew_request>::with<api_outcome>,
  caf::replies_to<revoke_atom, resolved_token, bool, token_revoke_request>::with<api_outcome>,
  caf::replies_to<login_atom, std::string, std::string, login_auth>::with<api_outcome>,
  caf::replies_to<login_atom, endpoint_atom, std::string, std::string,
                  login_auth>::with<api_outcome>,
  // The auth/token/ mount and the other auth mounts.
  caf::replies_to<tune_atom, mount_tune_request>::with<api_outcome>,
  caf::replies_to<tune_atom>::with<system_view>,
  caf::replies_to<tune_atom, std::string>::with<system_view>,
  caf::replies_to<tune_atom, list_atom>::with<mount_tunes>,
  caf::reacts_to<restart_atom, system_config>, caf::reacts_to<enable_auth_atom, std::string>,
  caf::replies_to<revoke_atom, std::string>::with<bool>,
  caf::reacts_to<identity_atom, identity_service>,
  caf::reacts_to<entity_atom, std::string, entity_snapshot>,
  caf::reacts_to<policy_atom, policy_store>,
  // One service token, by ID.
  caf::replies_to<entry_atom, std::string>::with<token_entry>,
  caf::replies_to<use_atom, std::string>::with<shared_entry>,
  caf::replies_to<cubby_atom, std::string, cubby_op, std::string,
                  std::map<std::string, std::string>>::with<api_outcome>,
  caf::replies_to<revoke_atom, std::string, trace_cause, bool>::with<bool>,
  caf::replies_to<orphan_atom, std::string>::with<bool>,
  caf::reacts_to<lease_atom, std::string, std::string, caf::actor>,
  caf::reacts_to<unlease_atom, std::string, std::string>,
  caf::reacts_to<expire_atom, std::uint64_t>, caf::reacts_to<gone_atom, std::string, tombstone>,
  // The expiration manager's view, expectations, the root token.
  caf::replies_to<lease_atom, list_atom, std::string>::with<token_lease_refs>,
  caf::replies_to<state_atom, std::string>::with<life_state>,
  caf::replies_to<state_atom, lease_atom, std::string>::with<life_state>,
  caf::replies_to<entry_atom>::with<std::string>,
  caf::replies_to<entry_atom, create_atom>::with<std::string>>;

token_authority::behavior_type
token_store_actor(token_authority::stateful_pointer<token_store_state> self, sim_context ctx,
                  system_config sys);

} // namespace tokenlab
