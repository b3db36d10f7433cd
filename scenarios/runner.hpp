#pragma once
// The scenario runner: starts a simulated Vault dev server (token store with its root token,
// core, storage, trace sink) on a fresh virtual clock, feeds it the scenario's steps in
// order, and records for each step what it printed, what it caused and whether its
// expectations held. Same scenario, same record: byte for byte.

#include "reports/run_record.hpp"
#include "scenarios/scenario.hpp"

namespace tokenlab {

/// Runs `sc` from t=0 on a new simulation and returns its record.
run_record run_scenario(const scenario& sc);

} // namespace tokenlab
