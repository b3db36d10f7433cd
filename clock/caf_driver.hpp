#pragma once
// The deterministic driver: an actor system on CAF 0.17's `testing` scheduler, whose clock
// moves only when the driver moves it. Every `delayed_send` of an actor becomes a virtual
// timer; advance_to() fires them in due order (ties in insertion order) and runs every job
// they cause before moving on, so a run is a pure function of its inputs.
//
// Single-threaded by construction: touch the system from the thread that owns the driver.

#include "clock/sim_time.hpp"

#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/detail/test_actor_clock.hpp>

#include <caf/scoped_actor.hpp>

#include <cstddef>
#include <optional>
#include <utility>

namespace caf::scheduler {
class test_coordinator;
} // namespace caf::scheduler

namespace tokenlab {

/// The instant of CAF's clock that is the simulation's t=0.
struct sim_epoch {
  caf::actor_clock::time_point origin;

  /// Converts a CAF clock instant to simulated time (truncated to milliseconds).
  sim_time to_sim(caf::actor_clock::time_point tp) const {
    return sim_time{std::chrono::duration_cast<sim_duration>(tp - origin)};
  }
};

/// A message in the testing scheduler's clock, which can be withdrawn until it is shipped.
/// CAF 0.17 cancels timeouts but not scheduled messages; these two reach into its schedule
/// (a multimap of due instant to message, ties in insertion order) for what it lacks.
using clock_entry = caf::detail::simple_actor_clock::schedule_map::iterator;

/// Schedules `content` for `receiver` at `due`, after every message already due then, and
/// returns its place in the schedule.
clock_entry schedule_withdrawable(caf::detail::test_actor_clock& clock,
                                  caf::actor_clock::time_point due, caf::strong_actor_ptr receiver,
                                  caf::mailbox_element_ptr content);

/// Removes a scheduled message that has not been shipped: only while its due instant is
/// after the clock's now (the clock ships every message due at or before its now).
void withdraw(caf::detail::test_actor_clock& clock, clock_entry entry);

/// The one wake-up message an actor keeps in the testing scheduler's clock for the earliest
/// instant of a schedule of its own (the alarm's timers, a fleet's slots): CAF's clock then
/// holds one message per such actor, not one per timer. Moved to an earlier instant when one
/// comes; withdrawn when its instant has nothing left before it is due.
class wake_up_call {
public:
  using rep = caf::actor_clock::duration_type::rep;

  /// Schedules `make()` (a mailbox element) for `target` at `at` unless a wake-up is
  /// scheduled at or before `at`; one scheduled later is withdrawn. `at` is not before now.
  template <class Make>
  void schedule(caf::detail::test_actor_clock& clock, rep at, caf::strong_actor_ptr target,
                Make make) {
    if (scheduled_ && scheduled_->first <= at)
      return;
    withdraw(clock);
    auto due = caf::actor_clock::time_point{caf::actor_clock::duration_type{at}};
    scheduled_.emplace(at, schedule_withdrawable(clock, due, std::move(target), make()));
  }

  /// Withdraws the wake-up, if one is scheduled and not yet shipped (its instant is after now).
  void withdraw(caf::detail::test_actor_clock& clock) {
    if (scheduled_ && scheduled_->first > clock.now().time_since_epoch().count())
      tokenlab::withdraw(clock, scheduled_->second);
    scheduled_.reset();
  }

  /// The wake-up of `at` has arrived: none is scheduled now, if that was the one.
  void arrived(rep at) {
    if (scheduled_ && scheduled_->first == at)
      scheduled_.reset();
  }

  /// The instant a wake-up is scheduled for, if one is.
  std::optional<rep> due() const {
    return scheduled_ ? std::optional<rep>{scheduled_->first} : std::nullopt;
  }

  /// Forgets the wake-up without withdrawing it (its actor has ended).
  void forget() { scheduled_.reset(); }

private:
  std::optional<std::pair<rep, clock_entry>> scheduled_;
};

/// Owns an actor system on the testing scheduler and drives its virtual clock.
class sim_driver {
public:
  sim_driver();
  ~sim_driver();
  sim_driver(const sim_driver&) = delete;
  sim_driver& operator=(const sim_driver&) = delete;

  caf::actor_system& system() { return sys_; }
  sim_epoch epoch() const { return epoch_; }

  /// Returns the current virtual time.
  sim_time now() const;

  /// Runs queued jobs until none is left; fires no timer. Returns the jobs run.
  std::size_t drain();

  /// Fires every timer due at or before `t`, in due order, draining the job queue after
  /// each due time; then sets the clock to `t`. Returns the timers fired.
  std::size_t advance_to(sim_time t);

  /// Sends a request from outside the actors and runs the jobs until it is answered (the
  /// simulation answers every request in the virtual instant it is made). The answer, or
  /// nullopt when the request failed.
  template <class T, class Handle, class... Ts>
  std::optional<T> ask(const Handle& dest, Ts&&... xs) {
    caf::scoped_actor self{sys_};
    auto h = self->request(dest, caf::infinite, std::forward<Ts>(xs)...);
    drain();
    std::optional<T> out;
    h.receive([&](T& x) { out = std::move(x); }, [&](caf::error&) {});
    return out;
  }

private:
  static caf::actor_system_config& configure(caf::actor_system_config& cfg);

  caf::actor_system_config cfg_;
  caf::actor_system sys_;
  caf::scheduler::test_coordinator& sched_;
  sim_epoch epoch_;
};

} // namespace tokenlab
