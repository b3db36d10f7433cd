#include "model/batch_rules.hpp"

#include <chrono>

namespace tokenlab {

batch_entry to_batch_entry(const token_entry& e, std::int64_t epoch_unix) {
  batch_entry b;
  b.parent = e.parent;
  b.policies = e.policies;
  b.path = e.origin->path;
  b.meta = e.meta;
  b.display_name = e.origin->display_name;
  b.creation_time_s = epoch_unix + whole_seconds(e.creation_time.time_since_epoch());
  b.ttl_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(e.ttl).count();
  b.role = e.origin->role;
  b.entity_id = e.origin->entity_id;
  return b;
}

token_entry from_batch_entry(const batch_entry& b, std::string token, std::int64_t epoch_unix) {
  token_entry e;
  e.id = std::move(token);
  e.parent = b.parent;
  e.policies = b.policies;
  e.meta = b.meta;
  e.origin = token_origin{b.display_name, b.path, b.role, b.entity_id};
  e.type = token_type::batch;
  e.creation_time = sim_time{} + secs(b.creation_time_s - epoch_unix);
  e.ttl = std::chrono::duration_cast<sim_duration>(std::chrono::nanoseconds(b.ttl_ns));
  e.creation_ttl = e.ttl;
  e.issue_time = e.creation_time;
  e.expire_time = e.creation_time + e.ttl;
  e.renewable = false;
  return e;
}

barrier_keyring::barrier_keyring(std::uint64_t seed)
  : nonces_(seed, id_stream::barrier_nonces) {
  id_source keys{seed, id_stream::barrier_keys};
  for (std::size_t i = 0; i < key_.size(); i += 8) {
    auto word = keys.next();
    for (std::size_t j = 0; j < 8; ++j)
      key_[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
  }
}

std::string barrier_keyring::seal(const token_entry& e, std::int64_t epoch_unix) {
  gcm_nonce nonce{};
  auto low = nonces_.next();
  auto high = nonces_.next();
  for (std::size_t j = 0; j < 8; ++j)
    nonce[j] = static_cast<std::uint8_t>(low >> (8 * j));
  for (std::size_t j = 8; j < nonce.size(); ++j)
    nonce[j] = static_cast<std::uint8_t>(high >> (8 * (j - 8)));
  return seal_batch_token(to_batch_entry(e, epoch_unix), key_, nonce);
}

std::optional<token_entry> barrier_keyring::open(std::string_view token,
                                                 std::int64_t epoch_unix) const {
  auto b = open_batch_token(token, key_);
  if (!b)
    return std::nullopt;
  return from_batch_entry(*b, std::string{token}, epoch_unix);
}

} // namespace tokenlab
