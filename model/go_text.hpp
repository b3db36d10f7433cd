#pragma once
// Go's fmt %q of a string, as Vault's texts use it (`TTL of "9h" exceeded …`,
// `Policy "web" does not exist`): double quotes, backslash escapes for quotes, backslashes
// and control characters. And Go's strings.TrimSpace, which Vault's field parsing applies.

#include <cstddef>
#include <string>
#include <string_view>

namespace tokenlab {

/// Quotes `s` as Go's %q does for printable ASCII and control characters.
std::string go_quote(std::string_view s);

/// Quotes a piece of the user's input for a message: go_quote of at most `most` bytes (cut at
/// a UTF-8 boundary), then `…` and the whole size when it was longer: "aaaa…" (10485760 bytes).
std::string quote_input(std::string_view s, std::size_t most = 80);

/// Makes text safe to print on a terminal: control characters other than newline and tab
/// (ESC among them, so input cannot move the cursor or clear the screen), DEL and C1 controls
/// are written as escapes (`\x1b`, `\u009b`), and a line longer than `max_line` bytes is cut at
/// a UTF-8 boundary and ends with `… (N more bytes)`.
std::string printable(std::string_view text, std::size_t max_line = 2000);

/// strings.HasPrefix.
inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// strings.TrimSpace over ASCII white space.
std::string go_trim_space(std::string_view s);

} // namespace tokenlab
