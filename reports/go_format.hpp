#pragma once
// The Go formatting habits the Vault CLI's output is made of, reproduced so that tokenlab
// prints what a terminal shows, byte for byte:
//   * kr/text's minimum-raggedness word wrap (command/base_helpers.go wrapAtLengthWithPadding),
//   * ryanuber/columnize with Vault's tableOutput (Key/Value header, dashes, 4-space glue,
//     empty cells as `n/a`),
//   * fmt's %q of a string slice and %v of decoded JSON values,
//   * encoding/json's HTML escaping of <, > and &.

#include "model/api.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tokenlab::go {

/// Wraps `text` into lines of at most `limit` runes with kr/text.Wrap: spaces split words,
/// newlines count as spaces, and the break points minimise the sum of squared slack of all
/// lines but the last. Returns the lines (no newline characters).
std::vector<std::string> wrap(std::string_view text, std::size_t limit);

/// command/base_helpers.go wrapAtLengthWithPadding: wraps at 78 − `pad` and indents each
/// line by `pad` spaces. Lines are joined with '\n' (no trailing newline).
std::string wrap_at_length_with_padding(std::string_view text, std::size_t pad);

/// Vault's tableOutput over columnize: the first row is the header, printed with an
/// underline of dashes as long as each header; cells are trimmed, empty cells print as
/// `n/a`, every column but the last is padded (in runes) to its widest cell and followed
/// by four spaces. Every line ends in '\n'.
std::string table(const std::vector<std::vector<std::string>>& rows);

/// `table` of (key, value) pairs under a `Key`/`Value` header.
std::string key_value_table(const std::vector<std::pair<std::string, std::string>>& rows);

/// fmt's %q of a []string: `["default" "foo"]`, `[]` when empty.
std::string quote_list(const std::vector<std::string>& items);

/// fmt's %v of a value decoded from Vault's JSON: strings as is, `[a b]`, `map[k:v]`
/// (keys sorted), `<nil>`, `true`/`false`, decimal integers.
std::string format_value(const field_value& v);

/// command/format.go looksLikeDuration: period, *_period, ttl, *_ttl, duration,
/// *_duration, lease_max, ttl_max.
bool looks_like_duration(std::string_view key);

/// humanDurationInt of a number of seconds: `768h`, `1h59m17s`, `0s`.
std::string human_duration_seconds(std::int64_t seconds);

/// Replaces what Go's encoding/json escapes and nlohmann's does not: <, >, & and
/// U+2028/U+2029 become \u003c, \u003e, \u0026, \u2028, \u2029. Safe on a whole JSON
/// document: those characters can only occur inside strings.
std::string html_escape_json(std::string_view json);

} // namespace tokenlab::go
