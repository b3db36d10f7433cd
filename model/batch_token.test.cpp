#include "model/batch_token.hpp"
#include "model/batch_rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace tokenlab;

namespace {

const std::string b64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

barrier_key key_0_to_31() {
  barrier_key k{};
  for (std::size_t i = 0; i < k.size(); ++i)
    k[i] = static_cast<std::uint8_t>(i);
  return k;
}

gcm_nonce nonce_a0_to_ab() {
  gcm_nonce n{};
  for (std::size_t i = 0; i < n.size(); ++i)
    n[i] = static_cast<std::uint8_t>(0xA0 + i);
  return n;
}

batch_entry full_entry() {
  batch_entry e;
  e.parent = "hvs.t4deoUg22tSImr1eePbsc80k";
  e.policies = {"default", "dev"};
  e.path = "auth/token/create/ci";
  e.meta = {{"user", "ana"}, {"env", ""}};
  e.display_name = "token-ci";
  e.creation_time_s = 1704067200;
  e.ttl_ns = 3600LL * 1000000000LL;
  e.role = "ci";
  e.namespace_id = "root";
  return e;
}

batch_entry default_only() {
  batch_entry e;
  e.policies = {"default"};
  e.namespace_id = "";
  return e;
}

std::string unhex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// Changes one base64url character so that a significant bit of the decoded bytes flips
// (bit 5 of the 6-bit value is significant even in a partial last character).
std::string flip_char(std::string token, std::size_t pos) {
  auto v = b64url.find(token[pos]);
  token[pos] = b64url[v ^ 0x20];
  return token;
}

} // namespace

TEST_CASE("a batch entry's protobuf bytes are pb.TokenEntry's wire format", "[batch]") {
  // Hand-computed: field 4 (policies) length-delimited = tag 0x22, length 7, "default";
  // field 18 (type) varint = tag (18 << 3 | 0) = 144 = 0x90 0x01, value 2.
  CHECK(encode_batch_entry(default_only()) == std::string("\x22\x07"
                                                          "default"
                                                          "\x90\x01\x02"));
  // The lab's default namespace "root": field 16 = tag 130 = 0x82 0x01, length 4.
  CHECK(encode_batch_entry(batch_entry{}) == std::string("\x82\x01\x04root\x90\x01\x02"));
  // A negative TTL is an int64 varint of ten bytes (field 10: tag 0x50).
  batch_entry negative = default_only();
  negative.policies.clear();
  negative.ttl_ns = -1;
  CHECK(encode_batch_entry(negative) ==
        unhex("50ffffffffffffffffff01") + std::string("\x90\x01\x02"));
}

TEST_CASE("every modelled field is encoded as Go's proto.Marshal encodes pb.TokenEntry",
          "[batch]") {
  // google.golang.org/protobuf v1.31.0 (dynamicpb over backend.proto's TokenEntry fields,
  // Deterministic) for full_entry(): fields in number order, both halves of every map entry
  // written (env -> "" gives 0a 03 env 12 00), map entries sorted by key.
  CHECK(encode_batch_entry(full_entry()) ==
        unhex("1a1c6876732e743464656f556732327453496d723165655062736338306b2207646566"
              "61756c7422036465762a14617574682f746f6b656e2f6372656174652f636932070a03"
              "656e761200320b0a04757365721203616e613a08746f6b656e2d6369488081c8ac0650"
              "80c0e285e36862026369820104726f6f74900102"));
}

