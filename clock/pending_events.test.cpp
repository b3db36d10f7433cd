#include "clock/pending_events.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using namespace tokenlab;

namespace {

// Takes every event out of `q`, checking them against `expected` sorted.
void drain_against(pending_queue& q, std::vector<pending_event> expected) {
  std::sort(expected.begin(), expected.end(), pending_event_before{});
  REQUIRE(q.size() == expected.size());
  for (const auto& e : expected) {
    REQUIRE(q.top().tie == e.tie);
    auto got = q.pop();
    REQUIRE(got.at == e.at);
    REQUIRE(got.tie == e.tie);
  }
  CHECK(q.empty());
}

} // namespace

TEST_CASE("the pending queue gives the earliest instant first, ties in arming order") {
  pending_queue q;
  CHECK(q.empty());
  // Pushes and pops interleaved, many ties and instants far apart (each bucket used),
  // against a sorted reference; nothing is pushed before the last instant taken out.
  std::mt19937_64 rng{7};
  std::vector<pending_event> pending;
  std::uint64_t armed = 0;
  std::int64_t now = -1000;
  for (int round = 0; round < 40000; ++round) {
    if (rng() % 3 != 0 || q.empty()) {
      const auto far = rng() % 4 == 0 ? std::int64_t{1} << (rng() % 40) : 0;
      const auto at = now + static_cast<std::int64_t>(rng() % 50) + far / 4;
      auto e = pending_event::make(at, armed++, static_cast<std::uint32_t>(rng() % 1000));
      q.push(e);
      pending.push_back(e);
    } else {
      auto expected = std::min_element(pending.begin(), pending.end(), pending_event_before{});
      REQUIRE(q.top().tie == expected->tie);
      auto got = q.pop();
      REQUIRE(got.at == expected->at);
      REQUIRE(got.tie == expected->tie);
      CHECK(got.at >= now); // never earlier than what came out before
      now = got.at;
      pending.erase(expected);
    }
    REQUIRE(q.size() == pending.size());
  }
  // Dropping events keeps the order: a fifth of the rest goes, then all come out sorted.
  auto dropped = [](const pending_event& e) { return e.seq() % 5 == 0; };
  q.keep_only([&](const pending_event& e) { return !dropped(e); });
  pending.erase(std::remove_if(pending.begin(), pending.end(), dropped), pending.end());
  REQUIRE(pending.size() > 100);
  drain_against(q, pending);
}

TEST_CASE("events armed at the instant being taken out come after those armed before them") {
  pending_queue q;
  for (std::uint64_t i = 0; i < 10; ++i)
    q.push(pending_event::make(5, 100 - i * 7, static_cast<std::uint32_t>(i)));
  q.push(pending_event::make(9, 1, 50));
  // The first out is the earliest armed at 5; then one more is armed at 5 (as a fleet's slot
  // event arms the next at its own instant): it comes after the others of 5, before 9.
  CHECK(q.pop().seq() == 37);
  q.push(pending_event::make(5, 200, 60));
  std::vector<std::uint64_t> order;
  while (!q.empty())
    order.push_back(q.pop().seq());
  CHECK(order == std::vector<std::uint64_t>{44, 51, 58, 65, 72, 79, 86, 93, 100, 200, 1});
}

TEST_CASE("events armed before the last instant taken out still come out in order") {
  // The alarm takes a cancelled timer off the front before its instant (here 50), then arms
  // timers before it (here 20 and 30).
  pending_queue q;
  q.push(pending_event::make(50, 1, 1));
  q.push(pending_event::make(60, 2, 2));
  q.push(pending_event::make(1000, 3, 3));
  CHECK(q.pop().place() == 1);
  q.push(pending_event::make(30, 4, 4));
  q.push(pending_event::make(20, 5, 5));
  q.push(pending_event::make(50, 6, 6));
  q.push(pending_event::make(55, 7, 7));
  CHECK(q.size() == 6);
  CHECK(q.top().place() == 5);
  q.keep_only([](const pending_event& e) { return e.place() != 4; });
  std::vector<std::uint32_t> places;
  while (!q.empty())
    places.push_back(q.pop().place());
  CHECK(places == std::vector<std::uint32_t>{5, 6, 7, 2, 3});
}

TEST_CASE("the pending queue matches a sorted reference when the front is dropped early") {
  // As the alarm does: events pushed anywhere after `now`, and the front taken out while it
  // is later than `now` one time in four (a cancelled timer), else `now` moves to it.
  std::mt19937_64 rng{11};
  pending_queue q;
  std::vector<pending_event> pending;
  std::int64_t now = 0;
  std::uint64_t armed = 0;
  for (int round = 0; round < 30000; ++round) {
    if (rng() % 2 == 0 || q.empty()) {
      const auto at = now + 1 + static_cast<std::int64_t>(rng() % 5000);
      auto e = pending_event::make(at, armed++, static_cast<std::uint32_t>(rng() % 100));
      q.push(e);
      pending.push_back(e);
      continue;
    }
    auto expected = std::min_element(pending.begin(), pending.end(), pending_event_before{});
    REQUIRE(q.top().tie == expected->tie);
    auto got = q.pop();
    REQUIRE(got.tie == expected->tie);
    if (rng() % 4 != 0)
      now = std::max(now, got.at);
    pending.erase(expected);
    REQUIRE(q.size() == pending.size());
  }
  drain_against(q, pending);
}

