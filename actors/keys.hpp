#pragma once
// Vault's storage layout for tokens and leases (vault/token_store.go, vault/expiration.go),
// under the system barrier view `sys/`, each ID salted by TokenStore.SaltID:
//   sys/token/id/<salt(token)>                      the token entry
//   sys/token/accessor/<salt(accessor)>             accessor index
//   sys/token/parent/<salt(parent)>/<salt(child)>   parent index (non-orphans)
//   sys/expire/id/<lease id>                        lease entries (a token's: <path>/<salt(token)>)
//   sys/expire/token/<salt(token)>/<salt(lease id)> the leases a token holds
//   logical/cubbyhole/<cubbyhole id>/<path>         a token's cubbyhole entries

#include "actors/context.hpp"
#include "model/lease_rules.hpp"
#include "model/token_entry.hpp"

#include <string>
#include <string_view>

namespace tokenlab::keys {

// While events are counted a key is only its prefix (storage_key::counted): no ID is
// salted, no key string is built. keys.test.cpp checks each prefix against the whole key.

inline storage_key token(const sim_context& c, std::string_view id) {
  if (c.counting())
    return storage_key::counted("sys/token/id/");
  return "sys/token/id/" + token_store_salted(c, id);
}
inline storage_key accessor(const sim_context& c, std::string_view acc) {
  if (c.counting())
    return storage_key::counted("sys/token/accessor/");
  return "sys/token/accessor/" + token_store_salted(c, acc);
}
inline storage_key parent(const sim_context& c, std::string_view parent_id, std::string_view id) {
  if (c.counting())
    return storage_key::counted("sys/token/parent/");
  return "sys/token/parent/" + token_store_salted(c, parent_id) + "/" + token_store_salted(c, id);
}
/// The token's own lease ID: its creation path and its salted ID (RegisterAuth). No one works
/// it out while events are counted: the store keeps no index of a counted token's lease, and
/// its entry's key is only its prefix (token_lease). `id` is the token's: its record's key
/// where the caller has it (read with the record, where the entry's own copy is on a line of
/// its own).
inline std::string token_lease_id(const sim_context& c, std::string_view id, const token_entry& e) {
  return tokenlab::token_lease_id(e.origin->path, token_store_salted(c, id));
}
inline std::string token_lease_id(const sim_context& c, const token_entry& e) {
  return token_lease_id(c, e.id, e);
}
inline storage_key lease(const sim_context& c, std::string_view lease_id) {
  if (c.counting())
    return storage_key::counted("sys/expire/id/");
  std::string key{"sys/expire/id/"};
  return key.append(lease_id);
}
/// A token's own lease's entry (`id`, `e` as for token_lease_id).
inline storage_key token_lease(const sim_context& c, std::string_view id, const token_entry& e) {
  if (c.counting())
    return storage_key::counted("sys/expire/id/");
  return lease(c, token_lease_id(c, id, e));
}
inline storage_key token_lease_index(const sim_context& c, std::string_view token_id,
                                     std::string_view lease_id) {
  if (c.counting())
    return storage_key::counted("sys/expire/token/");
  return "sys/expire/token/" + token_store_salted(c, token_id) + "/" +
         token_store_salted(c, lease_id);
}

/// A cubbyhole entry: the cubbyhole mount's storage view, keyed by the token's
/// cubbyhole ID (Vault keys it by that ID under the mount's `logical/<uuid>/` view).
inline std::string cubbyhole(std::string_view cubbyhole_id, std::string_view path) {
  std::string key{"logical/cubbyhole/"};
  return key.append(cubbyhole_id).append("/").append(path);
}

} // namespace tokenlab::keys
