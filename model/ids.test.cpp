#include "model/ids.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>

using namespace tokenlab;

namespace {

const std::string base62_chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool all_in(const std::string& s, const std::string& alphabet) {
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alphabet.find(c) != std::string::npos; });
}

} // namespace

TEST_CASE("splitmix64 produces the published reference outputs") {
  // Vigna's splitmix64.c: seed 0 -> 0xE220A8397B1DCDAF; seed 1234567 -> the sequence below
  // (the same vectors other ports test against).
  splitmix64 zero{0};
  CHECK(zero.next() == 0xE220A8397B1DCDAFULL);
  splitmix64 r{1234567};
  CHECK(r.next() == 6457827717110365317ULL);
  CHECK(r.next() == 3203168211198807973ULL);
  CHECK(r.next() == 9817491932198370423ULL);
  CHECK(r.next() == 4593380528125082431ULL);
  CHECK(r.next() == 16408922859458223821ULL);
}

TEST_CASE("splitmix64's first output for seed 1 is mix64(1 + gamma), as the workload spec says") {
  splitmix64 r{1};
  CHECK(r.next() == splitmix64::mix64(1 + splitmix64::gamma));
  CHECK(splitmix64::mix64(1 + splitmix64::gamma) == 0x910A2DEC89025CC1ULL);
  CHECK(r.next() == splitmix64::mix64(1 + 2 * splitmix64::gamma));
}

TEST_CASE("an id source starts from mix64(seed ^ stream * gamma)") {
  id_source ids{1, id_stream::token_store};
  splitmix64 expected{splitmix64::mix64(1 ^ (1 * splitmix64::gamma))};
  CHECK(ids.next() == expected.next());
  CHECK(id_source{1, id_stream::token_store}.next() == 0x5DC20AA7B2A27137ULL);
}

TEST_CASE("the first ids of seed 1 are pinned, so a change of generator is noticed") {
  id_source tokens{1, id_stream::token_store};
  CHECK(make_service_token_id(tokens) == "hvs.t4deoUg22tSImr1eePbsc80k");
  CHECK(make_accessor(tokens) == "qcbwcIjNDrOPAIJx5H6Cam1z");
  CHECK(tokens.uuid() == "079d3211-1074-45de-a746-7b4da0c64eb9");
  id_source requests{1, id_stream::requests};
  CHECK(requests.uuid() == "8034e62c-237b-415a-9006-c1cfb9f21c7c");
}

TEST_CASE("the same seed and stream give the same ids in every run") {
  id_source a{20240101, id_stream::secrets};
  id_source b{20240101, id_stream::secrets};
  for (int i = 0; i < 50; ++i) {
    CHECK(make_service_token_id(a) == make_service_token_id(b));
    CHECK(a.uuid() == b.uuid());
  }
}

TEST_CASE("different streams and seeds give different ids") {
  id_source tokens{7, id_stream::token_store};
  id_source secrets{7, id_stream::secrets};
  id_source other_seed{8, id_stream::token_store};
  const auto t = make_accessor(tokens);
  CHECK(t != make_accessor(secrets));
  CHECK(t != make_accessor(other_seed));
}

TEST_CASE("a service token is hvs. plus 24 base62 characters and an accessor is 24 base62") {
  id_source ids{99, id_stream::token_store};
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto id = make_service_token_id(ids);
    REQUIRE(id.size() == 28);
    CHECK(id.substr(0, 4) == "hvs.");
    CHECK(all_in(id.substr(4), base62_chars));
    const auto acc = make_accessor(ids);
    REQUIRE(acc.size() == 24);
    CHECK(all_in(acc, base62_chars));
    seen.insert(id);
    seen.insert(acc);
  }
  CHECK(seen.size() == 400);
}

TEST_CASE("base62 draws use every symbol of the alphabet") {
  id_source ids{3, id_stream::requests};
  const auto s = ids.base62(5000);
  CHECK(s.size() == 5000);
  CHECK(std::set<char>(s.begin(), s.end()).size() == 62);
}

TEST_CASE("base62 characters appended are the ones base62 draws") {
  id_source drawn{7, id_stream::secrets};
  id_source appended{7, id_stream::secrets};
  std::string id = "aws/creds/app/";
  appended.append_base62(id, 24);
  CHECK(id == "aws/creds/app/" + drawn.base62(24));
  appended.append_base62(id, 3); // the streams stay in step
  CHECK(id.substr(38) == drawn.base62(3));
}

TEST_CASE("chars draws only from the given alphabet") {
  id_source ids{42, id_stream::secrets};
  CHECK(ids.chars(16, "ab") == "bbabbabbbabbbaba");
  const auto digits = ids.chars(64, "0123456789");
  CHECK(digits.size() == 64);
  CHECK(all_in(digits, "0123456789"));
  CHECK(ids.chars(5, "x") == "xxxxx");
  CHECK(ids.chars(5, "").empty());
  CHECK(ids.chars(0, "abc").empty());
}

TEST_CASE("chars draws what one chunk at a time would, for every alphabet size and length") {
  // The rule, chunk by chunk: each word gives 64 / bits chunks, lowest first; a chunk that
  // numbers no symbol is dropped, and so are a word's chunks left once n symbols are drawn.
  const auto one_at_a_time = [](splitmix64& rng, std::size_t n, const std::string& alphabet) {
    const std::uint64_t k = alphabet.size();
    unsigned bits = 1;
    while ((std::uint64_t{1} << bits) < k)
      ++bits;
    std::string out;
    while (out.size() < n) {
      std::uint64_t word = rng.next();
      for (unsigned i = 0; i < 64 / bits && out.size() < n; ++i, word >>= bits)
        if ((word & ((std::uint64_t{1} << bits) - 1)) < k)
          out += alphabet[word & ((std::uint64_t{1} << bits) - 1)];
    }
    return out;
  };
  std::string symbols;
  for (int c = 0; c < 100; ++c)
    symbols += static_cast<char>('!' + c);
  for (std::size_t k : {2, 3, 16, 31, 33, 36, 62, 64, 65, 100}) {
    const auto alphabet = symbols.substr(0, k);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      // The same stream drawn both ways, in lengths that end words anywhere.
      id_source ids{seed, id_stream::secrets};
      splitmix64 rng{splitmix64::mix64(seed ^ (2 * splitmix64::gamma))};
      for (std::size_t n = 0; n <= 45; ++n)
        REQUIRE(ids.chars(n, alphabet) == one_at_a_time(rng, n, alphabet));
    }
  }
}

TEST_CASE("a request_id is a lower-case version-4 UUID") {
  id_source ids{5, id_stream::requests};
  for (int i = 0; i < 100; ++i) {
    const auto u = ids.uuid();
    REQUIRE(u.size() == 36);
    CHECK(u[8] == '-');
    CHECK(u[13] == '-');
    CHECK(u[18] == '-');
    CHECK(u[23] == '-');
    CHECK(u[14] == '4');
    CHECK(std::string{"89ab"}.find(u[19]) != std::string::npos);
    std::string hex = u;
    hex.erase(std::remove(hex.begin(), hex.end(), '-'), hex.end());
    CHECK(hex.size() == 32);
    CHECK(all_in(hex, "0123456789abcdef"));
  }
}
