#pragma once
// Virtual time of one simulation. Nothing in tokenlab reads a wall clock: a run starts at
// t=0 and time moves only when the scenario advances it. Vault's API speaks whole seconds;
// the lab keeps milliseconds so that sub-second offsets (Vault truncates `now` to the
// second in CalculateTTL) can be modelled exactly.

#include <chrono>
#include <cstdint>

namespace tokenlab {

/// The clock type of simulated time: integer milliseconds since the scenario's t=0.
/// It has no now(): the current time belongs to one simulation (see clock/driver.hpp).
struct sim_clock {
  using rep = std::int64_t;
  using period = std::milli;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<sim_clock>;
  static constexpr bool is_steady = true;
};

using sim_duration = sim_clock::duration;
using sim_time = sim_clock::time_point;

/// The last instant of a run. CAF's clock, which carries the lab's timers, counts signed 64-bit
/// nanoseconds from its origin: about 292 years. The lab's time ends a little before, at
/// t+2500000h (285 years), so that every instant of a run fits it: `advance` and `at` cannot go
/// further, and a timer due later is never armed, since no step can reach it.
inline constexpr sim_time sim_end{std::chrono::hours{2'500'000}};

/// A duration of `n` whole seconds.
constexpr sim_duration secs(std::int64_t n) {
  return std::chrono::seconds{n};
}

/// Whole seconds of `d`, truncated toward zero (the unit of Vault's API).
constexpr std::int64_t whole_seconds(sim_duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

/// `t` truncated to its second, as Vault truncates `now` and `start` in CalculateTTL.
constexpr sim_time truncate_to_second(sim_time t) {
  return sim_time{std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch())};
}

/// `t` rounded to the nearest second, a half second up, as Go's Time.Round(time.Second)
/// (Vault's remaining TTLs count from it). std::chrono::round would round halves to even.
constexpr sim_time round_to_second(sim_time t) {
  return truncate_to_second(t + std::chrono::milliseconds{500});
}

/// Milliseconds since t=0.
constexpr std::int64_t millis(sim_time t) {
  return t.time_since_epoch().count();
}

} // namespace tokenlab
