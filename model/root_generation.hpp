#pragma once
// Generating a root token from unseal keys (`vault operator generate-root`), after Vault 1.14:
// vault/generate_root.go (the attempt: its nonce, OTP and key shares), http/sys_generate_root.go
// (the sys/generate-root/attempt and update endpoints, which decode a key share from hex or
// base64), sdk/helper/roottoken (the OTP and the token's encoding: XOR with the OTP, then base64
// without padding) and vault/logical_system.go handleGenerateRootDecodeTokenUpdate
// (sys/decode-token).
//
// A dev server has one key share and a threshold of one (command/server.go), so one share
// completes an attempt. The unseal key is drawn from the scenario's seed, as the lab's other
// IDs are; Vault draws it at random and prints it at start-up (`Unseal Key: …`).

#include "model/vault_error.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::rootgen {

/// TokenLength + TokenPrefixLength (vault/token_store.go): the length of an `hvs.` token, and
/// so of the OTP it is XORed with.
constexpr std::size_t otp_length = 28;
/// A dev server's seal configuration: one share, threshold one.
constexpr int required_shares = 1;

/// The dev server's unseal key: 32 bytes from the seed's own stream, as base64 with padding
/// (what `vault server -dev` prints as `Unseal Key:`).
std::string dev_unseal_key(std::uint64_t seed);

/// Go's base64.StdEncoding (with padding) and RawStdEncoding (without).
std::string base64_std(std::string_view bytes);
std::string base64_raw_std(std::string_view bytes);

/// roottoken.EncodeToken: the token XORed with the OTP (same length), base64 without padding.
outcome<std::string> encode_token(std::string_view token, std::string_view otp);

/// roottoken.DecodeToken with a non-zero OTP length: base64 without padding, then XOR with the
/// OTP. Errors are Vault's (`error decoding base64'd token: illegal base64 data at input byte
/// N`, `error xoring token: length of byte slices is not equivalent: 28 != 27`). An OTP length
/// of 0 (Vault's pre-1.10 base64 OTPs) is refused as not modelled.
outcome<std::string> decode_token(std::string_view encoded, std::string_view otp,
                                  std::size_t otp_len);

/// The key share of an update, as handleSysGenerateRootUpdate decodes it: hex when that gives
/// BarrierKeyLength's 16 to 33 bytes, else base64 (with padding); nullopt when neither works.
std::optional<std::string> decode_key_share(std::string_view text);

/// One attempt in progress (Core.generateRootConfig and generateRootProgress).
struct attempt {
  std::string nonce;
  std::string otp;
  std::vector<std::string> progress; ///< the key shares given so far (decoded)
};

/// The endpoints' state: at most one attempt.
struct state {
  std::optional<attempt> current;
};

/// GenerateRootInit: the OTP is checked before anything else (`OTP string is wrong length`);
/// then `root generation already in progress`. On success `current` holds the new attempt,
/// whose nonce `make_nonce` draws (uuid.GenerateUUID). `otp` empty and `pgp_key` empty: `otp or
/// pgp_key parameter must be provided` (the HTTP handler fills in a generated OTP before, so
/// only a direct call gets this).
std::optional<std::string> init(state& s, std::string_view otp, std::string_view pgp_key,
                                const std::function<std::string()>& make_nonce);

/// What an update did: its progress, and the attempt's OTP when it completed (the caller then
/// makes the root token and encodes it; the attempt is over).
struct update_result {
  int progress = 0;
  int required = required_shares;
  bool complete = false;
  std::string otp;   ///< set when complete
  std::string nonce; ///< the attempt's nonce
};

/// GenerateRootUpdate with a decoded key share: the key's length, the attempt, the nonce, a
/// share given twice, then the threshold; a share that is not the unseal key aborts
/// (`root generation aborted: …`) and leaves the attempt started with no progress.
outcome<update_result> update(state& s, const std::string& key, std::string_view nonce,
                              const std::string& unseal_key);

} // namespace tokenlab::rootgen
