#include "model/token_entry.hpp"

#include <catch2/catch.hpp>

#include <cstddef>

using namespace tokenlab;

namespace {

// Where a member lies in its entry, in bytes from the entry's first.
template <class M>
std::ptrdiff_t end_of(const token_entry& e, const M& member) {
  return reinterpret_cast<const char*>(&member) + sizeof member -
         reinterpret_cast<const char*>(&e);
}

} // namespace

TEST_CASE("a token entry holds what a check reads in its first 32 bytes, then a renewal's") {
  // A shared entry's block starts with its 16-byte reference count, which every request that
  // takes the entry touches: what a check reads next (type, uses, expiry) shares that cache
  // line in most blocks, and what a renewal reads follows it.
  const token_entry e;
  CHECK(end_of(e, e.type) <= 32);
  CHECK(end_of(e, e.num_uses) <= 32);
  CHECK(end_of(e, e.expire_time) <= 32);
  for (auto end : {end_of(e, e.renewable), end_of(e, e.from_login), end_of(e, e.has_lease),
                   end_of(e, e.ttl), end_of(e, e.issue_time), end_of(e, e.last_renewal),
                   end_of(e, e.creation_time), end_of(e, e.creation_ttl),
                   end_of(e, e.explicit_max_ttl), end_of(e, e.period), end_of(e, e.login_ttl),
                   end_of(e, e.login_max_ttl)})
    CHECK(end <= 112);
}
