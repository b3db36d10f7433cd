#pragma once
// Internal to the token store: disabling an auth method (vault/auth.go
// disableCredentialInternal). Vault revokes the prefix `auth/<path>` of its leases: every token
// a login at that mount issued (their lease IDs are `auth/<path>login/…`), each with its
// children and leases, as a tree revocation. The mount's tune is forgotten with it.

#include "actors/token_store.hpp"

#include <caf/response_promise.hpp>

namespace tokenlab::store_detail {

/// The actor that revokes the live token `t` (token_store.cpp): made now unless it is being
/// revoked already; it takes the token's children, leases and cubbyhole with it.
token_revoker revoking_token(token_authority::stateful_pointer<token_store_state> self,
                             std::pair<const std::string, live_token>& t);

/// Revokes every live token whose path lies under `mount` ("auth/userpass/"), one after the
/// other in creation order; `rp` gets true when all are gone.
void revoke_mount(token_authority::stateful_pointer<token_store_state> self,
                  const std::string& mount, caf::typed_response_promise<bool> rp);

} // namespace tokenlab::store_detail
