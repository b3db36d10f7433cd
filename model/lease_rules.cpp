#include "model/lease_rules.hpp"

#include "clock/calendar.hpp"
#include "model/paths.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace tokenlab {

bool revocation_finds_expired(const lease_entry& e, trace_cause cause, sim_time now) {
  return cause != trace_cause::ttl_expired && e.expire_time <= now;
}

std::optional<std::string_view> lease_not_renewable(const lease_times& t, sim_time now) {
  // The order of leaseEntry.renewable(): no expiry, expired, then the lease's own flag.
  if (!t.expire_time)
    return texts::lease_not_renewable;
  if (*t.expire_time < now)
    return texts::lease_expired;
  if (!t.renewable)
    return texts::lease_not_renewable;
  return std::nullopt;
}

data_map lease_lookup_data(const std::string& id, const lease_times& t, sim_time now,
                           std::int64_t epoch_unix) {
  data_map d;
  d["id"] = id;
  d["issue_time"] = format_rfc3339(t.issue_time, epoch_unix);
  d["expire_time"] = field_value{};
  d["last_renewal"] =
    t.last_renewal ? field_value{format_rfc3339(*t.last_renewal, epoch_unix)} : field_value{};
  d["ttl"] = std::int64_t{0};
  d["renewable"] = !lease_not_renewable(t, now);
  if (t.expire_time) {
    d["expire_time"] = format_rfc3339(*t.expire_time, epoch_unix);
    // leaseEntry.ttl(): int64(ExpireTime.Sub(time.Now().Round(time.Second)).Seconds()).
    d["ttl"] = whole_seconds(*t.expire_time - round_to_second(now));
  }
  return d;
}

outcome<ttl_decision> issue_secret_lease(lease_entry& e, const system_view& view, sim_time now) {
  ttl_request in;
  in.backend_ttl = e.backend_ttl;
  in.backend_max_ttl = e.backend_max_ttl;
  in.now = now;
  auto d = calculate_ttl(view, in);
  if (!d)
    return d;
  e.issue_time = now;
  e.ttl = d->ttl;
  e.expire_time = cap_to_token_expiry(*d, now, e.cap, false);
  return d;
}

outcome<ttl_decision> renew_secret_lease(lease_entry& e, const system_view& view,
                                         sim_duration increment, sim_time now) {
  if (auto why = lease_not_renewable(secret_lease_times(e), now))
    return vault_error::invalid(std::string{*why});
  // renewEntry routes the renewal to the engine, whose handler panics: net/http closes the
  // connection, the client reads EOF (no status), and the lease is left as it was.
  if (e.renew_panics)
    return vault_error{0, {std::string{texts::no_response}}};
  ttl_request in;
  in.increment = std::max(increment, sim_duration::zero());
  in.backend_ttl = e.backend_ttl;
  in.backend_max_ttl = e.backend_max_ttl;
  in.start = e.issue_time; // the max counts from the lease's issue (spec §6.2)
  in.now = now;
  auto d = calculate_ttl(view, in);
  if (!d)
    return vault_error::invalid(d.error().message());
  e.expire_time = cap_to_token_expiry(*d, now, e.cap, true);
  e.ttl = e.expire_time - now;
  e.last_renewal = now;
  return d;
}

namespace {

// A secret's lease entry and a token's entry keep the same four times under the same names.
template <class Entry>
lease_times times_of(const Entry& e) {
  lease_times t;
  t.issue_time = e.issue_time;
  t.expire_time = e.expire_time;
  t.last_renewal = e.last_renewal;
  t.renewable = e.renewable;
  return t;
}

} // namespace

lease_times secret_lease_times(const lease_entry& e) {
  return times_of(e);
}

lease_times token_lease_times(const token_entry& e) {
  return times_of(e);
}

std::string token_lease_id(std::string_view creation_path, std::string_view salted_id) {
  // path.Join: the non-empty elements joined by single slashes ("." dropped; RegisterAuth
  // refuses a path with "..").
  std::string out;
  out.reserve(creation_path.size() + 1 + salted_id.size());
  auto join = [&out](std::string_view path) {
    while (!path.empty()) {
      const auto slash = path.find('/');
      const auto element = path.substr(0, slash);
      if (!element.empty() && element != ".") {
        if (!out.empty())
          out += '/';
        out.append(element);
      }
      if (slash == std::string_view::npos)
        break;
      path.remove_prefix(slash + 1);
    }
  };
  join(creation_path);
  join(salted_id);
  return out;
}

namespace {

// One folder of ScanView: its keys in listing order, then its subfolders from a stack.
void scan(const std::map<std::string, bool>& keys, const std::string& folder,
          std::vector<std::string>& out) {
  std::vector<std::string> subfolders;
  for (const auto& segment : next_segments(keys, folder)) {
    if (segment.back() == '/')
      subfolders.push_back(folder + segment);
    else
      out.push_back(folder + segment);
  }
  // The frontier is a stack: the last subfolder listed is walked first.
  for (auto it = subfolders.rbegin(); it != subfolders.rend(); ++it)
    scan(keys, *it, out);
}

} // namespace

std::vector<std::string> prefix_revocation_order(const std::vector<std::string>& ids,
                                                 std::string prefix) {
  if (prefix.empty() || prefix.back() != '/') {
    if (std::find(ids.begin(), ids.end(), prefix) != ids.end())
      return {prefix};
    prefix += '/';
  }
  std::map<std::string, bool> keys;
  for (const auto& id : ids)
    keys.emplace(id, true);
  std::vector<std::string> out;
  scan(keys, prefix, out);
  return out;
}

} // namespace tokenlab
