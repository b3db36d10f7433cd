#include "actors/ordered_refs.hpp"

#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <string>
#include <vector>

using namespace tokenlab;

namespace {

std::vector<std::string> ids(const ordered_refs& xs) {
  std::vector<std::string> out;
  xs.for_each([&](const std::string& id, const caf::actor&) { out.push_back(id); });
  return out;
}

std::vector<std::string> named(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i)
    out.push_back("x" + std::to_string(i));
  return out;
}

} // namespace

TEST_CASE("ordered_refs: short and long lists keep the order of addition through removals") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto someone = sys.spawn([] { return caf::behavior{[](int) {}}; });
  for (int n : {3, 8, 9, 40}) {
    CAPTURE(n);
    ordered_refs xs;
    for (const auto& id : named(0, n))
      xs.add(id, someone);
    CHECK(xs.size() == static_cast<std::size_t>(n));
    CHECK(ids(xs) == named(0, n));
    // Remove the first half, one at a time (compacting on the way), and one unknown ID.
    for (const auto& id : named(0, n / 2))
      xs.remove(id);
    xs.remove("unknown");
    CHECK(xs.size() == static_cast<std::size_t>(n - n / 2));
    CHECK(ids(xs) == named(n / 2, n));
    // Added after the removals, still found and still last.
    xs.add("late", someone);
    auto expected = named(n / 2, n);
    expected.push_back("late");
    CHECK(ids(xs) == expected);
    xs.remove("late");
    for (const auto& id : named(n / 2, n))
      xs.remove(id);
    CHECK(xs.size() == 0);
    CHECK(ids(xs).empty());
  }
  caf::anon_send_exit(someone, caf::exit_reason::user_shutdown);
}

TEST_CASE("ordered_refs: taken, the entries leave the list empty and usable") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto someone = sys.spawn([] { return caf::behavior{[](int) {}}; });
  for (int n : {3, 40}) {
    CAPTURE(n);
    ordered_refs xs;
    for (const auto& id : named(0, n))
      xs.add(id, someone);
    xs.remove("x1");
    auto taken = xs.take();
    std::vector<std::string> got;
    for (const auto& [id, a] : *taken) {
      got.push_back(id);
      CHECK(a == someone);
    }
    auto expected = named(0, n);
    expected.erase(expected.begin() + 1);
    CHECK(got == expected);
    CHECK(xs.size() == 0);
    CHECK(ids(xs).empty());
    xs.remove("x2"); // gone with the rest: nothing to remove
    CHECK(xs.size() == 0);
    xs.add("y", someone); // and the list goes on
    CHECK(ids(xs) == std::vector<std::string>{"y"});
  }
  caf::anon_send_exit(someone, caf::exit_reason::user_shutdown);
}
