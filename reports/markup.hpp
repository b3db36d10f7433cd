#pragma once
// Text made safe for XML and HTML documents (JUnit XML, the HTML report).

#include <string>
#include <string_view>

namespace tokenlab {

/// Escapes `text` for XML/HTML character data and quoted attribute values: `&`, `<`, `>`,
/// `"` and `'` become entities; a control character that XML 1.0 forbids (all below 0x20 but
/// tab, newline and carriage return) is written as the visible escape `\xNN`; an invalid
/// UTF-8 sequence becomes U+FFFD. The result is always well-formed UTF-8.
std::string xml_escape(std::string_view text);

} // namespace tokenlab
