#include "actors/core.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tokenlab;

namespace {

const std::string alice = "hvs.t4deoUg22tSImr1eePbsc80k";
const std::string bob = "hvs.qcbwcIjNDrOPAIJx5H6Cam1z";

// A live lease `id` owned by `owner`, held by it.
id_map<lease_ref>::value_type& held_lease(lease_registry& r, const std::string& id,
                                          const std::string& owner) {
  auto& l = *r.live.try_emplace(id).first;
  l.second.entry.owner = owner;
  r.hold(l);
  return l;
}

std::vector<std::string> ids(std::initializer_list<const char*> xs) {
  return {xs.begin(), xs.end()};
}

} // namespace

TEST_CASE("the registry holds a token's counted leases in the order they were made") {
  lease_registry r;
  held_lease(r, "aws/creds/app/1", alice);
  held_lease(r, "aws/creds/app/2", bob);
  held_lease(r, "aws/creds/app/3", alice);
  held_lease(r, "aws/creds/app/4", alice);
  CHECK(r.held.size() == 2);
  CHECK(r.let_go_all(alice) == ids({"aws/creds/app/1", "aws/creds/app/3", "aws/creds/app/4"}));
  // Let go of: the token's entry is gone, its leases no longer held (their records stay, to
  // be revoked one after the other).
  CHECK(r.held.size() == 1);
  CHECK(r.held.count(alice) == 0);
  CHECK_FALSE(r.live.find("aws/creds/app/3")->second.held);
  CHECK(r.let_go_all(alice).empty());
  CHECK(r.let_go_all(bob) == ids({"aws/creds/app/2"}));
  CHECK(r.held.empty());
}

TEST_CASE("a held lease that ends first is let go from its token's list, wherever it is") {
  lease_registry r;
  auto& first = held_lease(r, "aws/creds/app/1", alice);
  auto& middle = held_lease(r, "aws/creds/app/2", alice);
  auto& last = held_lease(r, "aws/creds/app/3", alice);
  held_lease(r, "aws/creds/app/4", alice);

  SECTION("the middle one") {
    r.let_go(middle);
    CHECK_FALSE(middle.second.held);
    CHECK(r.let_go_all(alice) == ids({"aws/creds/app/1", "aws/creds/app/3", "aws/creds/app/4"}));
  }
  SECTION("the first and the last") {
    r.let_go(first);
    r.let_go(*r.live.find("aws/creds/app/4"));
    CHECK(r.let_go_all(alice) == ids({"aws/creds/app/2", "aws/creds/app/3"}));
  }
  SECTION("all of them: the token's entry goes") {
    for (const char* id : {"aws/creds/app/3", "aws/creds/app/1", "aws/creds/app/4"})
      r.let_go(*r.live.find(id));
    r.let_go(middle);
    CHECK(r.held.empty());
    // Let go twice, or a lease never held: nothing happens.
    r.let_go(last);
    auto& loose = *r.live.try_emplace("aws/creds/app/5").first;
    loose.second.entry.owner = bob;
    r.let_go(loose);
    CHECK(r.held.empty());
  }
  SECTION("a lease held after the others went is the list's only one") {
    for (const char* id :
         {"aws/creds/app/1", "aws/creds/app/2", "aws/creds/app/3", "aws/creds/app/4"})
      r.let_go(*r.live.find(id));
    held_lease(r, "aws/creds/app/6", alice);
    CHECK(r.let_go_all(alice) == ids({"aws/creds/app/6"}));
  }
}
