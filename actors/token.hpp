#pragma once
// One service token (Vault: a TokenEntry plus its lease in the expiration manager).
//
// The actor holds the entry, the TTL timer, the children and the leases of its token. When
// its TTL runs out, or it is revoked, it revokes its tree in Vault's order (spec §5.2):
// children first (each one's whole subtree, one child after the other), then its leases,
// then its own lease entry, parent index, accessor index and primary entry. It then tells
// the token store it is gone and stops.
//
// Messages:
//   (entry_atom) -> token_entry
//   (child_atom, id, actor) / (unchild_atom, id)          children bookkeeping
//   (lease_atom, lease_id, registry) / (unlease_atom, lease_id)  leases bookkeeping: each
//                                                          lease is revoked by asking its
//                                                          registry (revoke_atom, id, cause)
//   (renew_atom, system_view, sim_duration increment, optional<token_role>) -> outcome<renewal>
//   (use_atom) -> shared_entry                             one use of a use-limited token
//   (cubby_atom, cubby_op, path, fields) -> api_outcome    its cubbyhole
//   (revoke_atom, trace_cause, bool orphan_children) -> bool   (replies when done)
//   (orphan_atom)                                          its parent was revoked -mode=orphan
//   (expire_atom, uint64 timer)                            its own TTL timer
// Every change of its entry (a use, orphaning, the start of its revocation) goes to the
// token store as (entry_atom, shared_entry) at the change; a renewal's goes in its reply. The
// store authenticates from that snapshot (actors/token_store.hpp).
// Invariant: once revoking, num_uses is -1 (Vault's tokenRevocationPending), so lookups
// treat it as gone.

#include "actors/alarm.hpp"
#include "actors/context.hpp"
#include "actors/ordered_refs.hpp"
#include "model/token_entry.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tokenlab {

struct token_state {
  shared_entry entry; ///< replaced, never changed in place (change_entry in token.cpp)
  std::shared_ptr<const sim_context> context; ///< shared by the store's tokens (never null)
  caf::actor store;
  ordered_refs children;   ///< in creation order
  ordered_refs leases;     ///< in creation order, each with its registry (the core)
  std::uint64_t timer = 0; ///< generation of the armed TTL timer
  expiry_timer expiry;     ///< the armed TTL timer: cancelled when re-armed or the actor ends
  bool revoking = false;
  trace_cause cause = trace_cause::none;
  std::vector<caf::response_promise> waiters;
  /// The token's cubbyhole: path -> fields. Destroyed first when the token is revoked.
  std::map<std::string, std::map<std::string, std::string>> cubbyhole;
  static inline const char* name = "token";
  const sim_context& ctx() const { return *context; }
};

caf::behavior token_actor(caf::stateful_actor<token_state>* self, shared_entry entry,
                          std::shared_ptr<const sim_context> ctx, caf::actor store);

} // namespace tokenlab
