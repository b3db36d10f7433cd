#pragma once
// Internal to the token store: its batch tokens (spec §1.5, §2.7, §5.4). A batch token is
// neither an actor nor stored: issuing one seals its entry with the barrier key; every use
// opens it again and checks its expiry and, for a non-orphan, that its parent still lives.

#include "actors/token_store.hpp"
#include "model/token_rules.hpp"

#include <functional>

namespace tokenlab::store_detail {

using self_ptr = token_authority::stateful_pointer<token_store_state>;

/// Seals a decided batch entry: no storage write, no actor, no accessor.
api_outcome issue_batch(self_ptr self, create_plan plan);

/// Opens a presented batch token and checks it at the actor's now: it decrypts, it has not
/// expired, and its parent (if any) is a live, valid token. `done` gets the caller with no
/// handle and its parent as lease holder, or 403 permission denied.
void resolve_batch(self_ptr self, std::string_view token,
                   std::function<void(outcome<resolved_token>)> done);

/// What `expect token $b …` sees: unknown (does not decrypt), expired, revoked (its parent
/// is gone) or valid.
life_state batch_state(const token_store_state& st, const std::string& token, sim_time now);

} // namespace tokenlab::store_detail
