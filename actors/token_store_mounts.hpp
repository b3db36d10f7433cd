#pragma once
// Internal to the token store: disabling an auth method (vault/auth.go
// disableCredentialInternal). Vault revokes the prefix `auth/<path>` of its leases: every token
// a login at that mount issued (their lease IDs are `auth/<path>login/…`), each with its
// children and leases, as a tree revocation. The mount's tune is forgotten with it.

#include "actors/token_store.hpp"

#include <caf/response_promise.hpp>

#include <functional>
#include <string>

namespace tokenlab::store_detail {

/// The actor that revokes the live token `t` (token_store.cpp): made now unless it is being
/// revoked already; it takes the token's children, leases and cubbyhole with it.
token_revoker revoking_token(token_authority::stateful_pointer<token_store_state> self,
                             id_map<live_token>::value_type& t);

/// Whether the store revokes the token itself, as its actor would: a counted token (a
/// fleet's; its events are counted, so the order of its revocation's hops shows nowhere)
/// with no child to revoke, unless its actor revokes it already; or one it revokes already.
bool revoked_here(const live_token& r);

/// Revokes such a token in the store (actors/token.cpp's steps, in their order): marks it
/// pending revocation, persists the mark, destroys its cubbyhole, revokes its leases one
/// after the other through their registry, deletes its entries, counts its revocation
/// (`cause`), forgets it; then calls `waiter` (if any; more may join while it is revoked).
void revoke_here(token_authority::stateful_pointer<token_store_state> self,
                 id_map<live_token>::value_type& t, trace_cause cause,
                 std::function<void()> waiter);

/// A token is gone (from its actor, or revoked here): its record, its lease's index and its
/// parent's tie to it go; a tombstone stays unless it was a fleet's.
void forget_token(token_store_state& st, const std::string& id, const tombstone& t);

/// Revokes every live token whose path lies under `mount` ("auth/userpass/"), one after the
/// other in creation order; `rp` gets true when all are gone.
void revoke_mount(token_authority::stateful_pointer<token_store_state> self,
                  const std::string& mount, caf::typed_response_promise<bool> rp);

} // namespace tokenlab::store_detail
