#pragma once
// Vault's batch tokens (Vault 1.14 vault/token_store.go): nothing is stored; the token
// string itself carries the entry. Vault 1.14's TokenStore.create() marshals a pb.TokenEntry
// (sdk/plugin/pb/backend.proto) with only the batch-relevant fields, encrypts it with the
// barrier (vault/barrier_aes_gcm.go: term, version byte, nonce, AES-256-GCM), encodes it base64
// RawURL and prefixes "hvb."; lookupBatchToken reverses that on every use.
//
// Pure code (std + OpenSSL libcrypto): the key and the nonce come from the caller, which draws
// them from the scenario's seed, so the same scenario prints the same batch tokens.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// The fields of pb.TokenEntry a batch token carries that the lab models. Vault also carries
/// internal_meta, inline_policy, no_identity_policies and bound_cidrs; the lab has no inline
/// policies and no client addresses, so they are always empty here.
struct batch_entry {
  std::string parent;                ///< parent's internal ID; "" for an orphan
  std::vector<std::string> policies; ///< as the token store sanitized them
  std::string path;                  ///< e.g. "auth/token/create"
  std::map<std::string, std::string> meta;
  std::string display_name;
  std::int64_t creation_time_s = 0; ///< unix seconds
  std::int64_t ttl_ns = 0;          ///< nanoseconds (Go's time.Duration)
  std::string role;
  std::string entity_id;
  /// Vault puts the creating request's namespace ID; in the root namespace that is "root"
  /// (helper/namespace RootNamespaceID), the only namespace the lab models.
  std::string namespace_id = "root";

  bool operator==(const batch_entry& other) const;
  bool operator!=(const batch_entry& other) const { return !(*this == other); }
};

using barrier_key = std::array<std::uint8_t, 32>; ///< AES-256 key of the barrier keyring
using gcm_nonce = std::array<std::uint8_t, 12>;   ///< AES-GCM standard nonce

/// The keyring term the lab's single barrier key has (Vault's first key is term 1).
inline constexpr std::uint32_t batch_key_term = 1;
/// vault/barrier_aes_gcm.go AESGCMVersion2: the version byte Vault 1.14's barrier writes.
inline constexpr std::uint8_t aes_gcm_version2 = 0x2;
/// The token type pb.TokenEntry.type holds for a batch token (logical.TokenTypeBatch).
inline constexpr std::uint32_t batch_token_type = 2;

/// The protobuf wire bytes of pb.TokenEntry for `e`, fields in field-number order as Go's
/// proto.Marshal writes them, proto3 zero values omitted, meta entries sorted by key.
std::string encode_batch_entry(const batch_entry& e);
/// Parses pb.TokenEntry wire bytes as Go's proto.Unmarshal would (unknown fields skipped,
/// last value wins); nullopt when the bytes are malformed.
std::optional<batch_entry> decode_batch_entry(std::string_view bytes);

/// "hvb." + base64 RawURL(term 1 | version 2 | nonce | AES-256-GCM(entry) | tag). Draws no
/// randomness: the same entry, key and nonce always give the same string.
std::string seal_batch_token(const batch_entry& e, const barrier_key& key, const gcm_nonce& nonce);
/// The entry inside a batch token ("hvb." or legacy "b."), or nullopt when the string is not
/// one sealed with `key` (wrong prefix, bad base64, too short, unknown term or version,
/// tampered, malformed protobuf). Never throws. Expiry and the parent check are the caller's
/// business (spec §1.5, lookupBatchToken).
std::optional<batch_entry> open_batch_token(std::string_view token, const barrier_key& key);

/// Vault's IsBatchToken (vault/version_store.go): starts with "hvb." or "b.".
bool is_batch_token_string(std::string_view token);

} // namespace tokenlab
