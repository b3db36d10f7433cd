#include "clock/caf_driver.hpp"

#include <caf/atom.hpp>
#include <caf/scheduler/test_coordinator.hpp>

namespace tokenlab {

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
