#include "clock/event_heap.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace tokenlab;

namespace {

// An instant and an arming number: ties at an instant come out in arming order.
struct due {
  std::int64_t at;
  std::uint64_t seq;
};

struct before {
  bool operator()(const due& a, const due& b) const {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  }
};

} // namespace

TEST_CASE("the event heap gives the earliest instant first, ties in arming order") {
  event_heap<due, before> h;
  CHECK(h.empty());
  // Pushes and pops interleaved, many ties, against a sorted reference.
  std::mt19937_64 rng{7};
  std::vector<due> pending;
  std::uint64_t armed = 0;
  std::int64_t now = 0;
  for (int round = 0; round < 20000; ++round) {
    if (rng() % 3 != 0 || h.empty()) {
      due d{now + static_cast<std::int64_t>(rng() % 50), armed++};
      h.push(d);
      pending.push_back(d);
    } else {
      auto expected = std::min_element(pending.begin(), pending.end(), before{});
      auto got = h.pop();
      REQUIRE(got.at == expected->at);
      REQUIRE(got.seq == expected->seq);
      CHECK(got.at >= now); // never earlier than what came out before
      now = got.at;
      pending.erase(expected);
    }
    REQUIRE(h.size() == pending.size());
  }
  // Dropping items keeps the order: a fifth of the rest goes, then all come out sorted.
  auto dropped = [](const due& d) { return d.seq % 5 == 0; };
  h.keep_only([&](const due& d) { return !dropped(d); });
  pending.erase(std::remove_if(pending.begin(), pending.end(), dropped), pending.end());
  REQUIRE(h.size() == pending.size());
  REQUIRE(pending.size() > 100);
  std::sort(pending.begin(), pending.end(), before{});
  for (const auto& expected : pending) {
    auto got = h.pop();
    REQUIRE(got.at == expected.at);
    REQUIRE(got.seq == expected.seq);
  }
  CHECK(h.empty());
  // Ten events at one instant come out in the order they were armed.
  event_heap<due, before> same;
  for (std::uint64_t i = 0; i < 10; ++i)
    same.push(due{5, 100 - i * 7});
  std::uint64_t last = 0;
  while (!same.empty()) {
    auto d = same.pop();
    CHECK(d.seq > last);
    last = d.seq;
  }
}

TEST_CASE("a pending event packs its arming number and place; ties come out in arming order") {
  const auto e = pending_event::make(-5, 123456789, (1u << 28) - 1);
  CHECK(e.at == -5);
  CHECK(e.seq() == 123456789);
  CHECK(e.place() == (1u << 28) - 1);
  CHECK(sizeof(pending_event) == 16); // four children to a cache line
  CHECK_THROWS_AS(pending_event::make(0, 0, 1u << 28), std::length_error);
  CHECK_THROWS_AS(pending_event::make(0, pending_event::max_seq + 1, 0), std::length_error);
  // At one instant, the earlier armed first whatever its place; then by instant.
  event_heap<pending_event, pending_event_before> h;
  h.push(pending_event::make(7, 2, 0));
  h.push(pending_event::make(7, 1, 900));
  h.push(pending_event::make(3, 3, 5));
  CHECK(h.pop().place() == 5);
  CHECK(h.pop().place() == 900);
  CHECK(h.pop().place() == 0);
  CHECK(h.empty());
}
