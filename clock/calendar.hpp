#pragma once
// Mapping virtual time to the calendar. A scenario has an epoch (the wall-clock instant of
// t=0, default 2024-01-01T00:00:00Z); Vault's outputs that carry dates (creation_time,
// issue_time, expire_time) are printed from it, always in UTC, so reports are the same on
// every machine.

#include "clock/sim_time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tokenlab {

/// Unix seconds of the default epoch, 2024-01-01T00:00:00Z.
inline constexpr std::int64_t default_epoch_unix = 1704067200;

/// Unix seconds of virtual instant `t` (truncated), given the epoch of t=0.
std::int64_t unix_seconds(sim_time t, std::int64_t epoch_unix);

/// RFC 3339 in UTC with Go's RFC3339Nano trimming: "2024-01-01T00:00:43Z",
/// "2024-01-01T00:00:43.25Z".
std::string format_rfc3339(sim_time t, std::int64_t epoch_unix);

/// Parses "YYYY-MM-DDTHH:MM:SSZ" (UTC only, exactly 20 characters) into unix seconds;
/// nullopt for any other shape or an impossible date/time (2023-02-29, 24:00:00, :60).
std::optional<std::int64_t> parse_rfc3339_utc(std::string_view text);

/// Formats a virtual instant for reports: "t+0s", "t+6h", "t+1h59m17s", "t+1.5s" ("t+" and
/// format_duration of the offset; an instant before t=0 prints as "t-5s").
std::string format_offset(sim_time t);

} // namespace tokenlab
