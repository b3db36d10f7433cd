#pragma once
// A service token as Vault's token store and expiration manager keep it: the TokenEntry
// (vault/token_store.go) plus the token's lease (its entry under sys/expire/id/), which
// holds the issue time, the expiry, the last renewal and the last granted TTL.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/inline_string.hpp"
#include "model/shared_value.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tokenlab {

/// Where a token came from: the same for every token of one login or one role (a fleet's
/// tokens all share one), and never changed once the token is made. The token store keeps
/// each distinct origin once, as it keeps policy lists, so that an entry holds one pointer
/// where it held four strings (144 bytes), and its end reads that pointer where it read the
/// four strings' lengths (docs/performance.md, "The steps of 2026-12-06 (morning)").
struct token_origin {
  std::string display_name = "token";
  token_id_string path = "auth/token/create";
  std::string role;    ///< the token role it was created through, if any
  id_string entity_id; ///< its identity entity (a login's, a role's entity alias, a parent's)

  /// Its four fields as one comparable value.
  auto fields() const {
    return std::tuple{std::string_view{display_name}, path.view(), std::string_view{role},
                      entity_id.view()};
  }
  friend bool operator==(const token_origin& a, const token_origin& b) {
    return a.fields() == b.fields();
  }
  friend bool operator<(const token_origin& a, const token_origin& b) {
    return a.fields() < b.fields();
  }
};

struct token_entry {
  // What a check reads first, from the entry's first byte: a shared entry's block begins
  // with its reference count (16 bytes), which every request that takes the entry touches, so
  // these share its cache line in most blocks (malloc places a block at 0, 16, 32 or 48 bytes
  // into a line: the type and uses share it in three of four, the expiry in two). Before, the
  // uses, expiry and type sat 64, 128 and 168 bytes into the entry, behind the IDs: a check
  // of a cold token read three or four lines of it (docs/performance.md, "The steps of
  // 2026-12-06 (midday)").
  token_type type = token_type::service;
  bool from_login = false;
  bool has_lease = true;
  bool renewable = true;
  std::int64_t num_uses = 0;
  // The token's lease: its expiry here, its TTL, issue time and last renewal next.
  // `operator init` / dev-server root tokens have none (has_lease).
  std::optional<sim_time> expire_time; ///< nullopt: never expires (root without TTL)

  // Then what a renewal reads: 112 bytes from the entry's first.
  sim_duration ttl{0}; ///< last granted TTL (creation or last renewal)
  sim_time issue_time{};
  std::optional<sim_time> last_renewal;
  sim_time creation_time{};     ///< whole seconds, as Vault stores unix seconds
  sim_duration creation_ttl{0}; ///< TTL at creation; never changes
  sim_duration explicit_max_ttl{0};
  sim_duration period{0};
  /// For a login token: what its auth method gave at login (token_ttl, token_max_ttl). A
  /// renewal asks the method again in Vault; the lab keeps the login's values.
  sim_duration login_ttl{0};
  sim_duration login_max_ttl{0};

  /// The parent's internal ID; "" for an orphan (an answer's auth block says which).
  token_id_string parent;
  token_id_string id; ///< internal ID ("hvs." + 24 base62) or a custom ID
  token_id_string accessor;                        ///< 24 base62
  shared_value<std::vector<std::string>> policies; ///< sanitized, sorted
  shared_value<std::map<std::string, std::string>> meta;
  shared_value<token_origin> origin; ///< its display name, path, role and entity
  token_id_string cubbyhole_id;      ///< 24 base62: the key of its cubbyhole

  bool is_root() const;
  bool orphan() const { return parent.empty(); }
};

/// A token's entry as it last changed: shared and never changed in place, so the token
/// store's record, the token's actor and the messages that carry it hold one value.
using shared_entry = std::shared_ptr<const token_entry>;

} // namespace tokenlab
