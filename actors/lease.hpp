#pragma once
// One lease on a dynamic secret while it is revoked (Vault: revokeCommon of a leaseEntry in
// the expiration manager), e.g. `aws/creds/deploy/<24 base62>`.
//
// A live lease is a record of the core's lease registry (lease_registry::live), which issues,
// renews and looks it up, and arms its TTL timer (docs/decisions.md, "One CAF actor per live
// token"). When it expires, or is revoked (by `vault lease revoke`, or because the token
// holding it is revoked), the registry makes it this actor: it asks its secrets engine to
// revoke the secret (the AWS engine deletes the IAM user), deletes its storage entries,
// tells the core it is gone, and stops. A fleet's lease, whose events are counted, is
// revoked by the registry itself in the same steps (core_detail::revoke_counted).
//
// Messages:
//   (revoke_atom, trace_cause) -> bool   revoke it (replies when done)
//   (expire_atom)                        its TTL ran out: the registry traced the expiry,
//                                        the actor revokes it

#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "actors/messages.hpp"
#include "model/lease_rules.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <memory>
#include <vector>

namespace tokenlab {

/// A revoking lease's interface (the messages above).
using lease_revoker = caf::typed_actor<caf::replies_to<revoke_atom, trace_cause>::with<bool>,
                                       caf::reacts_to<expire_atom>>;

struct lease_state {
  id_string id; ///< the lease's ID
  lease_entry entry;
  std::shared_ptr<const sim_context> context; ///< shared by the core's leases (never null)
  secrets_engine engine;
  record_keeper core; ///< the core's lease registry, told when the lease is gone
  bool revoking = false;
  std::vector<caf::typed_response_promise<bool>> waiters;
  static inline const char* name = "lease";
  const sim_context& ctx() const { return *context; }
};

lease_revoker::behavior_type lease_actor(lease_revoker::stateful_pointer<lease_state> self,
                                         id_string id, lease_entry entry,
                                         std::shared_ptr<const sim_context> ctx,
                                         secrets_engine engine, record_keeper core);

} // namespace tokenlab
