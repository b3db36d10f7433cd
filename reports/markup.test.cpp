#include "reports/markup.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

TEST_CASE("xml_escape writes markup characters as entities") {
  CHECK(xml_escape(R"(a<b>&"c"'d')") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(xml_escape("tab\tnew\nline\rok") == "tab\tnew\nline\rok");
}

TEST_CASE("xml_escape shows the control characters XML forbids") {
  CHECK(xml_escape(std::string{"a\x1b[2Jb\x00" "c", 8}) == "a\\x1b[2Jb\\x00c");
}

TEST_CASE("xml_escape keeps valid UTF-8 and replaces what is not") {
  CHECK(xml_escape("→ ✓ 𝄞") == "→ ✓ 𝄞");
  CHECK(xml_escape("a\xff" "b") == "a\xEF\xBF\xBD" "b");            // a lone invalid byte
  CHECK(xml_escape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong '/'
  CHECK(xml_escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // a surrogate
  CHECK(xml_escape("\xE2\x86") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // cut short
  CHECK(xml_escape("\xEF\xBF\xBF") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // U+FFFF
}
