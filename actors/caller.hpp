#pragma once
// What request_handling.go checks of an authenticated caller before routing its request,
// shared by the core (every request) and the token store (its own endpoints, which it
// checks itself: docs/decisions.md, "The token store checks its own endpoints"):
// * CheckToken's entity part: a token with an entity takes the entity as the identity store
//   last published it; a token whose entity is gone or disabled is refused;
// * the request's ACL: the token's policies and its entity's (fetchEntityAndDerivedPolicies),
//   compiled by the policy store, templated paths filled from the entity.

#include "actors/identity_store.hpp"
#include "actors/messages.hpp"
#include "model/acl.hpp"
#include "model/id_map.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// The entities as the identity store last published them, by ID, and how many of them
/// grant policies: while none does, a token's answer shows no identity policies whatever its
/// entity, and show_answer need not look its entity up (its ID's characters are a cache miss
/// on a token not used for a while).
class entity_map {
public:
  /// Keeps a published entity (null: it was deleted).
  void keep(const std::string& id, entity_snapshot now);
  /// The published entity `id`, or null when there is none (deleted, or never made).
  const entity_snapshot* find(std::string_view id) const;
  /// True when a published entity has policies.
  bool any_grants() const { return granting_ > 0; }

private:
  id_map<entity_snapshot> by_id_;
  std::size_t granting_ = 0; ///< the published entities that have policies
};

/// The caller with its entity, or 403 permission denied when its entity is gone or disabled
/// (CheckToken logs "permission denied as the entity on the token is invalid" or "… is
/// disabled"; the client sees 403).
outcome<resolved_token> with_entity(const entity_map& entities, resolved_token who);

/// What the client sees of an answer besides what its handler gave: a token response's
/// identity policies (request_handling.go after a token store or login response:
/// auth.identity_policies, and auth.policies the token's and its entity's) and, on a success,
/// the request's ID. Done by whoever answers the client: the core, or the token store
/// answering a request that has its ID (docs/decisions.md).
void show_answer(const entity_map& entities, api_outcome& r, std::string request_id);

/// The token's policies and its entity's, as Vault builds the request's ACL.
std::vector<std::string> acl_policies(const resolved_token& who);

/// True when the caller's ACL grants `c` on `path`.
bool allows(const policy_store& policies, const resolved_token& who, std::string_view path,
            capability c);

} // namespace tokenlab
