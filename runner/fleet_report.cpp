#include "runner/fleet_report.hpp"

#include "clock/calendar.hpp"
#include "clock/duration.hpp"

#include <algorithm>

namespace tokenlab {

std::string describe_fleet(const fleet_params& p, sim_time now, sim_time horizon) {
  std::string out = std::to_string(p.clients) + " clients from " + format_offset(now) + " until " +
                    format_offset(horizon) + ": first starts uniform over " +
                    format_duration(p.arrival) + ", lifetimes exponential with mean " +
                    format_duration(p.lifetime) + "; each logs in at " + p.login;
  if (!p.read.empty())
    out += " and reads " + p.read;
  out += "; every " + format_duration(p.tick) + " it checks its token";
  out += p.renew ? " and renews it by " + format_duration(*p.renew) : std::string{};
  out += ", logging in again once it has expired; at its exit it revokes a live service token "
         "(a batch token is dropped) and a new client starts in its place.\n"
         "Until " + format_offset(horizon) +
         " the report keeps no per-event effects: the lab counts every event instead, the "
         "clients' and any other (see the fleet lines of the summary). From then on it lists "
         "effects again, but for the tokens, leases and credentials made while the fleet ran: "
         "their later events are neither listed nor counted, since the fleet's counts stop at "
         "its horizon.";
  return out;
}

data_map fleet_data(const fleet_params& p, std::uint64_t seed, const fleet_counts& c,
                    const trace_tally& t) {
  data_map d;
  auto put = [&](const char* k, std::int64_t v) { d[k] = v; };
  put("N", p.clients);
  put("H_ms", p.until.count());
  put("seed", static_cast<std::int64_t>(seed));
  put("logins", c.logins);
  put("renewals", c.renewals);
  put("capped_renewals", c.capped_renewals);
  put("expiries", t.tokens_expired + t.leases_expired);
  put("revocations", t.tokens_revoked + t.leases_revoked);
  // The workload's own accounting: 3 per stored token, 2 per lease, 1 per renewal, 1 per
  // token or lease removed.
  put("storage_writes", 3 * t.tokens_created + 2 * t.leases_created + c.renewals +
                          t.tokens_expired + t.tokens_revoked + t.leases_expired +
                          t.leases_revoked);
  put("peak_live_tokens", t.peak_live_tokens);
  put("events", c.starts + c.ticks + c.exits + t.tokens_expired + t.leases_expired);
  put("starts", c.starts);
  put("ticks", c.ticks);
  put("exits", c.exits);
  put("relogins", c.relogins);
  put("tok_expired", t.tokens_expired);
  put("lease_expired", t.leases_expired);
  put("tok_revoked", t.tokens_revoked);
  put("lease_revoked", t.leases_revoked);
  put("live_tokens_end", t.live_tokens);
  put("live_leases_end", t.live_leases);
  put("peak_live_leases", t.peak_live_leases);
  put("batch_tokens", t.batch_tokens_issued);
  put("service_tokens", t.tokens_created);
  put("secret_leases", t.leases_created);
  put("vault_storage_writes", t.storage_writes);
  put("vault_storage_deletes", t.storage_deletes);
  put("failed_renewals", c.failed_renewals);
  put("errors", c.errors);
  put("model_events", t.events);
  for (const auto& [node, w] : c.work) {
    d[node + ".local"] = w.first;
    d[node + ".forwarded"] = w.second;
  }
  return d;
}

namespace {

// Work per node: what each node served itself / forwarded to the active node.
std::string nodes_line(const data_map& d) {
  std::string out = "NODES";
  for (const auto& [key, v] : d) {
    auto dot = key.rfind(".local");
    if (dot == std::string::npos || dot + 6 != key.size())
      continue;
    auto node = key.substr(0, dot);
    out += " " + node + "=" + std::to_string(std::get<std::int64_t>(v)) + "/" +
           std::to_string(std::get<std::int64_t>(d.at(node + ".forwarded")));
  }
  return out + " (served there / forwarded to the active node)";
}

} // namespace

std::vector<std::string> fleet_lines(const data_map& d) {
  auto line = [&](std::string head, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      head += std::string{" "} + k + "=" + std::to_string(std::get<std::int64_t>(d.at(k)));
    return head;
  };
  std::vector<std::string> out{
    line("COUNTS", {"N", "H_ms", "seed", "logins", "renewals", "capped_renewals", "expiries",
                    "revocations", "storage_writes", "peak_live_tokens", "events"}),
    line("DETAIL",
         {"starts", "ticks", "exits", "relogins", "tok_expired", "lease_expired", "tok_revoked",
          "lease_revoked", "live_tokens_end", "live_leases_end", "peak_live_leases"}),
    line("LAB", {"batch_tokens", "service_tokens", "secret_leases", "vault_storage_writes",
                 "vault_storage_deletes", "model_events", "failed_renewals", "errors"})};
  const bool nodes = std::any_of(d.begin(), d.end(), [](const auto& kv) {
    return kv.first.size() > 6 && kv.first.compare(kv.first.size() - 6, 6, ".local") == 0;
  });
  if (nodes)
    out.push_back(nodes_line(d));
  return out;
}

} // namespace tokenlab
