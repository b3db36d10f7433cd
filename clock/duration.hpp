#pragma once
// Vault's duration syntax, parsed and printed.
//
// Parsing follows Vault's parseutil.ParseDurationSecond: a plain integer is seconds
// ("3600"); otherwise a Go duration ("1h30m", "1.5s", "768h", "500ms"; units ns us µs ms s
// m h), or whole days with a "d" suffix ("7d"). Negative values parse (Vault rejects them
// later with its own texts). Results are truncated to milliseconds.
//
// Printing follows Vault's CLI `humanDuration`: Go's Duration.String() with a trailing
// "m0s" shortened to "m" and an inner "h0m" shortened to "h": 2764800 s -> "768h",
// 1800 s -> "30m", 7157 s -> "1h59m17s", 3600 s -> "1h", 38 s -> "38s", 90 s -> "1m30s",
// 0 -> "0s", 1500 ms -> "1.5s".

#include "clock/sim_time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tokenlab {

/// Why a duration did not parse: `offset` is the 0-based byte index in the text where the
/// problem starts, `message` is `invalid duration "<text>": <reason>` (Go's words, with the
/// reason moved to the end), where <reason> is one of:
///   `empty duration`                       ("" at 0)
///   `expected a number`                    ("h", "1h.", "-" at the offending character)
///   `missing unit`                         ("1h30" at the end of the number)
///   `unknown unit "<u>"`                   ("6x" at the unit)
///   `days must be a whole number`          ("1.5d" at the first bad character)
///   `out of range`                         (beyond Go's Duration, about +-292 years; at the
///                                           number that overflows)
struct duration_error {
  std::size_t offset = 0;
  std::string message;
};

/// Parses `text` as a Vault duration; on failure returns nullopt and fills `err` if given.
std::optional<sim_duration> parse_duration(std::string_view text, duration_error* err = nullptr);

/// Formats `d` the way the Vault CLI prints durations (humanDuration, see above).
std::string format_duration(sim_duration d);

/// Formats `d` exactly as Go's time.Duration.String() ("9h0m0s", "1m30s", "1.5s", "0s").
std::string format_go_duration(sim_duration d);

} // namespace tokenlab
