#include "model/fleet.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tokenlab {

slot_stream::slot_stream(std::uint64_t seed, std::uint64_t slot)
  : rng_(splitmix64::mix64(seed + (slot + 1) * splitmix64::gamma)) {}

double slot_stream::u53() {
  return static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
}

namespace {

double millis(sim_duration d) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

} // namespace

sim_duration slot_stream::arrival(sim_duration window) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(u53() * millis(window)));
}

sim_duration slot_stream::lifetime(sim_duration mean) {
  const auto ms = static_cast<std::int64_t>(-std::log(1.0 - u53()) * millis(mean));
  return std::chrono::milliseconds(std::max<std::int64_t>(1, ms));
}

std::int64_t estimated_events(const fleet_params& p) {
  const auto per = [&](sim_duration every) {
    return every.count() > 0 ? static_cast<double>(p.until.count()) / every.count() : 0.0;
  };
  const double events =
    static_cast<double>(p.clients) * (per(p.tick) + 2.0 * (1.0 + per(p.lifetime)));
  constexpr double most = 9.2e18; // below INT64_MAX, whose double rounds up past it
  return events >= most ? std::numeric_limits<std::int64_t>::max()
                        : static_cast<std::int64_t>(events);
}

} // namespace tokenlab
