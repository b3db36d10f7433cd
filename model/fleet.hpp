#pragma once
// A fleet: N simulated clients (containers) that log in, read a secret, renew their token on
// a schedule and exit, replaced at once by a new container in the same slot. It is the
// capacity lab's reference workload (docs/performance.md), with its random streams:
// every slot draws from its own splitmix64 stream, so the draws never depend on the order
// in which simultaneous events of different slots run.

#include "clock/sim_time.hpp"
#include "model/ids.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tokenlab {

/// What `fleet …` declares (see scenarios/FORMAT.md).
struct fleet_params {
  std::int64_t clients = 0;                     ///< container slots
  sim_duration until{0};                        ///< the horizon: nothing at or after it runs
  sim_duration arrival{std::chrono::hours{1}};  ///< first starts uniform in [0, arrival)
  sim_duration lifetime{std::chrono::hours{1}}; ///< exponential, this mean
  sim_duration tick{std::chrono::minutes{20}};  ///< a container checks its token this often
  std::optional<sim_duration> renew{std::chrono::minutes{30}}; ///< increment; none: no renewals
  std::string login;                                           ///< "auth/userpass/login/pod"
  std::map<std::string, std::string> login_fields;             ///< password=…
  std::string read;               ///< a leased secret read once per login
  std::vector<std::string> nodes; ///< the cluster nodes clients use, slot i: nodes[i % n]
};

/// How big a fleet may be before it runs: a fleet past either bound would run out of memory
/// or run for hours, so it is refused before anything runs (`tokenlab run --max-clients
/// --max-events` raise them). The defaults hold the reference workload at N = 100,000.
struct fleet_budget {
  std::int64_t clients = 250'000;   ///< each live client keeps a token and a lease
  std::int64_t events = 25'000'000; ///< estimated_events() of the fleet
};

/// The fleet's expected workload events: per slot, a tick every `tick` and a start and an
/// exit per container (1 + until/lifetime of them on average). Saturates at INT64_MAX.
std::int64_t estimated_events(const fleet_params& p);

/// One slot's random stream: state = mix64(seed + (i + 1) * gamma), then splitmix64.
class slot_stream {
public:
  slot_stream(std::uint64_t seed, std::uint64_t slot);
  /// trunc(u53 * window_ms): the first container's start.
  sim_duration arrival(sim_duration window);
  /// max(1, trunc(-log(1 - u53) * mean_ms)): a container's lifetime.
  sim_duration lifetime(sim_duration mean);

private:
  double u53();
  splitmix64 rng_;
};

/// What the clients did (the lab's events are counted from its trace).
struct fleet_counts {
  std::int64_t starts = 0;
  std::int64_t ticks = 0;
  std::int64_t exits = 0;
  std::int64_t relogins = 0;
  std::int64_t logins = 0; ///< successful logins (starts and re-logins)
  std::int64_t renewals = 0;
  std::int64_t capped_renewals = 0; ///< granted less than the increment
  std::int64_t failed_renewals = 0; ///< refused (the container then logs in again)
  std::int64_t revocations = 0;     ///< revoke-self requests at exit
  std::int64_t errors = 0;          ///< failed logins or reads (0 in a sound set-up)
  /// Per node the clients used: requests it served itself, and requests it forwarded to the
  /// active node because they write storage (a performance standby cannot).
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> work;
};

} // namespace tokenlab
