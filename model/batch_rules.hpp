#pragma once
// A batch token's entry and its sealed form (model/batch_token.hpp): what goes into the blob
// and what a presented blob means at a given time (lookupBatchToken, spec §1.5, §5.4).

#include "model/batch_token.hpp"
#include "model/ids.hpp"
#include "model/token_entry.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace tokenlab {

/// The blob's fields of a decided batch entry; times become unix seconds and nanoseconds.
batch_entry to_batch_entry(const token_entry& e, std::int64_t epoch_unix);

/// The token entry a blob stands for: `token` is its ID (Vault's te.ID is the token string);
/// no accessor, no cubbyhole, not renewable; issue time = creation time, expiry = creation
/// time + ttl (FetchLeaseTimesByToken for batch tokens).
token_entry from_batch_entry(const batch_entry& b, std::string token, std::int64_t epoch_unix);

/// The simulated barrier: its AES-256 key and the nonces of its encryptions, all from the
/// scenario's seed, so that the same scenario prints the same batch tokens.
class barrier_keyring {
public:
  explicit barrier_keyring(std::uint64_t seed);
  std::string seal(const token_entry& e, std::int64_t epoch_unix);
  /// The entry of a presented batch token, or nullopt when it does not decrypt.
  std::optional<token_entry> open(std::string_view token, std::int64_t epoch_unix) const;

private:
  barrier_key key_{};
  id_source nonces_;
};

} // namespace tokenlab
