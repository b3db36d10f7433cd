#include "reports/lifetimes.hpp"

#include <map>

namespace tokenlab {

namespace {

std::string label_of(const run_record& run, const std::string& id, lifetime::kind what) {
  if (auto it = run.names.find(id); it != run.names.end())
    return it->second;
  if (what == lifetime::kind::token)
    return id.size() > 8 ? id.substr(0, 8) + "…" : id;
  // A lease: its path and the start of its random part (`aws/creds/deploy/VvsI…`).
  const auto slash = id.rfind('/');
  if (slash == std::string::npos)
    return id;
  return id.substr(0, slash + 1) + id.substr(slash + 1, 4) + "…";
}

void set_expiry(lifetime& l, const trace_event& e) {
  if (!e.ttl)
    return;
  l.expires.reset();
  if (e.ttl->ttl > sim_duration::zero())
    l.expires = e.at + e.ttl->ttl;
  if (e.ttl->deadline)
    l.deadline = e.ttl->deadline;
}

} // namespace

std::vector<lifetime> lifetimes(const run_record& run) {
  std::vector<lifetime> out;
  std::map<std::string, std::size_t> index; // ID -> its lifetime
  const auto find = [&](const std::string& id) -> lifetime* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &out[it->second];
  };
  for (std::size_t step = 0; step < run.steps.size(); ++step)
    for (const auto& e : run.steps[step].effects) {
      switch (e.kind) {
        case trace_kind::token_created:
        case trace_kind::lease_created: {
          lifetime l;
          l.what = e.kind == trace_kind::token_created ? lifetime::kind::token
                                                       : lifetime::kind::lease;
          l.id = e.subject;
          l.label = label_of(run, e.subject, l.what);
          l.parent = e.related;
          l.start = e.at;
          l.born_step = step;
          set_expiry(l, e);
          // A token under another traced token, or a lease of one, joins its family.
          const lifetime* up = find(e.related);
          l.family = up != nullptr ? up->family : out.size();
          index[l.id] = out.size();
          out.push_back(std::move(l));
          break;
        }
        case trace_kind::token_renewed:
        case trace_kind::lease_renewed:
          if (lifetime* l = find(e.subject)) {
            l->renewals.push_back(e.at);
            set_expiry(*l, e);
          }
          break;
        case trace_kind::token_expired:
        case trace_kind::token_revoked:
        case trace_kind::lease_expired:
        case trace_kind::lease_revoked:
          if (lifetime* l = find(e.subject); l != nullptr && !l->end) {
            l->end = e.at;
            l->end_step = step;
            l->cause = e.kind == trace_kind::token_expired || e.kind == trace_kind::lease_expired
                         ? trace_cause::ttl_expired
                         : e.cause;
          }
          break;
        case trace_kind::token_orphaned:
          if (lifetime* l = find(e.subject)) {
            l->former_parent = l->parent;
            l->orphaned_step = step;
            l->parent.clear();
            l->family = static_cast<std::size_t>(l - out.data());
          }
          break;
        default: break;
      }
    }
  return out;
}

sim_time run_end(const run_record& run) {
  return run.steps.empty() ? sim_time{} : run.steps.back().at;
}

std::string ending(const lifetime& l) {
  if (!l.end)
    return "alive";
  switch (l.cause) {
    case trace_cause::ttl_expired: return "expired";
    case trace_cause::parent_revoked: return "revoked (parent revoked)";
    case trace_cause::owner_revoked: return "revoked (owner token revoked)";
    case trace_cause::last_use: return "revoked (last use)";
    case trace_cause::request: return "revoked";
    case trace_cause::none: break;
  }
  return "revoked";
}

} // namespace tokenlab
