#include "model/trace_tally.hpp"

#include "model/batch_token.hpp"

#include <algorithm>

namespace tokenlab {

std::string_view storage_key_prefix(std::string_view key) {
  std::size_t end = 0;
  int segments = 0;
  for (std::size_t pos = 0; segments < 3; ++segments) {
    const std::size_t slash = key.find('/', pos);
    if (slash == std::string_view::npos)
      break;
    end = slash + 1;
    pos = end;
  }
  if (segments == 0)
    return key;
  return key.substr(0, end);
}

std::pair<std::int64_t, std::int64_t>& trace_tally::by_prefix(std::string_view key) {
  const auto prefix = storage_key_prefix(key);
  if (auto* known = recent_prefixes_.find(prefix))
    return *known;
  auto it = storage.find(prefix);
  if (it == storage.end())
    it = storage.emplace(std::string{prefix}, std::pair<std::int64_t, std::int64_t>{}).first;
  recent_prefixes_.add(it->first, &it->second);
  return it->second;
}

std::string_view lease_mount(std::string_view lease_id) {
  auto slash = lease_id.find('/');
  return slash == std::string_view::npos ? lease_id : lease_id.substr(0, slash + 1);
}

mount_lease_tally& trace_tally::by_mount(std::string_view lease_id) {
  const auto mount = lease_mount(lease_id);
  if (auto* known = recent_mounts_.find(mount))
    return *known;
  auto it = leases.find(mount);
  if (it == leases.end())
    it = leases.emplace(std::string{mount}, mount_lease_tally{}).first;
  recent_mounts_.add(it->first, &it->second);
  return it->second;
}

void trace_tally::touch(sim_time at) {
  if (at_ && *at_ != at) {
    peak_live_tokens = std::max(peak_live_tokens, live_tokens);
    peak_live_leases = std::max(peak_live_leases, live_leases);
  }
  at_ = at;
}

void trace_tally::add(const trace_event& ev) {
  add(ev.at, ev.kind, ev.cause, ev.subject);
}

void trace_tally::add(sim_time at, trace_kind kind, trace_cause cause, std::string_view subject) {
  if (kind == trace_kind::storage_put || kind == trace_kind::storage_delete)
    return add_storage(kind == trace_kind::storage_put, at, subject);
  if (until && at >= *until)
    return;
  touch(at);
  ++events;
  const bool ttl = cause == trace_cause::ttl_expired;
  switch (kind) {
    case trace_kind::token_created:
      if (is_batch_token_string(subject)) {
        ++batch_tokens_issued;
      } else {
        ++tokens_created;
        ++live_tokens;
      }
      break;
    case trace_kind::token_renewed: ++tokens_renewed; break;
    case trace_kind::token_expired: ++tokens_expired; break;
    case trace_kind::token_revoked:
      tokens_revoked += ttl ? 0 : 1;
      --live_tokens;
      break;
    case trace_kind::lease_created:
      ++leases_created;
      ++by_mount(subject).created;
      ++live_leases;
      break;
    case trace_kind::lease_renewed:
      ++leases_renewed;
      ++by_mount(subject).renewed;
      break;
    case trace_kind::lease_expired:
      ++leases_expired;
      ++by_mount(subject).expired;
      break;
    case trace_kind::lease_revoked:
      if (!ttl) {
        ++leases_revoked;
        ++by_mount(subject).revoked;
      }
      --live_leases;
      break;
    case trace_kind::credential_created: ++credentials_created; break;
    case trace_kind::credential_deleted: ++credentials_deleted; break;
    case trace_kind::storage_put:
    case trace_kind::storage_delete: break; // add_storage
    case trace_kind::token_orphaned:
    case trace_kind::timer_fired:
    case trace_kind::mount_tuned:
    case trace_kind::engine_enabled:
    case trace_kind::engine_disabled:
    case trace_kind::config_written:
    case trace_kind::token_used:
    case trace_kind::cubbyhole_destroyed: break;
  }
}

void trace_tally::add_storage(bool put, sim_time at, std::string_view key) {
  if (until && at >= *until)
    return;
  touch(at);
  ++events;
  auto& counts = by_prefix(key);
  if (put) {
    ++storage_writes;
    ++counts.first;
  } else {
    ++storage_deletes;
    ++counts.second;
  }
}

void trace_tally::finish() {
  peak_live_tokens = std::max(peak_live_tokens, live_tokens);
  peak_live_leases = std::max(peak_live_leases, live_leases);
}

} // namespace tokenlab
