#pragma once
// Running counts of trace events, for runs too long to keep every event (the capacity lab's
// fleets): what was created, renewed, revoked and let expire, the storage operations by key
// prefix, and the live and peak numbers of stored tokens and of leases.
//
// Counting rules (the same as reports/summary.hpp): an object *expired* when its TTL ran
// out (token_expired / lease_expired), *revoked* when it ended for any other reason (a
// token_revoked / lease_revoked whose cause is not ttl_expired). A token is *live* from its
// creation to its token_revoked event; batch tokens (hvb.) are never stored, so they are
// counted apart and never live. The peaks are taken after all the events of an instant
// (before the first change at a later instant, and once more at the end), so they do not
// depend on the order of simultaneous events. Events at or after `until` are not counted.

#include "model/trace.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tokenlab {

/// The first entries found in a string-keyed map (up to 16), by key: a short scan of lengths
/// and characters instead of a tree walk with a string compare at each level (a counted run
/// looks a storage key's prefix up at every write and delete, among a dozen prefixes). The
/// entries point into their owner's map nodes, so a copy starts empty, and the owner never
/// erases from its map.
template <class V>
class recent_entries {
public:
  recent_entries() = default;
  recent_entries(const recent_entries&) {}
  recent_entries& operator=(const recent_entries&) {
    entries_.clear();
    return *this;
  }

  V* find(std::string_view key) const {
    for (const auto& [k, v] : entries_)
      if (k == key)
        return v;
    return nullptr;
  }
  /// Remembers `value` under `key`, a view of its map node's key.
  void add(std::string_view key, V* value) {
    if (entries_.size() < capacity)
      entries_.emplace_back(key, value);
  }

private:
  static constexpr std::size_t capacity = 16;
  std::vector<std::pair<std::string_view, V*>> entries_;
};

/// The leases of one mount (the first segment of their IDs: "aws/").
struct mount_lease_tally {
  std::int64_t created = 0;
  std::int64_t renewed = 0;
  std::int64_t revoked = 0;
  std::int64_t expired = 0;
};

struct trace_tally {
  std::int64_t tokens_created = 0; ///< service tokens (stored)
  std::int64_t batch_tokens_issued = 0;
  std::int64_t tokens_renewed = 0;
  std::int64_t tokens_expired = 0;
  std::int64_t tokens_revoked = 0;
  std::int64_t leases_created = 0;
  std::int64_t leases_renewed = 0;
  std::int64_t leases_expired = 0;
  std::int64_t leases_revoked = 0;
  std::int64_t credentials_created = 0;
  std::int64_t credentials_deleted = 0;
  std::int64_t storage_writes = 0;
  std::int64_t storage_deletes = 0;
  /// writes and deletes by key prefix (reports/summary.hpp storage_prefix); read it, add
  /// to it only through add_storage (which remembers where its entries are)
  std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> storage;
  /// leases by mount (lease_mount); likewise, added to only through add
  std::map<std::string, mount_lease_tally, std::less<>> leases;
  std::int64_t live_tokens = 0;
  std::int64_t live_leases = 0;
  std::int64_t peak_live_tokens = 0;
  std::int64_t peak_live_leases = 0;
  std::int64_t events = 0; ///< every event counted: the model's state changes

  std::optional<sim_time> until; ///< events at or after it are not counted

  void add(const trace_event& ev);
  /// The same from the fields the counts read, without an event: what a counted run would
  /// only copy into one to count it (actors/context.hpp, emit with a `fill`).
  void add(sim_time at, trace_kind kind, trace_cause cause, std::string_view subject);
  /// The same for a storage_put (`put`) or storage_delete of `key` at `at`, with no event.
  void add_storage(bool put, sim_time at, std::string_view key);
  /// Takes the last instant's numbers into the peaks; call once the run has ended.
  void finish();

private:
  std::optional<sim_time> at_; ///< the instant of the last counted event
  recent_entries<std::pair<std::int64_t, std::int64_t>> recent_prefixes_;
  recent_entries<mount_lease_tally> recent_mounts_;
  void touch(sim_time at);
  std::pair<std::int64_t, std::int64_t>& by_prefix(std::string_view key);
  mount_lease_tally& by_mount(std::string_view lease_id);
};

/// The mount a lease belongs to: the first segment of its ID ("aws/creds/r/x" -> "aws/").
std::string_view lease_mount(std::string_view lease_id);

/// The prefix a storage key is grouped under (see reports/summary.hpp storage_prefix).
std::string_view storage_key_prefix(std::string_view key);

} // namespace tokenlab