TEST_CASE("decoding reads what Vault may write and skips the fields the lab does not model",
          "[batch]") {
  std::string bytes = encode_batch_entry(full_entry());
  // entity_id (14) is read; bound_cidrs (15), internal_meta (19), no_identity_policies (21),
  // and unknown fixed32 / fixed64 fields: skipped, as Go keeps them as unknown fields.
  bytes += "\x72\x03"
           "ent"
           "\x7a\x09"
           "10.0.0./8"
           "\x9a\x01\x06\x0a\x01k\x12\x01v"
           "\xa8\x01\x01"
           "\xbd\x01\x01\x02\x03\x04"
           "\xc1\x01\x01\x02\x03\x04\x05\x06\x07\x08";
  auto e = decode_batch_entry(bytes);
  REQUIRE(e);
  CHECK(e->entity_id == "ent");
  e->entity_id.clear();
  CHECK(*e == full_entry());

  // A repeated scalar field: the last value wins. A map entry without a value: "".
  auto last = decode_batch_entry(std::string("\x62\x01x\x62\x01y\x32\x03\x0a\x01k", 11));
  REQUIRE(last);
  CHECK(last->role == "y");
  CHECK(last->meta.at("k").empty());
  CHECK(last->namespace_id.empty()); // absent on the wire
}

TEST_CASE("malformed protobuf is refused", "[batch]") {
  CHECK_FALSE(decode_batch_entry(std::string("\x22\x08"
                                             "default")));           // length past the end
  CHECK_FALSE(decode_batch_entry(std::string("\x48\x80")));          // varint cut short
  CHECK_FALSE(decode_batch_entry(unhex("48ffffffffffffffffff02")));  // varint overflows 64 bits
  CHECK_FALSE(decode_batch_entry(std::string("\x02\x00", 2)));       // field number 0
  CHECK_FALSE(decode_batch_entry(std::string("\x23")));              // a group
  CHECK_FALSE(decode_batch_entry(std::string("\x1a\x02\xc3\x28")));  // parent not UTF-8
  CHECK_FALSE(decode_batch_entry(std::string("\x32\x03\x0a\x05k"))); // map entry cut short
  CHECK(decode_batch_entry(std::string()));                          // empty is valid proto3
}

TEST_CASE("sealing matches an independent AES-256-GCM with the barrier's framing", "[batch]") {
  // Python's cryptography AESGCM(key 00..1f).encrypt(nonce a0..ab, entry bytes, None), framed
  // as term 1 (4 bytes BE), version 2, nonce, ciphertext+tag; base64 RawURL; "hvb.".
  CHECK(seal_batch_token(default_only(), key_0_to_31(), nonce_a0_to_ab()) ==
        "hvb.AAAAAQKgoaKjpKWmp6ipqqvEHxhII6p30xb1htEIPgHkK4INeJIzSxsKQLyM");
  CHECK(seal_batch_token(full_entry(), key_0_to_31(), nonce_a0_to_ab()) ==
        "hvb.AAAAAQKgoaKjpKWmp6ipqqv8BBRbNuV2iwYA6IZgSPKqI-U0YqPSJzz-fUW-T8BXBrYTIZ7aTicfXPhhv"
        "iNu4owzc2k8Dbt_EG49eTvFBOCf19W3aDqmgY6C8P8qhMTIz75u2bbGoPcb1H1K9dr_I7ns7WMrgmYjnc5bxrI"
        "Aa4VKJjMILN8x6VNAu06ltkGwy3xgUIC5nZ_n7oJ3CCQ");
}

TEST_CASE("a sealed batch token opens to every field it was sealed with", "[batch]") {
  auto key = key_0_to_31();
  for (const auto& e : {full_entry(), default_only(), batch_entry{}}) {
    auto opened = open_batch_token(seal_batch_token(e, key, nonce_a0_to_ab()), key);
    REQUIRE(opened);
    CHECK(opened->parent == e.parent);
    CHECK(opened->policies == e.policies);
    CHECK(opened->path == e.path);
    CHECK(opened->meta == e.meta);
    CHECK(opened->display_name == e.display_name);
    CHECK(opened->creation_time_s == e.creation_time_s);
    CHECK(opened->ttl_ns == e.ttl_ns);
    CHECK(opened->role == e.role);
    CHECK(opened->namespace_id == e.namespace_id);
  }
}

