#include "clock/caf_driver.hpp"

#include <caf/atom.hpp>
#include <caf/logger.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <iterator>
#include <utility>

namespace tokenlab {

namespace {

// The schedule is a protected member of CAF's clock; a pointer to it, formed in a derived
// class, reaches it in the clock the scheduler owns.
struct schedule_access : caf::detail::test_actor_clock {
  static schedule_map& of(caf::detail::test_actor_clock& clock) {
    return clock.*(&schedule_access::schedule_);
  }
};

} // namespace

clock_entry schedule_withdrawable(caf::detail::test_actor_clock& clock,
                                  caf::actor_clock::time_point due, caf::strong_actor_ptr receiver,
                                  caf::mailbox_element_ptr content) {
  clock.schedule_message(due, std::move(receiver), std::move(content));
  // A multimap inserts at the end of its equal range.
  return std::prev(schedule_access::of(clock).upper_bound(due));
}

void withdraw(caf::detail::test_actor_clock& clock, clock_entry entry) {
  // A scheduled message has no entry in the clock's actor lookup (it cannot be cancelled).
  schedule_access::of(clock).erase(entry);
}

caf::actor_system_config& sim_driver::configure(caf::actor_system_config& cfg) {
  // Must be an atom: the string "testing" silently falls back to work stealing.
  cfg.set("scheduler.policy", caf::atom("testing"));
  cfg.set("scheduler.max-threads", size_t{1});
  return cfg;
}

sim_driver::sim_driver()
  : sys_(configure(cfg_))
  ,
  // Throws std::bad_cast if the policy did not take: better than silent real time.
  sched_(dynamic_cast<caf::scheduler::test_coordinator&>(sys_.scheduler()))
  , epoch_{sched_.clock().now()} {}

sim_driver::~sim_driver() {
  drain();
}

sim_time sim_driver::now() const {
  return epoch_.to_sim(sched_.clock().now());
}

std::size_t sim_driver::drain() {
  // CAF 0.17 as Debian builds it tells its logger which actor runs, at every message, when
  // the thread has a current logger: two lookups in a locked hash map per message (4 % of
  // the instructions of a capacity run). CAF logs nothing at its quiet level, and every log
  // site checks for a logger first, so the runs go without one. A spawn sets it again; the
  // next drain clears it.
  caf::logger::set_current_actor_system(nullptr);
  return sched_.run();
}

std::size_t sim_driver::advance_to(sim_time t) {
  auto& clk = sched_.clock();
  auto target = epoch_.origin + std::chrono::duration_cast<caf::timespan>(t.time_since_epoch());
  std::size_t fired = 0;
  drain();
  // advance_time ships every timer due by the new now, each at most once; stepping to each
  // due time in turn keeps handlers seeing their own due time and timers they re-arm.
  while (!clk.schedule().empty() && clk.schedule().begin()->first <= target) {
    auto due = clk.schedule().begin()->first;
    fired += clk.advance_time(due > clk.now() ? due - clk.now() : caf::timespan{0});
    drain();
  }
  if (target > clk.now())
    clk.advance_time(target - clk.now());
  return fired;
}

} // namespace tokenlab
