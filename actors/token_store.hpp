#pragma once
// The token store: Vault's `auth/token/` mount (vault/token_store.go). It creates tokens
// (one token actor each), finds them by ID or accessor, forwards renewals and revocations
// to them, keeps the mount's tune, and remembers what became of tokens that are gone.
//
// Rules live in model/token_rules.hpp; this actor gathers inputs and applies decisions.
//
// Messages (all replies are values; errors are vault_error values):
//   (resolve_atom, value, bool by_accessor) -> outcome<resolved_token>
//                                          authenticate a presented token (or find one by
//                                          accessor), from the store's own snapshot of its entry
//   (create_atom, resolved_token caller, bool sudo, token_create_request, known policies) ->
//   api_outcome (write_atom, resolved_token caller, bool sudo, logical_write_request, known
//   policies) -> api_outcome
//                                          roles and the create endpoints under auth/token/
//   (read_atom, path) / (list_atom, path) / (delete_path_atom, path) -> api_outcome
//                                          roles, and the accessor list
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
//   (entry_atom, shared_entry)             from a token actor whose entry changed
//   (gone_atom, id, tombstone)             from a token actor that finished revoking
//   (unlease_atom, token_id, lease_id)     a lease of that token is gone
//   (lease_atom, list_atom, prefix) -> token_lease_refs   the token leases whose ID starts
//                                          with prefix (sys/leases/lookup, revoke, revoke-prefix)
//   (state_atom, token_id) -> life_state
//   (state_atom, lease_atom, lease_id) -> life_state   a token's lease: its token's state
//   (entry_atom) -> std::string            the root token's ID
//   (identity_atom, actor)                 the identity store, from the core

#include "actors/context.hpp"
#include "actors/messages.hpp"
#include "model/batch_rules.hpp"
#include "model/ids.hpp"
#include "model/ttl.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include <map>
#include <string>
#include <unordered_map>

namespace tokenlab {

/// A live service token as the store indexes it: its actor and its entry as the actor last
/// sent it (at issue, then with every change: see actors/token.hpp).
struct live_token {
  caf::actor actor;
  shared_entry entry;
};

struct token_store_state {
  sim_context ctx;
  object_contexts made; ///< the contexts its token actors share
  system_config sys;
  mount_tune tune;
  id_source ids{1, id_stream::token_store};
  id_source cubbyhole_ids{1, id_stream::cubbyholes};
  std::unordered_map<std::string, live_token> tokens;       ///< live tokens by internal ID
  std::map<std::string, std::string> accessors;             ///< accessor -> token ID
  std::unordered_map<std::string, std::string> accessor_of; ///< token ID -> accessor
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
  std::string root_id;
  caf::actor identity; ///< the identity store (entity aliases of token roles); set by the core
  barrier_keyring barrier{1}; ///< seals and opens batch tokens (never stored)
  static inline const char* name = "token_store";
};

caf::behavior token_store_actor(caf::stateful_actor<token_store_state>* self, sim_context ctx,
                                system_config sys);

} // namespace tokenlab
