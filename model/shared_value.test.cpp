#include "model/shared_value.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace tokenlab;

namespace {

using list = std::vector<std::string>;

// A value that is not a container, with a default that is not empty (as a token's origin).
struct place {
  std::string city = "Lisbon";
  int floor = 0;
  friend bool operator==(const place& a, const place& b) {
    return a.city == b.city && a.floor == b.floor;
  }
  friend bool operator<(const place& a, const place& b) {
    return a.city < b.city || (a.city == b.city && a.floor < b.floor);
  }
};

} // namespace

SCENARIO("a shared_value reads as the value it was made from") {
  const shared_value<list> policies = list{"app", "default"};
  const list& read = policies;
  CHECK(read == list{"app", "default"});
  CHECK(policies.size() == 2);
  CHECK_FALSE(policies.empty());
  CHECK(list(policies.begin(), policies.end()) == list{"app", "default"});
  CHECK(policies == list{"app", "default"});
  CHECK_FALSE(policies == list{"default"});

  const shared_value<std::map<std::string, std::string>> meta = {{"username", "pod"}};
  CHECK(meta.get().at("username") == "pod");
  CHECK(meta.size() == 1);
}

SCENARIO("an empty shared_value holds no block, however it was made") {
  const shared_value<list> none;
  const shared_value<list> made_empty = list{};
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(none.get().empty());
  CHECK(none == made_empty);
  // Both read the one empty value of the type: no block of their own.
  CHECK(&none.get() == &made_empty.get());
}

SCENARIO("copies of a shared_value share its block, equal values made apart do not") {
  const shared_value<list> a = list{"default"};
  const auto copy = a;
  CHECK(&copy.get() == &a.get());
  const shared_value<list> b = list{"default"};
  CHECK(b == a);
  CHECK(&b.get() != &a.get());
  const shared_value<list> c = list{"root"};
  CHECK(c != a);
}

SCENARIO("an interner gives equal values one block") {
  interner<list> table;
  const auto first = table.intern(list{"app", "default"});
  const auto second = table.intern(list{"app", "default"});
  const auto other = table.intern(list{"default"});
  CHECK(&second.get() == &first.get());
  CHECK(&other.get() != &first.get());
  CHECK(other == list{"default"});
  CHECK(table.size() == 2);
  // Found again when another was interned since.
  CHECK(&table.intern(list{"app", "default"}).get() == &first.get());
  CHECK(&table.intern(list{"default"}).get() == &other.get());
  CHECK(table.size() == 2);
  // An empty value is not kept.
  CHECK(table.intern(list{}).empty());
  CHECK(table.size() == 2);
}

SCENARIO("an interner drops the values no one holds when its table has doubled") {
  interner<list> table;
  const auto kept = table.intern(list{"kept"});
  for (int i = 0; i < 63; ++i)
    table.intern(list{"dropped-" + std::to_string(i)}); // held by no one once interned
  CHECK(table.size() == 64);
  // The 65th value finds the table full: the 63 held by no one go, the one still held stays.
  const auto next = table.intern(list{"next"});
  CHECK(table.size() == 2);
  CHECK(&table.intern(list{"kept"}).get() == &kept.get());
  CHECK(next == list{"next"});
  // The table sweeps next when it holds 64 again (twice 2, but not below 64).
  for (int i = 0; i < 62; ++i)
    table.intern(list{"again-" + std::to_string(i)});
  CHECK(table.size() == 64);
  table.intern(list{"after"});
  CHECK(table.size() == 3);
}

SCENARIO("a shared_value of a value that is not a container holds no block for its default") {
  const shared_value<place> none;
  const shared_value<place> made_default = place{};
  CHECK(none->city == "Lisbon");
  CHECK(&none.get() == &made_default.get());
  const shared_value<place> other = place{"Porto", 2};
  CHECK(other->city == "Porto");
  CHECK(other->floor == 2);
  CHECK(&other.get() != &none.get());
  CHECK(other != none);
}

SCENARIO("change() copies a value others hold, and changes in place one held alone") {
  shared_value<place> a = place{"Porto", 2};
  const auto before = a; // holds a's block
  place& mine = a.change();
  CHECK(&mine != &before.get()); // a copy: `before` is not changed through a
  mine.floor = 3;
  CHECK(before->floor == 2);
  CHECK(a->floor == 3);
  // Now a alone holds its block: changed where it is.
  CHECK(&a.change() == &mine);
  a.change().city = "Braga";
  CHECK(a == place{"Braga", 3});
  // The default (no block) is copied out before it is changed.
  shared_value<place> fresh;
  fresh.change().floor = 1;
  CHECK(fresh == place{"Lisbon", 1});
  CHECK(shared_value<place> {} -> floor == 0);
}

SCENARIO("an interner gives equal values that are not containers one block") {
  interner<place> table;
  auto made = shared_value<place>{place{"Porto", 2}};
  const auto first = table.intern(made);
  CHECK(&first.get() == &made.get());
  // An equal value made on its own: its block is dropped for the first's.
  shared_value<place> again;
  again.change() = place{"Porto", 2};
  const auto second = table.intern(std::move(again));
  CHECK(&second.get() == &first.get());
  // An interned value is also the table's: changing it through a holder copies it.
  made.change().floor = 4;
  CHECK(first->floor == 2);
  CHECK(&table.intern(place{"Porto", 2}).get() == &first.get());
  CHECK(table.size() == 1);
}
