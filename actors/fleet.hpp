#pragma once
// A fleet of simulated clients (model/fleet.hpp): each container slot logs in, reads a secret,
// checks its token every tick (renewing it, or logging in again once it has expired) and at
// its exit revokes its token; a new container starts in the slot at once. The clients talk
// to the core through the same API requests a `vault` step makes (a batch token, which Vault
// will not revoke, is simply dropped at exit); what Vault does in answer
// (expiries, revocation cascades, storage writes) is counted in the context's trace_counter.
//
// Each slot has one pending timer at a time (its next tick or its exit); nothing happens at
// or after the fleet's horizon.
//
// Messages:
//   (fleet_atom) -> fleet_counts          what the clients did so far
//   (fleet_atom, slot, generation)        a slot's timer (internal)

#include "actors/context.hpp"
#include "actors/core.hpp"
#include "actors/messages.hpp"
#include "model/fleet.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include <vector>

namespace tokenlab {

/// One container slot.
struct fleet_slot {
  sim_time start{};             ///< the current container's start
  sim_time exit{};              ///< and its exit
  std::string token;            ///< the token it holds ("" while it has none)
  sim_time expire{};            ///< that token's expiry, as the login or last renewal said
  std::uint32_t generation = 0; ///< its current timer
  bool started = false;         ///< its first container has started
};

struct fleet_state {
  fleet_params params;
  sim_context ctx;
  vault_core core;
  sim_time horizon{}; ///< the fleet's start + params.until
  std::vector<fleet_slot> slots;
  std::vector<slot_stream> streams;
  fleet_counts counts;
  static inline const char* name = "fleet";
};

caf::behavior fleet_actor(caf::stateful_actor<fleet_state>* self, fleet_params params,
                          sim_context ctx, vault_core core);

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::fleet_counts)
