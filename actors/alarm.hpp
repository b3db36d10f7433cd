#pragma once
// Expiry timers that cost nothing once cancelled.
//
// Every token and lease actor has one TTL timer, re-armed at each renewal and ended with the
// actor. A CAF delayed message cannot be cancelled in CAF 0.17, so the simulation's alarm
// actor keeps the armed timers in a table of its own and is woken through one CAF message
// per due instant:
// * a timer armed for an instant that already has a wake-up joins it; the timers of one
//   instant fire in the order they were armed, where the instant's first one would have;
// * a cancelled timer leaves the table at once (no message when it would have fired); the
//   instant's wake-up is withdrawn from CAF's clock with its last timer, if not yet due;
// * the table holds only weak references, so an actor that ends is freed at once;
// * a handler sees its due instant as now (the driver steps the clock to each due instant).
//
// Messages of the alarm actor:
//   (expire_atom, uint64 wake_up)   the wake-up of one instant: (expire_atom, number) to each
//                                   timer of that instant whose actor still lives

#include "clock/caf_driver.hpp"
#include "clock/sim_time.hpp"

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>
#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace tokenlab {

struct sim_context;

/// The armed expiry timers of one simulation, shared by its actors (one thread: no lock).
class alarm_table {
public:
  /// Names one armed timer; a handle whose timer fired or was cancelled names none.
  struct handle {
    std::uint64_t wake_up = 0; ///< 0: none
    std::uint64_t seq = 0;
  };

  explicit alarm_table(caf::actor_system& sys);

  /// Arms a timer: `(expire_atom, number)` reaches `who` at `due` through `alarm`.
  handle arm(const caf::actor& alarm, caf::actor_clock::time_point due, caf::actor_addr who,
             std::uint64_t number);

  /// Cancels a timer; nothing if it fired or was cancelled already.
  void cancel(handle h);

  /// The alarm's part of a wake-up: sends each of its live timers, in arming order.
  void fire(caf::event_based_actor* alarm, std::uint64_t id);

  /// The alarm has ended: timers are neither kept nor armed any more.
  void close();

  /// Timers armed and neither fired nor cancelled.
  std::size_t armed() const { return armed_; }
  /// Wake-ups in CAF's clock or its mailboxes (one per due instant with a timer, at most).
  std::size_t wake_ups() const { return wake_ups_.size(); }

private:
  struct timer {
    std::uint64_t seq;
    caf::actor_addr who;
    std::uint64_t number;
  };
  struct wake_up {
    caf::actor_clock::time_point due;
    clock_entry entry; ///< valid while `due` is after the clock's now
    std::vector<timer> timers; ///< in arming order
  };

  caf::actor_clock& any_clock_;
  caf::detail::test_actor_clock* clock_; ///< null off the testing scheduler: nothing joined
  std::unordered_map<std::uint64_t, wake_up> wake_ups_;
  /// The wake-up each future due instant shares (by its count of clock ticks).
  std::unordered_map<caf::actor_clock::duration_type::rep, std::uint64_t> joinable_;
  std::uint64_t next_wake_up_ = 1;
  std::uint64_t next_seq_ = 1;
  std::size_t armed_ = 0;
  bool closed_ = false;
};

/// One actor's expiry timer: re-arming cancels the timer armed before, and so does the end of
/// the actor (the timer is a member of its state).
class expiry_timer {
public:
  expiry_timer() = default;
  expiry_timer(const expiry_timer&) = delete;
  expiry_timer& operator=(const expiry_timer&) = delete;
  ~expiry_timer() { cancel(); }

  /// Arms the timer: `(expire_atom, number)` reaches `self` after `delay` (at once if not
  /// positive; never past the end of the lab's time). Without an alarm in `ctx` the timer is
  /// a delayed_send, which is not cancelled: the actor ignores a number not its current one.
  void arm(caf::event_based_actor* self, const sim_context& ctx, sim_duration delay,
           std::uint64_t number);

  void cancel();

private:
  std::shared_ptr<alarm_table> table_;
  alarm_table::handle handle_;
};

/// Spawns the alarm actor of a simulation and puts it and its table in `ctx`.
caf::actor start_alarm(caf::actor_system& sys, sim_context& ctx);

} // namespace tokenlab
