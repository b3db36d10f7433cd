#include "model/id_map.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace tokenlab;

namespace {

// An ID of the length and alphabet of a token's (or `pad` characters longer than the key
// keeps inline), from a small pool so that keys come back.
std::string id_of(std::mt19937_64& rng, int pool, std::size_t pad = 20) {
  return "hvs." + std::to_string(rng() % static_cast<std::uint64_t>(pool)) + std::string(pad, 'x');
}

// Every key of the reference is found with its value, and the map has nothing else.
void check_same(const id_map<int>& m, const std::map<std::string, int>& ref) {
  REQUIRE(m.size() == ref.size());
  for (const auto& [key, value] : ref) {
    auto it = m.find(key);
    REQUIRE(it != m.end());
    CHECK(it->first == key);
    CHECK(it->second == value);
  }
  std::vector<std::string> seen;
  for (const auto& [key, value] : m)
    seen.push_back(key.str());
  std::sort(seen.begin(), seen.end());
  std::vector<std::string> keys;
  for (const auto& [key, value] : ref)
    keys.push_back(key);
  CHECK(seen == keys);
}

} // namespace

TEST_CASE("the ID map finds, adds and erases records as an ordered map of the same keys does") {
  // Insertions and erasures interleaved over a pool of keys, so that the slots fill, grow,
  // and lose entries in the middle of probe runs (the backward shift), against std::map;
  // keys held inline, and keys longer than that.
  const std::size_t pad = GENERATE(std::size_t{20}, id_key::inline_size);
  std::mt19937_64 rng{12};
  id_map<int> m;
  std::map<std::string, int> ref;
  for (int round = 0; round < 40000; ++round) {
    auto key = id_of(rng, 3000, pad);
    if (rng() % 5 < 3) {
      auto [it, made] = m.try_emplace(key, round);
      auto [rit, rmade] = ref.try_emplace(key, round);
      REQUIRE(made == rmade);
      CHECK(it->second == rit->second);
    } else {
      CHECK(m.erase(key) == ref.erase(key));
    }
    if (round % 997 == 0)
      check_same(m, ref);
  }
  check_same(m, ref);
  // Erasing through iterators until none is left.
  while (!m.empty()) {
    auto it = m.find(ref.begin()->first);
    REQUIRE(it != m.end());
    m.erase(it);
    ref.erase(ref.begin());
  }
  check_same(m, ref);
  CHECK(m.find("hvs.1") == m.end());
}

TEST_CASE("an ID map's records stay where they are while others come and go") {
  id_map<std::string> m;
  auto& first = m["hvs.first-of-many-tokens"];
  first = "kept";
  const auto* where = &first;
  for (int i = 0; i < 10000; ++i) // many growths of the slots
    m.try_emplace("lease/" + std::to_string(i), "v");
  for (int i = 0; i < 10000; i += 2)
    m.erase("lease/" + std::to_string(i));
  auto it = m.find("hvs.first-of-many-tokens");
  REQUIRE(it != m.end());
  CHECK(&it->second == where);
  CHECK(it->second == "kept");
  CHECK(m.size() == 5001);
  // A key looked up as a string_view, and one that is only a prefix of a stored key.
  CHECK(m.count(std::string_view{"lease/1"}) == 1);
  CHECK(m.count("lease/") == 0);
  CHECK(m.count("lease/2") == 0);
  // try_emplace keeps the record there is.
  auto [again, made] = m.try_emplace("hvs.first-of-many-tokens", "other");
  CHECK_FALSE(made);
  CHECK(again->second == "kept");
}

TEST_CASE("an ID map moved from is empty and the one moved to has its records") {
  id_map<int> a;
  a["x-one"] = 1;
  a["x-two"] = 2;
  const auto* one = &a.find("x-one")->second;
  id_map<int> b{std::move(a)};
  CHECK(b.size() == 2);
  CHECK(&b.find("x-one")->second == one);
  CHECK(a.empty()); // NOLINT(bugprone-use-after-move): the moved-from state is specified
  CHECK(a.find("x-one") == a.end());
  a["x-three"] = 3; // a moved-from map is usable
  CHECK(a.size() == 1);
  b = std::move(a);
  CHECK(b.size() == 1);
  CHECK(b.find("x-two") == b.end());
  CHECK(b.find("x-three")->second == 3);
}

TEST_CASE("an ID map's key holds its characters, inline up to its inline size and beyond it") {
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{28}, id_key::inline_size - 1,
                        id_key::inline_size, id_key::inline_size + 1, std::size_t{300}}) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
      s.push_back(static_cast<char>('a' + i % 26));
    const id_key k{s};
    CHECK(k.size() == n);
    CHECK(k.view() == s);
    CHECK(k.str() == s);
    CHECK(k == s);
    CHECK(s == k);
    CHECK(k != s + "z");
    CHECK_FALSE(k == s + "z");
    if (n > 0) {
      CHECK(k != s.substr(0, n - 1));
      CHECK(s.substr(1) != k);
    }
    // Inline keys live in the key: a token's ID is read with its record.
    const bool inline_chars = k.data() >= reinterpret_cast<const char*>(&k) &&
                              k.data() < reinterpret_cast<const char*>(&k) + sizeof k;
    CHECK(inline_chars == (n <= id_key::inline_size));
  }
  id_map<int> m;
  const std::string longer(id_key::inline_size + 5, 'k');
  m[longer] = 7;
  m["hvs.short"] = 8;
  CHECK(m.find(longer)->first == longer);
  CHECK(m.find(longer)->second == 7);
  CHECK(m.find(longer.substr(1)) == m.end());
  CHECK(m.find("hvs.short")->first.str() == "hvs.short");
}

