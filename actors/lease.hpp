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

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tokenlab {

struct lease_entry {
  std::string id;
  std::string owner;  ///< the token the lease belongs to
  std::string handle; ///< the engine's name for the secret (IAM user name)
  sim_time issue_time{};
  sim_time expire_time{};
  sim_duration ttl{0};
  bool renewable = true;
  sim_duration backend_ttl{0};     ///< what the engine asked for (renewals reuse it)
  sim_duration backend_max_ttl{0}; ///< the engine's max, if any
  std::optional<sim_time> last_renewal;
  /// A batch token's expiry: a lease read with a batch token never outlives it, at issue
  /// and at every renewal (spec §6.1).
  std::optional<sim_time> cap;
  /// The engine's renew handler panics (a kv `leased_passthrough` lease): a renewal that
  /// passes the expiration manager's checks gets no response.
  bool renew_panics = false;
};

struct lease_state {
  lease_entry entry;
  sim_context ctx;
  caf::actor engine;
  caf::actor core;
  std::uint64_t timer = 0;
  expiry_timer expiry; ///< the armed TTL timer: cancelled when re-armed or the actor ends
  bool revoking = false;
  std::vector<caf::response_promise> waiters;
  static inline const char* name = "lease";
};

caf::behavior lease_actor(caf::stateful_actor<lease_state>* self, lease_entry entry,
                          sim_context ctx, caf::actor engine, caf::actor core);

} // namespace tokenlab
