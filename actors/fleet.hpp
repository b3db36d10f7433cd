#pragma once
// A fleet of simulated clients (model/fleet.hpp): each container slot logs in, reads a secret,
// checks its token every tick (renewing it, or logging in again once it has expired) and at
// its exit revokes its token; a new container starts in the slot at once. The clients talk
// to the core through the same API requests a `vault` step makes (a batch token, which Vault
// will not revoke, is simply dropped at exit); what Vault does in answer
// (expiries, revocation cascades, storage writes) is counted in the context's trace_counter.
//
// Each slot has one pending event at a time (its next tick or its exit); nothing happens at
// or after the fleet's horizon. The fleet keeps its slots' events in a queue of its own
// (clock/pending_events.hpp), by instant then arming order, and only the earliest instant has a
// wake-up in CAF's clock (as the alarm does for expiry timers): CAF's clock holds one message
// for the fleet, not one per slot. The fleet runs on the driver's testing scheduler
// (clock/caf_driver.hpp).
//
// Messages (typed: `fleet`):
//   (fleet_atom) -> fleet_counts          what the clients did so far
//   (fleet_atom, int64 due)               the wake-up of instant `due` (clock ticks): the
//                                         events of every slot due then, in arming order

#include "actors/context.hpp"
#include "actors/core.hpp"
#include "actors/messages.hpp"
#include "clock/caf_driver.hpp"
#include "clock/pending_events.hpp"
#include "model/fleet.hpp"
#include "model/id_map.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// The token a slot holds: its characters in the slot itself up to inline_size of them (a
/// service token's ID has 28), on the heap beyond (a batch token's), as an id_map's key keeps
/// them, so that a slot's event reads one record, not a record and the characters it points
/// to (at 100,000s of slots, each a cache miss: docs/performance.md). Whether it is a batch
/// token is known once.
class slot_token {
public:
  static constexpr std::size_t inline_size = 28;

  void assign(std::string_view s);
  void clear() {
    key_.reset();
    batch_ = false;
  }

  bool empty() const { return view().empty(); }
  bool batch() const { return batch_; }
  std::string_view view() const { return key_ ? key_->view() : std::string_view{}; }
  std::string str() const { return std::string{view()}; }

private:
  std::optional<basic_id_key<inline_size>> key_; ///< made in place, never moved
  bool batch_ = false;
};

/// One container slot, on one cache line: a slot's event reads its instants and its token
/// (at 100,000s of slots, each line a cache miss: docs/performance.md).
struct alignas(64) fleet_slot {
  /// `start` before the slot's first container has started: no container starts then.
  static constexpr sim_time not_started = sim_time::min();

  sim_time start = not_started; ///< the current container's start
  sim_time exit{};              ///< and its exit
  sim_time expire{};            ///< its token's expiry, as the login or last renewal said
  slot_token token;             ///< the token it holds (empty while it has none)

  bool started() const { return start != not_started; }
};
static_assert(sizeof(fleet_slot) == 64, "a slot fills one cache line");

/// The fleet's interface.
using fleet = caf::typed_actor<caf::replies_to<fleet_atom>::with<fleet_counts>,
                               caf::reacts_to<fleet_atom, wake_up_call::rep>>;

struct fleet_state {
  fleet_params params;
  sim_context ctx;
  vault_core core;
  sim_time horizon{}; ///< the fleet's start + params.until
  std::vector<fleet_slot> slots;
  std::vector<slot_stream> streams;
  fleet_counts counts;
  /// The slots' pending events (a pending_event's place is its slot).
  pending_queue due;
  std::uint64_t armed = 0; ///< events armed so far (the next one's arming number)
  caf::detail::test_actor_clock* clock = nullptr;
  wake_up_call wake_up; ///< the earliest instant's, in CAF's clock
  static inline const char* name = "fleet";
};

fleet::behavior_type fleet_actor(fleet::stateful_pointer<fleet_state> self, fleet_params params,
                                 sim_context ctx, vault_core core);

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::fleet_counts)
