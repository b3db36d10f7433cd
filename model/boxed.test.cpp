#include "model/boxed.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace tokenlab;

TEST_CASE("boxed: reads like an optional, copies deeply and moves its pointer", "[boxed]") {
  boxed<std::vector<std::string>> b;
  CHECK_FALSE(b);
  CHECK_FALSE(b.has_value());
  b = std::vector<std::string>{"default", "app"};
  REQUIRE(b);
  CHECK(b->size() == 2);
  CHECK((*b)[1] == "app");

  auto copy = b;
  copy->push_back("extra");
  CHECK(b->size() == 2); // a copy owns its own value
  CHECK(copy->size() == 3);
  CHECK(copy != b);

  const auto* where = &*b;
  auto moved = std::move(b);
  CHECK(&*moved == where); // a move hands the value over, not a copy of it
  CHECK_FALSE(b);

  copy = moved;
  CHECK(copy == moved);
  copy.reset();
  CHECK_FALSE(copy);
  copy.emplace(3, "x");
  CHECK(*copy == std::vector<std::string>{"x", "x", "x"});
  copy = std::nullopt;
  CHECK(copy == boxed<std::vector<std::string>>{});
}
