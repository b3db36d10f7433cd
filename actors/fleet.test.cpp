#include "actors/fleet.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace tokenlab;

TEST_CASE("a slot keeps its token's characters, in place or on the heap, and knows a batch token",
          "[fleet]") {
  fleet_slot slot;
  CHECK(slot.token.empty());
  CHECK(slot.token.view().empty());
  CHECK_FALSE(slot.token.batch());

  const std::string service = "hvs.t4deoUg22tSImr1eePbsc80k";
  slot.token.assign(service);
  CHECK(slot.token.str() == service);
  CHECK_FALSE(slot.token.batch());

  // A batch token is longer than a slot holds in place: its characters go to the heap, and a
  // token assigned after it goes back in place.
  const std::string batch =
    "hvb.AAAAAQKy9m2W4gYdxPVBpV2FwDX0wjh1BX5Av7N7KBo3nDGyqS0WKzxzM3Kw7Ti9UoQq";
  REQUIRE(batch.size() > slot_token::inline_size);
  slot.token.assign(batch);
  CHECK(slot.token.str() == batch);
  CHECK(slot.token.batch());
  slot.token.assign("b.AAAA");
  CHECK(slot.token.str() == "b.AAAA");
  CHECK(slot.token.batch());
  slot.token.assign(service);
  CHECK(slot.token.view() == service);
  CHECK_FALSE(slot.token.batch());

  // Exactly as many characters as it holds in place, then one more.
  const std::string edge(slot_token::inline_size, 'x');
  slot.token.assign(edge);
  CHECK(slot.token.str() == edge);
  slot.token.assign(edge + "y");
  CHECK(slot.token.str() == edge + "y");

  slot.token.clear();
  CHECK(slot.token.empty());
  CHECK_FALSE(slot.token.batch());
}

TEST_CASE("a slot's token assigned its own characters keeps them", "[fleet]") {
  slot_token token;
  const std::string batch(60, 'b');
  token.assign("hvb." + batch);
  token.assign(token.view());
  CHECK(token.str() == "hvb." + batch);
  token.assign(token.view().substr(0, 6));
  CHECK(token.str() == "hvb.bb");
  token.assign(token.view().substr(4));
  CHECK(token.str() == "bb");
  CHECK_FALSE(token.batch());
}
