#pragma once
// One lease on a dynamic secret (Vault: a leaseEntry in the expiration manager), e.g.
// `aws/creds/deploy/<24 base62>`. It holds its issue and expire times and its TTL timer.
// When it expires, or is revoked (by `vault lease revoke`, or because the token holding it
// is revoked), it asks its secrets engine to revoke the secret (the AWS engine deletes the
// IAM user), deletes its storage entries, tells the core it is gone, and stops.
//
// Messages:
//   (revoke_atom, trace_cause) -> bool   (replies when done)
//   (lookup_atom) -> data_map            sys/leases/lookup
//   (renew_atom, system_view, sim_duration increment) -> api_outcome   sys/leases/renew
//   (expire_atom, uint64 timer)          its own TTL timer

#include "actors/alarm.hpp"
#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "model/lease_rules.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tokenlab {

struct lease_state {
  lease_entry entry;
  sim_context ctx;
  secrets_engine engine;
  caf::actor core;
  std::uint64_t timer = 0;
  expiry_timer expiry; ///< the armed TTL timer: cancelled when re-armed or the actor ends
  bool revoking = false;
  std::vector<caf::response_promise> waiters;
  static inline const char* name = "lease";
};

caf::behavior lease_actor(caf::stateful_actor<lease_state>* self, lease_entry entry,
                          sim_context ctx, secrets_engine engine, caf::actor core);

} // namespace tokenlab
