#pragma once
// What every simulated component shares: the epoch of virtual time and the handles of the
// trace sink and the storage backend. Passed by value at spawn; no globals, so many
// simulations can run side by side.

#include "clock/caf_driver.hpp"
#include "model/trace.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <cstdint>
#include <string>

namespace tokenlab {

struct sim_context {
  sim_epoch epoch;
  std::int64_t epoch_unix = 0; ///< calendar instant of t=0, for Vault's timestamps
  std::uint64_t seed = 1;
  caf::actor tracer;
  caf::actor storage;
  std::string salt_key; ///< the storage salt (Vault's sys/token/salt), from the seed
};

/// Returns the virtual time an actor sees now.
sim_time sim_now(caf::event_based_actor* self, const sim_context& ctx);

/// Sends a trace event stamped with the actor's virtual now.
void emit(caf::event_based_actor* self, const sim_context& ctx, trace_event ev);

/// Writes (put) or deletes a storage key; the storage actor traces it.
void storage_put(caf::event_based_actor* self, const sim_context& ctx, std::string key);
void storage_delete(caf::event_based_actor* self, const sim_context& ctx, std::string key);

/// Vault's salted form of an ID in storage keys: "h" + hex(HMAC-SHA256(salt, id)).
std::string salted(const sim_context& ctx, const std::string& id);

} // namespace tokenlab
