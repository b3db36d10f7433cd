#include "model/inline_string.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <utility>

using namespace tokenlab;

namespace {

using small = inline_string<8>;

// Whether the string's characters are in the object itself.
template <std::size_t N>
bool in_place(const inline_string<N>& s) {
  const auto* self = reinterpret_cast<const char*>(&s);
  return s.data() >= self && s.data() < self + sizeof s;
}

} // namespace

SCENARIO("an inline_string keeps up to N characters in place and longer ones on the heap") {
  const small eight{"abcdefgh"};
  CHECK(eight.view() == "abcdefgh");
  CHECK(eight.size() == 8);
  CHECK(in_place(eight));
  const small nine{"abcdefghi"};
  CHECK(nine.view() == "abcdefghi");
  CHECK_FALSE(in_place(nine));
  const small none;
  CHECK(none.empty());
  CHECK(none.view().empty());
  // Every ID the lab draws fits: a token's (28) a token_id_string, of a std::string's size;
  // an entity's (36) and a lease's (38) an id_string.
  const token_id_string token{"hvs.CAESIJ3kQ0bY1q2w3e4r5t6y"};
  CHECK(token.size() == 28);
  CHECK(in_place(token));
  CHECK(sizeof token == sizeof(std::string));
  CHECK_FALSE(in_place(token_id_string{"hvs.CAESIJ3kQ0bY1q2w3e4r5t6yU"}));
  const id_string lease{"aws/creds/app/HxQ3pJ0vVfGk1XcBzR7sTqLm"};
  CHECK(lease.size() == 38);
  CHECK(in_place(lease));
  const id_string custom{std::string(45, 'c')};
  CHECK_FALSE(in_place(custom));
  CHECK(custom.view() == std::string(45, 'c'));
}

SCENARIO("an inline_string copies, moves and assigns as a value, in place or on the heap") {
  for (const std::string text : {"short", "a string longer than eight"}) {
    small a{text};
    small b{a};
    CHECK(b == a);
    CHECK(b.data() != a.data()); // its own characters
    small c{std::move(b)};
    CHECK(c.view() == text);
    CHECK(b.empty()); // NOLINT(bugprone-use-after-move): a moved-from string is empty
    small d;
    d = c;
    CHECK(d.view() == text);
    d = std::move(c);
    CHECK(d.view() == text);
    d = d; // self-assignment keeps it
    CHECK(d.view() == text);
    d.clear();
    CHECK(d.empty());
    d = "x";
    CHECK(d == "x");
  }
  // Assigning a part of its own characters, in place and from the heap.
  small in{"abcdef"};
  in = in.view().substr(2);
  CHECK(in == "cdef");
  small heap{"0123456789abc"};
  heap = heap.view().substr(3);
  CHECK(heap == "3456789abc");
  heap = heap.view().substr(5);
  CHECK(heap == "89abc");
}

SCENARIO("an inline_string compares as its characters do") {
  const id_string a{"hvs.a"};
  const std::string s = "hvs.a";
  CHECK(a == s);
  CHECK(s == a);
  CHECK(a == "hvs.a");
  CHECK(a == std::string_view{"hvs.a"});
  CHECK(a == id_string{"hvs.a"});
  CHECK(a != "hvs.b");
  CHECK("hvs.b" != a);
  CHECK(a != id_string{"hvs.b"});
  CHECK(a.str() == s);
}
