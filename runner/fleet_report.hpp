#pragma once
// What the report says of a fleet (model/fleet.hpp): its description, and its counts in
// the reference workload's format (docs/performance.md) with the lab's own beside them.

#include "model/api.hpp"
#include "model/fleet.hpp"
#include "model/trace_tally.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tokenlab {

/// One paragraph: who the clients are and what each does, from `now` until `horizon`.
std::string describe_fleet(const fleet_params& p, sim_time now, sim_time horizon);

/// The fleet's numbers by name, for expectations (`f.logins`): the reference workload's
/// counts, from what the clients did (`c`) and what the lab counted (`t`), the lab's own
/// (Vault-layout storage operations, actors, batch tokens, model events), and per node
/// `NODE.local` / `NODE.forwarded`.
data_map fleet_data(const fleet_params& p, std::uint64_t seed, const fleet_counts& c,
                    const trace_tally& t);

/// The summary's lines: `COUNTS …` and `DETAIL …` (the reference format), `LAB …`, and
/// `NODES …` when the clients use cluster nodes.
std::vector<std::string> fleet_lines(const data_map& d);

} // namespace tokenlab