TEST_CASE("a batch token is hvb. and base64url, the same for the same inputs", "[batch]") {
  auto key = key_0_to_31();
  auto token = seal_batch_token(full_entry(), key, nonce_a0_to_ab());
  CHECK(token.rfind("hvb.", 0) == 0);
  CHECK(is_batch_token_string(token));
  CHECK(std::all_of(token.begin() + 4, token.end(),
                    [](char c) { return b64url.find(c) != std::string::npos; }));
  CHECK(seal_batch_token(full_entry(), key, nonce_a0_to_ab()) == token);

  auto other_nonce = nonce_a0_to_ab();
  other_nonce[11] ^= 1;
  auto other = seal_batch_token(full_entry(), key, other_nonce);
  CHECK(other != token);
  CHECK(open_batch_token(other, key) == full_entry());

  auto other_key = key;
  other_key[0] ^= 1;
  CHECK(seal_batch_token(full_entry(), other_key, nonce_a0_to_ab()) != token);
}

TEST_CASE("changing any one character of a batch token invalidates it", "[batch]") {
  auto key = key_0_to_31();
  auto token = seal_batch_token(full_entry(), key, nonce_a0_to_ab());
  REQUIRE(open_batch_token(token, key));
  // Body characters: 0-5 term (and the version's high half), 6 version, 7-22 nonce,
  // then ciphertext; the last 22 hold the 16-byte tag.
  const std::size_t body = 4, tag_chars = 22;
  SECTION("term") {
    CHECK_FALSE(open_batch_token(flip_char(token, body + 5), key));
  }
  SECTION("version") {
    CHECK_FALSE(open_batch_token(flip_char(token, body + 6), key));
  }
  SECTION("nonce") {
    CHECK_FALSE(open_batch_token(flip_char(token, body + 12), key));
  }
  SECTION("ciphertext") {
    CHECK_FALSE(open_batch_token(flip_char(token, body + 40), key));
  }
  SECTION("tag") {
    CHECK_FALSE(open_batch_token(flip_char(token, token.size() - tag_chars), key));
    CHECK_FALSE(open_batch_token(flip_char(token, token.size() - 1), key));
  }
  SECTION("every position") {
    std::size_t opened = 0;
    for (std::size_t pos = body; pos < token.size(); ++pos)
      opened += open_batch_token(flip_char(token, pos), key) ? 1 : 0;
    CHECK(opened == 0);
  }
}

TEST_CASE("the term and version byte are checked as the barrier checks them", "[batch]") {
  auto key = key_0_to_31();
  // default_only() sealed with key 00..1f, nonce a0..ab, the header bytes rewritten. The
  // header is outside the GCM tag: version 1 decrypts as version 2 does when there is no AAD
  // (Vault's decrypt() accepts both), version 3 is unknown, term 2 has no key.
  CHECK(open_batch_token("hvb.AAAAAQGgoaKjpKWmp6ipqqvEHxhII6p30xb1htEIPgHkK4INeJIzSxsKQLyM", key) ==
        default_only());
  CHECK_FALSE(
    open_batch_token("hvb.AAAAAQOgoaKjpKWmp6ipqqvEHxhII6p30xb1htEIPgHkK4INeJIzSxsKQLyM", key));
  CHECK_FALSE(
    open_batch_token("hvb.AAAAAgKgoaKjpKWmp6ipqqvEHxhII6p30xb1htEIPgHkK4INeJIzSxsKQLyM", key));
}

TEST_CASE("a batch token does not open with another key, truncated, or under another prefix",
          "[batch]") {
  auto key = key_0_to_31();
  auto token = seal_batch_token(full_entry(), key, nonce_a0_to_ab());
  auto wrong_key = key;
  wrong_key[31] ^= 0x80;
  CHECK_FALSE(open_batch_token(token, wrong_key));

  for (std::size_t cut :
       {std::size_t{1}, std::size_t{2}, std::size_t{22}, token.size() - 27, token.size() - 4})
    CHECK_FALSE(open_batch_token(token.substr(0, token.size() - cut), key));
  CHECK_FALSE(open_batch_token("hvb.", key));
  CHECK_FALSE(open_batch_token("", key));

  const std::string body = token.substr(4);
  CHECK(open_batch_token("b." + body, key) == full_entry()); // Vault ≤ 1.9's prefix
  CHECK_FALSE(open_batch_token("hvs." + body, key));
  CHECK_FALSE(open_batch_token("s." + body, key));
  CHECK_FALSE(open_batch_token("HVB." + body, key));
  CHECK_FALSE(open_batch_token(body, key));
}

