#pragma once
// One service token while it is revoked (Vault: revokeTree and revokeInternal of a
// TokenEntry and its lease).
//
// A live token is a record of the token store (actors/token_store.hpp), which authenticates
// it, spends its uses, renews it, keeps its cubbyhole, children and leases, and arms its TTL
// timer (docs/decisions.md, "One CAF actor per live token"). When its TTL runs out, or it is
// revoked, the store makes it this actor, which revokes its tree in Vault's order (spec §5.2):
// children first (each one's whole subtree, one child after the other, each through the
// store), then its leases (each through its registry, the core), then its own lease entry,
// parent index and accessor index; in orphan mode its children then lose their parent (the
// store clears it) and their index entries; last its primary entry. It then tells the token
// store it is gone and stops. A fleet's token with no child, whose events are counted, is
// revoked by the store itself in the same steps (store_detail::revoke_here).
//
// Messages:
//   (revoke_atom, trace_cause, bool orphan_children) -> bool   (replies when done)
//   (expire_atom)                  its TTL ran out: the store traced the expiry; revoke it
// The store marks the entry pending revocation (num_uses -1, Vault's tokenRevocationPending)
// when it makes the actor, so its lookups treat the token as gone from then on; the actor
// persists the mark first thing.

#include "actors/context.hpp"
#include "actors/keys.hpp"
#include "actors/messages.hpp"
#include "actors/ordered_refs.hpp"
#include "model/token_entry.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tokenlab {

/// A token's cubbyhole: path -> fields.
using cubbyhole_map = std::map<std::string, std::map<std::string, std::string>>;

/// What a live token holds besides its entry, made at its first need (most tokens hold one
/// lease and nothing else): its children and leases, each with the actor that revokes it
/// (the token store for a child, the core for a lease), in creation order, and its cubbyhole.
struct token_ties {
  ordered_refs children;
  ordered_refs leases;
  cubbyhole_map cubbyhole;
  /// The registry that holds the token's counted leases by token (lease_registry::held), for
  /// a token made while a fleet counted; none otherwise. Given to its actor by the store.
  caf::actor held_by;
};

// Steps of revokeInternal that a token's actor and the store (revoking a fleet's token
// itself, actors/token_store_mounts.hpp revoke_here) take alike, in this order.

/// Step 2: the cubbyhole's keys go, before anything else, and its end is traced.
template <class Self>
void destroy_cubbyhole(Self* self, const sim_context& ctx, const token_entry& e, token_ties& ties) {
  if (ties.cubbyhole.empty())
    return;
  for (const auto& [path, fields] : ties.cubbyhole)
    storage_delete(self, ctx, keys::cubbyhole(e.cubbyhole_id, path));
  ties.cubbyhole.clear();
  trace_event ev;
  ev.kind = trace_kind::cubbyhole_destroyed;
  ev.subject = e.id;
  emit(self, ctx, std::move(ev));
}

/// Steps 3 to 5, once its children's trees and its leases are gone: its own lease entry, its
/// parent index entry and its accessor entry.
template <class Self>
void delete_token_indexes(Self* self, const sim_context& ctx, const token_entry& e) {
  if (e.has_lease)
    storage_delete(self, ctx, keys::token_lease(ctx, e.id, e));
  if (!e.parent.empty())
    storage_delete(self, ctx, keys::parent(ctx, e.parent, e.id));
  storage_delete(self, ctx, keys::accessor(ctx, e.accessor));
}

/// A revoking token's interface (the messages above).
using token_revoker = caf::typed_actor<caf::replies_to<revoke_atom, trace_cause, bool>::with<bool>,
                                       caf::reacts_to<expire_atom>>;

struct token_state {
  shared_entry entry;                         ///< as the store marked it: pending revocation
  std::shared_ptr<const sim_context> context; ///< shared by the store's tokens (never null)
  record_keeper store;                        ///< the token store, told when the token is gone
  token_ties ties;
  bool revoking = false;
  trace_cause cause = trace_cause::none;
  std::vector<caf::typed_response_promise<bool>> waiters;
  static inline const char* name = "token";
  const sim_context& ctx() const { return *context; }
};

token_revoker::behavior_type token_actor(token_revoker::stateful_pointer<token_state> self,
                                         shared_entry entry, std::shared_ptr<const sim_context> ctx,
                                         record_keeper store, token_ties ties);

} // namespace tokenlab
