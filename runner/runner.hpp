#pragma once
// The scenario runner: starts a simulated Vault dev server (token store with its root token,
// core, storage, trace sink) on a fresh virtual clock, feeds it the scenario's steps in
// order, and records for each step what it printed, what it caused and whether its
// expectations held. Same scenario, same record: byte for byte.

#include "reports/run_record.hpp"
#include "language/scenario.hpp"

#include <functional>

namespace tokenlab {

/// Told how far a long time step has got while a fleet runs: the virtual time reached, and
/// the step's start and end. For a progress display only; nothing of it goes in the record.
using progress_fn = std::function<void(sim_time at, sim_time from, sim_time to)>;

/// How a scenario is run.
struct run_options {
  progress_fn progress;
  /// Check the invariants of tokens and leases after every step (runner/invariants.hpp);
  /// what breaks one goes to run_record::violations.
  bool check_invariants = true;
};

/// Runs `sc` from t=0 on a new simulation and returns its record.
run_record run_scenario(const scenario& sc, const run_options& options);

/// The same, with the invariants checked.
run_record run_scenario(const scenario& sc, const progress_fn& progress = {});

} // namespace tokenlab
