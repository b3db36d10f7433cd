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