TEST_CASE("dropping events keeps the ones taken out of the current instant's gone") {
  pending_queue q;
  for (std::uint32_t i = 0; i < 6; ++i)
    q.push(pending_event::make(3, i, i));
  q.push(pending_event::make(1000, 6, 6));
  CHECK(q.pop().place() == 0);
  CHECK(q.pop().place() == 1);
  q.keep_only([](const pending_event& e) { return e.place() != 3; });
  CHECK(q.size() == 4);
  std::vector<std::uint32_t> places;
  while (!q.empty())
    places.push_back(q.pop().place());
  CHECK(places == std::vector<std::uint32_t>{2, 4, 5, 6});
  q.clear();
  CHECK(q.empty());
}

TEST_CASE("a pending event packs its arming number and place, ties come out in arming order") {
  const auto e = pending_event::make(-5, 123456789, (1u << 28) - 1);
  CHECK(e.at == -5);
  CHECK(e.seq() == 123456789);
  CHECK(e.place() == (1u << 28) - 1);
  CHECK(sizeof(pending_event) == 16);
  CHECK_THROWS_AS(pending_event::make(0, 0, 1u << 28), std::length_error);
  CHECK_THROWS_AS(pending_event::make(0, pending_event::max_seq + 1, 0), std::length_error);
  // At one instant, the earlier armed first whatever its place; then by instant.
  pending_queue q;
  q.push(pending_event::make(7, 2, 0));
  q.push(pending_event::make(7, 1, 900));
  q.push(pending_event::make(3, 3, 5));
  CHECK(q.pop().place() == 5);
  CHECK(q.pop().place() == 900);
  CHECK(q.pop().place() == 0);
  CHECK(q.empty());
}

TEST_CASE("a bucket of many blocks keeps its order through dropping, clearing and reuse") {
  // Thousands of events in few buckets (a fleet's slot events an hour ahead): each bucket
  // spans many blocks of 63 events.
  pending_queue q;
  std::vector<pending_event> pending;
  std::uint64_t armed = 0;
  auto arm = [&](std::int64_t at) {
    const auto seq = armed++;
    auto e = pending_event::make(at, seq, static_cast<std::uint32_t>(seq % 7));
    q.push(e);
    pending.push_back(e);
  };
  CHECK(q.blocks() == 0);
  for (int i = 0; i < 200; ++i)
    arm(5); // all dropped below
  for (int i = 0; i < 5000; ++i)
    arm(3'600'000 + (i * 7919) % 1000);
  for (int i = 0; i < 200; ++i)
    arm(10);
  // 5,400 events in one bucket (nothing was taken out yet): 86 blocks of 63.
  CHECK(q.blocks() == 86);
  // Every event at instant 5 goes, every one of place 3, and every one at instant 10 but the
  // last armed: the kept ones move up to the front of their chains, the emptied blocks are
  // given back, and the earliest is one at 10.
  auto dropped = [&](const pending_event& e) {
    return e.at == 5 || e.place() == 3 || (e.at == 10 && e.seq() != armed - 1);
  };
  q.keep_only([&](const pending_event& e) { return !dropped(e); });
  pending.erase(std::remove_if(pending.begin(), pending.end(), dropped), pending.end());
  REQUIRE(q.size() == pending.size());
  CHECK(q.top().seq() == armed - 1);
  CHECK(q.pop().seq() == armed - 1);
  pending.erase(std::find_if(pending.begin(), pending.end(),
                             [&](const pending_event& e) { return e.seq() == armed - 1; }));
  // The 4,286 left are in 69 blocks; the 17 given back are taken before any new one.
  CHECK(pending.size() == 4286);
  for (int i = 0; i < 63 * 12; ++i)
    arm(7'200'000);
  CHECK(q.blocks() == 86);
  // Half are taken out, more are armed (into blocks the taking out gave back), and all come
  // out in order.
  for (std::size_t i = 0; i < pending.size() / 2; ++i)
    q.pop();
  std::sort(pending.begin(), pending.end(), pending_event_before{});
  pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(pending.size() / 2));
  const auto now = pending.front().at;
  for (int i = 0; i < 3000; ++i)
    arm(now + (i * 104729) % 5'000'000);
  drain_against(q, pending);
  // A bucket whose every event is dropped is empty; a cleared queue takes events again.
  for (int i = 0; i < 300; ++i)
    arm(9'000'000);
  q.keep_only([](const pending_event&) { return false; });
  CHECK(q.empty());
  for (int i = 0; i < 300; ++i)
    arm(9'000'000 + i);
  q.clear();
  CHECK(q.empty());
  pending.clear();
  arm(9'500'000);
  arm(9'400'000);
  drain_against(q, pending);
}
