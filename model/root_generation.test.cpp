#include "model/root_generation.hpp"

#include "model/texts.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using namespace tokenlab::rootgen;

TEST_CASE("a root token is XORed with the OTP and base64-encoded without padding, as "
          "roottoken.EncodeToken does") {
  CHECK(base64_std("hello") == "aGVsbG8=");
  CHECK(base64_raw_std("hello") == "aGVsbG8");
  // 'h' ^ 'A' = 0x29, 'v' ^ 'A' = 0x37, …: the encoded text is the XOR's base64.
  const std::string token = "hvs.0123456789abcdefghijklmn";
  const std::string otp = "AAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  REQUIRE(token.size() == otp_length);
  auto encoded = encode_token(token, otp);
  REQUIRE(encoded);
  CHECK(encoded->size() == 38); // 28 bytes, no padding
  CHECK(encoded->substr(0, 4) == "KTcy"); // 0x29 0x37 0x32
  auto decoded = decode_token(*encoded, otp, otp_length);
  REQUIRE(decoded);
  CHECK(*decoded == token);
  // sdk/helper/roottoken/encode_test.go: the OTP's length first, then the token's.
  auto mismatch = encode_token("someToken", "0123456789");
  REQUIRE_FALSE(mismatch);
  CHECK(mismatch.error().message() ==
        "xor of root token failed: length of byte slices is not equivalent: 10 != 9");
  CHECK(encode_token("", "x").error().message() == "no token provided");
}

TEST_CASE("decoding a root token fails with roottoken.DecodeToken's texts") {
  const std::string otp(otp_length, 'A');
  auto bad = decode_token("KTcy!xyz", otp, otp_length);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message() == "error decoding base64'd token: illegal base64 data at input byte 4");
  // Padding is no base64 character of RawStdEncoding.
  CHECK(decode_token("aGVsbG8=", otp, otp_length).error().message() ==
        "error decoding base64'd token: illegal base64 data at input byte 7");
  // A lone last character is corrupt at its own index.
  CHECK(decode_token("aGVsb", otp, otp_length).error().message() ==
        "error decoding base64'd token: illegal base64 data at input byte 4");
  CHECK(decode_token("aGVsbG8", otp, otp_length).error().message() ==
        "error xoring token: length of byte slices is not equivalent: 5 != 28");
  // sys/decode-token with no OTP: the pre-1.10 path reads both as padded base64.
  CHECK(decode_token("aGVsbG8", "", 0).error().message() ==
        "error xoring token: error decoding first base64 value: illegal base64 data at input "
        "byte 4");
  CHECK(decode_token("aGVsbG8=", "", 0).error().message() ==
        "error xoring token: decoded second base64 value is nil or empty");
}

TEST_CASE("a key share is read as hex when that gives 16 to 33 bytes, else as base64") {
  const std::string key = dev_unseal_key(7);
  CHECK(key.size() == 44);
  CHECK(key.back() == '=');
  CHECK(dev_unseal_key(7) == key);
  CHECK(dev_unseal_key(8) != key);
  auto bytes = decode_key_share(key);
  REQUIRE(bytes);
  CHECK(bytes->size() == 32);
  CHECK(base64_std(*bytes) == key);
  // 32 hex digits: 16 bytes of hex, not 24 of base64.
  auto hex = decode_key_share("00112233445566778899aabbccddeeff");
  REQUIRE(hex);
  CHECK(hex->size() == 16);
  CHECK_FALSE(decode_key_share("not base64!"));
}

TEST_CASE("an attempt takes one share on a dev server, its nonce, its OTP and the key are "
          "checked as GenerateRootUpdate checks them") {
  state s;
  const std::string otp(otp_length, 'x');
  int drawn = 0;
  auto nonce = [&drawn] { return "n" + std::to_string(++drawn); };
  CHECK(init(s, "short", "", nonce) == std::string{texts::otp_wrong_length});
  CHECK(init(s, "", "", nonce) == std::string{texts::otp_or_pgp_required});
  CHECK_FALSE(s.current);
  CHECK_FALSE(init(s, otp, "", nonce));
  REQUIRE(s.current);
  CHECK(init(s, otp, "", nonce) == std::string{texts::root_generation_in_progress});
  CHECK(s.current->nonce == "n1");
  CHECK(drawn == 1); // a nonce is drawn only for an attempt that starts

  const auto unseal = *decode_key_share(dev_unseal_key(1));
  CHECK(update(s, "short", "n1", unseal).error().message() ==
        "invalid key: key is shorter than minimum 16 bytes");
  CHECK(update(s, std::string(34, 'k'), "n1", unseal).error().message() ==
        "invalid key: key is longer than maximum 33 bytes");
  CHECK(update(s, unseal, "n2", unseal).error().message() ==
        "incorrect nonce supplied; nonce for this root generation operation is \"n1\"");
  // A wrong share aborts the combination but leaves the attempt started.
  auto wrong = update(s, std::string(32, 'k'), "n1", unseal);
  CHECK(wrong.error().message() == std::string{texts::root_generation_wrong_key});
  REQUIRE(s.current);
  CHECK(s.current->progress.empty());
  auto done = update(s, unseal, "n1", unseal);
  REQUIRE(done);
  CHECK(done->complete);
  CHECK(done->progress == 1);
  CHECK(done->required == 1);
  CHECK(done->otp == otp);
  CHECK_FALSE(s.current);
  CHECK(update(s, unseal, "n1", unseal).error().message() == "no root generation in progress");
}
