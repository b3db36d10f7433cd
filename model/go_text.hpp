#pragma once
// Go's fmt %q of a string, as Vault's texts use it (`TTL of "9h" exceeded …`,
// `Policy "web" does not exist`): double quotes, backslash escapes for quotes, backslashes
// and control characters. And Go's strings.TrimSpace, which Vault's field parsing applies.

#include <string>
#include <string_view>

namespace tokenlab {

/// Quotes `s` as Go's %q does for printable ASCII and control characters.
std::string go_quote(std::string_view s);

/// strings.TrimSpace over ASCII white space.
std::string go_trim_space(std::string_view s);

} // namespace tokenlab
