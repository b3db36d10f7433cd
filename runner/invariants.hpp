#pragma once
// The invariants of tokens and leases, checked against the trace of every run: what the
// simulated Vault did must be something Vault could do, whatever the scenario asked for.
// The checker reads only the trace events the runner already takes after each step (their
// kind, subject, parent or owner, TTL decision and expiry), so it adds no message to the
// actors; it stops while a fleet runs, since the fleet's events are counted, not traced.
//
// The invariants (docs/reliability.md), each with the name a violation carries:
//   child-dies-with-parent  a token's children are gone, or orphaned, once it has ended
//                           (checked when the instant of its end is over); no child is
//                           created under an ended token
//   lease-dies-with-token   a token's leases are gone once it has ended; no lease is
//                           created for an ended token
//   ttl-within-max          every TTL decision: TTL <= its effective max, now + TTL <= its
//                           deadline, the deadline counts from the first issue (start +
//                           max, or start + explicit max for a periodic token), and the
//                           object's expiry is now + TTL (a lease read with a batch token:
//                           the token's expiry, when earlier)
//   expires-on-time         a token or lease expires exactly at its expiry; none is live
//                           at an event or a step's end after it; none is renewed or ended
//                           twice
// Batch tokens are not objects of their own here: nothing of them is stored, they end
// without an event, and their leases belong to their parent.

#include "model/trace.hpp"
#include "reports/run_record.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tokenlab {

class invariant_checker {
public:
  /// Feeds one step's events in their order; `now` is the virtual time at the step's end.
  /// Violations are appended to `out`, with `loc` and `step` to say where.
  void feed(const std::vector<trace_event>& events, sim_time now, const source_loc& loc,
            std::size_t step, std::vector<invariant_violation>& out);

  /// From now on nothing is traced (a fleet runs): the checker stops.
  void stop() { stopped_ = true; }

  /// Traced again (the fleet's horizon has passed): the checker starts afresh on what is
  /// traced from now on. What happened to earlier objects while events were counted is not in
  /// the trace, so it forgets them (events of objects it never saw created are not checked).
  void resume() { *this = invariant_checker{}; }

private:
  struct object {
    bool token = true;
    bool live = true;
    std::string parent;              ///< a token's parent, a lease's owner ("" none)
    std::optional<sim_time> expires; ///< never, when unset
    sim_time issued{};               ///< when it was created
    sim_time since{};                ///< when it was last created or renewed
  };

  void on_event(const trace_event& e);
  void end_instant();
  void created(const trace_event& e, bool token);
  void renewed(const trace_event& e);
  void expired(const trace_event& e);
  void ended(const trace_event& e);
  void check_decision(const trace_event& e, const object& o);
  void set_expiry(const std::string& id, object& o, std::optional<sim_time> when);
  static std::optional<sim_time> due(const object& o);
  object* find(const std::string& id);
  void late_before(sim_time t, bool inclusive);
  void violated(const char* invariant, std::string detail);
  static std::string name_of(const object& o, const std::string& id);

  std::map<std::string, object> objects_;
  std::set<std::pair<sim_time, std::string>> expiries_; ///< the live objects' expiries
  std::map<std::string, std::set<std::string>> dependants_; ///< token -> live children, leases
  std::vector<std::string> ended_now_; ///< tokens ended in the current instant
  sim_time instant_{};
  bool stopped_ = false;
  // Where violations go while a step is fed.
  std::vector<invariant_violation>* out_ = nullptr;
  const source_loc* loc_ = nullptr;
  std::size_t step_ = 0;
};

} // namespace tokenlab
