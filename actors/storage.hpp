#pragma once
// The storage backend under Vault's barrier: a key/value store that remembers which keys
// exist and traces every write and delete, so reports can count storage cost per path
// (sys/token/id/, sys/token/accessor/, sys/token/parent/, sys/expire/id/, ...).
//
// While events are counted (a fleet runs) operations do not reach it: storage_put and
// storage_delete count them where they happen (actors/context.hpp).
// Its interface is `storage_backend` (actors/protocols.hpp).

#include "actors/context.hpp"
#include "model/trace_tally.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <string>
#include <unordered_set>

namespace tokenlab {

struct storage_state {
  std::unordered_set<std::string> keys;
  sim_context ctx;
  static inline const char* name = "storage";
};

storage_backend::behavior_type storage_actor(storage_backend::stateful_pointer<storage_state> self,
                                             sim_context ctx);

/// The trace sink: collects trace events in arrival order, numbering them 1, 2, 3, ...
/// (While a fleet runs, components count events in the context's trace_counter instead.)
/// Its interface is `trace_sink` (actors/protocols.hpp).
struct tracer_state {
  std::vector<trace_event> pending;
  std::uint64_t seq = 0;
  static inline const char* name = "tracer";
};

trace_sink::behavior_type tracer_actor(trace_sink::stateful_pointer<tracer_state> self);

} // namespace tokenlab