TEST_CASE("batch token bodies are decoded as Go's base64.RawURLEncoding", "[batch]") {
  auto key = key_0_to_31();
  auto token = seal_batch_token(default_only(), key, nonce_a0_to_ab());
  CHECK_FALSE(open_batch_token(token + "==", key)); // no padding in RawURL
  // '+' and '/' are StdEncoding's, not URL-safe.
  CHECK_FALSE(open_batch_token(token.substr(0, 20) + "+" + token.substr(21), key));
  CHECK_FALSE(open_batch_token(token.substr(0, 20) + "/" + token.substr(21), key));
  CHECK_FALSE(open_batch_token(token + ".ns1", key)); // namespaces are not modelled
  // Go's decoder skips '\r' and '\n' anywhere in the input.
  CHECK(open_batch_token(token.substr(0, 20) + "\r\n" + token.substr(20), key) == default_only());
}

TEST_CASE("a batch token grows with its policies and metadata", "[batch]") {
  auto key = key_0_to_31();
  auto nonce = nonce_a0_to_ab();
  batch_entry e = default_only();
  auto size_of = [&](const batch_entry& x) { return seal_batch_token(x, key, nonce).size(); };
  auto base = size_of(e);
  // 4 + base64 of (4 term + 1 version + 12 nonce + protobuf + 16 tag), no padding.
  auto expected = [](std::size_t pb) { return 4 + ((33 + pb) * 4 + 2) / 3; };
  CHECK(base == expected(encode_batch_entry(e).size()));
  e.policies.push_back("deploy-production");
  auto with_policy = size_of(e);
  CHECK(with_policy > base);
  CHECK(with_policy == expected(encode_batch_entry(e).size()));
  e.meta["team"] = "payments";
  CHECK(size_of(e) > with_policy);
  CHECK(size_of(full_entry()) == 215);
}

TEST_CASE("batch token strings are recognised by their prefix", "[batch]") {
  CHECK(is_batch_token_string("hvb.AAAA"));
  CHECK(is_batch_token_string("b.AAAA"));
  CHECK(is_batch_token_string("hvb."));
  CHECK_FALSE(is_batch_token_string("hvs.t4deoUg22tSImr1eePbsc80k"));
  CHECK_FALSE(is_batch_token_string("s.AAAA"));
  CHECK_FALSE(is_batch_token_string("hvb"));
  CHECK_FALSE(is_batch_token_string("B.AAAA"));
  CHECK_FALSE(is_batch_token_string(""));
}

TEST_CASE("a batch token entry survives its seal: times, parent, policies", "[batch]") {
  token_entry e;
  e.parent = "hvs.parentparentparentpare";
  e.policies = {"default", "test"};
  e.origin.change().path = "auth/token/create";
  e.creation_time = sim_time{std::chrono::minutes{5}};
  e.ttl = std::chrono::minutes{20};
  e.type = token_type::batch;
  barrier_keyring ring{9};
  const auto token = ring.seal(e, 1704067200);
  auto back = ring.open(token, 1704067200);
  REQUIRE(back);
  CHECK(back->id == token);
  CHECK(back->parent == e.parent);
  CHECK(back->policies == e.policies);
  CHECK(back->creation_time == e.creation_time);
  CHECK(back->ttl == e.ttl);
  CHECK(back->expire_time == sim_time{std::chrono::minutes{25}});
  CHECK(back->type == token_type::batch);
  CHECK_FALSE(back->renewable);
  CHECK(back->accessor.empty());
  // Another seed is another barrier key: the token does not open.
  CHECK_FALSE(barrier_keyring{10}.open(token, 1704067200));
  // Two seals of the same entry use two nonces.
  CHECK(ring.seal(e, 1704067200) != token);
}
