#include "model/root_generation.hpp"

#include "model/go_base64.hpp"
#include "model/hex.hpp"
#include "model/ids.hpp"
#include "model/texts.hpp"

namespace tokenlab::rootgen {

namespace {

// The unseal key's own stream, apart from every other component's.
constexpr auto unseal_key_stream = static_cast<id_stream>(12);

// BarrierKeyLength: the AES-GCM barrier's key length (16 to 32 bytes), plus the overhead of a
// Shamir share (1).
constexpr std::size_t min_key = 16, max_key = 33;

std::optional<std::string> hex_decode(std::string_view in) {
  if (in.size() % 2 != 0)
    return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 2) {
    const int hi = hex_digit_value(in[i]), lo = hex_digit_value(in[i + 1]);
    if (hi < 0 || lo < 0)
      return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string xor_bytes(std::string_view a, std::string_view b) {
  std::string out(a.size(), '\0');
  for (std::size_t i = 0; i < a.size(); ++i)
    out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

} // namespace

std::string dev_unseal_key(std::uint64_t seed) {
  id_source ids{seed, unseal_key_stream};
  std::string key;
  while (key.size() < 32) {
    auto word = ids.next();
    for (int i = 0; i < 8 && key.size() < 32; ++i, word >>= 8)
      key.push_back(static_cast<char>(word & 0xFF));
  }
  return base64_std(key);
}

std::string base64_std(std::string_view bytes) {
  return go_base64::encode(bytes, go_base64::std_alphabet, true);
}

std::string base64_raw_std(std::string_view bytes) {
  return go_base64::encode(bytes, go_base64::std_alphabet, false);
}

outcome<std::string> encode_token(std::string_view token, std::string_view otp) {
  if (token.empty())
    return vault_error::internal("no token provided");
  if (otp.empty())
    return vault_error::internal("no otp provided");
  if (token.size() != otp.size())
    return vault_error::internal("xor of root token failed: length of byte slices is not "
                                 "equivalent: " +
                                 std::to_string(otp.size()) + " != " +
                                 std::to_string(token.size()));
  return base64_raw_std(xor_bytes(otp, token));
}

outcome<std::string> decode_token(std::string_view encoded, std::string_view otp,
                                  std::size_t otp_len) {
  if (otp_len == 0) {
    // xor.XORBase64(encoded, otp): both are read as padded base64 (Vault's pre-1.10 OTPs).
    auto a = go_base64::decode(encoded, go_base64::std_alphabet, true);
    if (a.bad_at)
      return vault_error::internal(texts::decode_token_xor_base64(
        "error decoding first base64 value: illegal base64 data at input byte " +
        std::to_string(*a.bad_at)));
    if (a.bytes.empty())
      return vault_error::internal(
        texts::decode_token_xor_base64("decoded first base64 value is nil or empty"));
    auto b = go_base64::decode(otp, go_base64::std_alphabet, true);
    if (b.bad_at)
      return vault_error::internal(texts::decode_token_xor_base64(
        "error decoding second base64 value: illegal base64 data at input byte " +
        std::to_string(*b.bad_at)));
    if (b.bytes.empty())
      return vault_error::internal(
        texts::decode_token_xor_base64("decoded second base64 value is nil or empty"));
    return vault_error::internal(texts::not_modelled("a UUID token (an OTP of base64 bytes)"));
  }
  auto bytes = go_base64::decode(encoded, go_base64::std_alphabet, false);
  if (bytes.bad_at)
    return vault_error::internal(texts::decode_token_bad_base64(*bytes.bad_at));
  if (bytes.bytes.size() != otp.size())
    return vault_error::internal(texts::decode_token_lengths(bytes.bytes.size(), otp.size()));
  return xor_bytes(bytes.bytes, otp);
}

std::optional<std::string> decode_key_share(std::string_view text) {
  if (auto hex = hex_decode(text); hex && hex->size() >= min_key && hex->size() <= max_key)
    return hex;
  auto b = go_base64::decode(text, go_base64::std_alphabet, true);
  if (b.bad_at)
    return std::nullopt;
  return b.bytes;
}

std::optional<std::string> init(state& s, std::string_view otp, std::string_view pgp_key,
                                const std::function<std::string()>& make_nonce) {
  if (!otp.empty()) {
    if (otp.size() != otp_length)
      return std::string{texts::otp_wrong_length};
  } else if (pgp_key.empty()) {
    return std::string{texts::otp_or_pgp_required};
  }
  if (s.current)
    return std::string{texts::root_generation_in_progress};
  s.current = attempt{make_nonce(), std::string{otp}, {}};
  return std::nullopt;
}

outcome<update_result> update(state& s, const std::string& key, std::string_view nonce,
                              const std::string& unseal_key) {
  if (key.size() < min_key)
    return vault_error::invalid(texts::key_share_too_short(min_key));
  if (key.size() > max_key)
    return vault_error::invalid(texts::key_share_too_long(max_key));
  if (!s.current)
    return vault_error::invalid(std::string{texts::no_root_generation});
  auto& a = *s.current;
  if (nonce != a.nonce)
    return vault_error::invalid(texts::incorrect_nonce(a.nonce));
  for (const auto& given : a.progress)
    if (given == key)
      return vault_error::invalid(std::string{texts::key_share_given_twice});
  a.progress.push_back(key);
  update_result r;
  r.progress = static_cast<int>(a.progress.size());
  r.nonce = a.nonce;
  if (r.progress < required_shares)
    return r;
  // Threshold 1: the share is the key itself. It must open the barrier's stored keys.
  const std::string combined = a.progress.front();
  a.progress.clear();
  if (combined != unseal_key)
    return vault_error::invalid(std::string{texts::root_generation_wrong_key});
  r.complete = true;
  r.otp = a.otp;
  s.current.reset();
  return r;
}

} // namespace tokenlab::rootgen