TEST_CASE("a map of long IDs keeps a 64-character name in its key") {
  id_map<int, long_id_key> m;
  const std::string name = "vault-kubernetes-hashicups-web-deploy-1704067200-E8p1xNcsir7WRw9";
  REQUIRE(name.size() == 64);
  REQUIRE(name.size() > id_key::inline_size);
  m[name] = 1;
  m[name + "x"] = 2;
  const auto in_key = [](const long_id_key& k) {
    return k.data() >= reinterpret_cast<const char*>(&k) &&
           k.data() < reinterpret_cast<const char*>(&k) + sizeof k;
  };
  const auto& key = m.find(name)->first;
  CHECK(key == name);
  CHECK(in_key(key));
  const auto& longer = m.find(name + "x")->first;
  CHECK(longer == name + "x");
  CHECK_FALSE(in_key(longer));
  CHECK(m.find(name)->second == 1);
  CHECK(m.erase(name) == 1);
  CHECK(m.find(name) == m.end());
  CHECK(m.find(name + "x")->second == 2);
}

TEST_CASE("an ID map gives an erased record's block to the next record, and keeps few spares") {
  id_map<std::string> m;
  m.try_emplace("hvs.gone", "revoked");
  const auto* block = &*m.find("hvs.gone");
  CHECK(m.erase("hvs.gone") == 1);
  CHECK(m.spares() == 1);
  auto [made, fresh] = m.try_emplace("hvs.next", "issued");
  REQUIRE(fresh);
  CHECK(&*made == block); // the block just erased, last erased first
  CHECK(made->first == "hvs.next");
  CHECK(made->second == "issued");
  CHECK(m.spares() == 0);

  // The spares stay within a quarter of the records, and 64, as records come and go.
  const auto bound = [&m] { return std::max<std::size_t>(64, m.size() / 4); };
  for (int i = 0; i < 20000; ++i)
    m.try_emplace("lease/" + std::to_string(i), "v");
  for (int i = 0; i < 20000; i += 2) { // half of them: the bound holds all of these
    m.erase("lease/" + std::to_string(i));
    REQUIRE(m.spares() <= bound());
  }
  CHECK(m.spares() == 10001 / 4); // a quarter of the 10,001 records left
  for (int i = 1; i < 20000; i += 2) {
    m.erase("lease/" + std::to_string(i));
    REQUIRE(m.spares() <= bound());
  }
  CHECK(m.size() == 1);
  CHECK(m.spares() == 64);
  m.clear();
  CHECK(m.spares() == 64);
  CHECK(m.find("hvs.next") == m.end());
}

namespace {
struct refuses {
  explicit refuses(int n) {
    if (n < 0)
      throw std::invalid_argument("negative");
  }
};
} // namespace

TEST_CASE("an ID map whose record cannot be made is unchanged and keeps the block") {
  id_map<refuses> m;
  m.try_emplace("hvs.one", 1);
  CHECK_THROWS_AS(m.try_emplace("hvs.two", -1), std::invalid_argument);
  CHECK(m.size() == 1);
  CHECK(m.find("hvs.two") == m.end());
  CHECK(m.spares() == 1);
  m.try_emplace("hvs.three", 3);
  CHECK(m.spares() == 0);
  CHECK(m.size() == 2);
}

// Built with AddressSanitizer (the sanitizer build of ./lab test): GCC says so by a macro,
// clang by a feature.
#if defined(__SANITIZE_ADDRESS__)
#define TOKENLAB_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TOKENLAB_TEST_ASAN 1
#endif
#endif

#ifdef TOKENLAB_TEST_ASAN
TEST_CASE("under AddressSanitizer an erased record's block is poisoned until the next record") {
  id_map<std::string> m;
  m.try_emplace("hvs.gone", "revoked");
  const auto* record = &*m.find("hvs.gone");
  const char* past_link = reinterpret_cast<const char*>(record) + sizeof(void*);
  const char* last = reinterpret_cast<const char*>(record) + sizeof *record - 1;
  CHECK_FALSE(__asan_address_is_poisoned(past_link));
  m.erase("hvs.gone");
  CHECK(__asan_address_is_poisoned(past_link)); // a read of the erased record is reported
  CHECK(__asan_address_is_poisoned(last));
  m.try_emplace("hvs.next", "issued");
  REQUIRE(&*m.find("hvs.next") == record);
  CHECK_FALSE(__asan_address_is_poisoned(past_link));
  CHECK_FALSE(__asan_address_is_poisoned(last));
}
#endif
