// Text that reaches a terminal or a message from the user's input: quoted as Go quotes it,
// cut when it is huge, and never able to drive the terminal.
#include "model/go_text.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace tokenlab;

TEST_CASE("go_quote escapes quotes, backslashes and control characters as %q does") {
  CHECK(go_quote("9h") == "\"9h\"");
  CHECK(go_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(go_quote("\x1b[2J\n\t") == "\"\\x1b[2J\\n\\t\"");
}

TEST_CASE("quoted input is cut after 80 bytes, at a character, with its size") {
  CHECK(quote_input(std::string(80, 'a')) == "\"" + std::string(80, 'a') + "\"");
  CHECK(quote_input(std::string(10 << 20, 'a')) ==
        "\"" + std::string(80, 'a') + "…\" (10485760 bytes)");
  // 79 ASCII bytes then "é" (2 bytes): the cut falls inside it, so it moves before it.
  CHECK(quote_input(std::string(79, 'a') + "é" + "zz") ==
        "\"" + std::string(79, 'a') + "…\" (83 bytes)");
}

TEST_CASE("printable text cannot move the cursor, and long lines are cut") {
  CHECK(printable("ok\n\ttab\n") == "ok\n\ttab\n");
  CHECK(printable("note \x1b[2J\x1b]0;pwned\x07 done") == "note \\x1b[2J\\x1b]0;pwned\\x07 done");
  CHECK(printable("cr\r del\x7f") == "cr\\x0d del\\x7f");
  CHECK(printable("c1 \xc2\x9b" "31m é") == "c1 \\u009b31m é");
  CHECK(printable(std::string(10, 'x') + "\nshort\nlonger", 5) ==
        "xxxxx… (5 more bytes)\nshort\nlonge… (1 more byte)");
  const std::string huge(10 << 20, 'w');
  const std::string cut = printable("$ vault write p policy=" + huge + "\nnext\n");
  CHECK(cut.size() < 2100);
  CHECK(cut.substr(cut.size() - 5) == "next\n");
}
