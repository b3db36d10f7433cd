#include "model/ttl.hpp"

#include "model/texts.hpp"

#include <utility>

namespace tokenlab {

system_view effective_view(const system_config& sys, const mount_tune& tune, std::string mount) {
  // dynamicSystemView.fetchTTLs: a tuned value replaces the system value outright, so a
  // mount may be tuned above the system max as well as below it.
  system_view v;
  v.mount = std::move(mount);
  v.default_lease_ttl = sys.default_lease_ttl;
  v.max_lease_ttl = sys.max_lease_ttl;
  if (tune.default_lease_ttl.count() != 0) {
    v.default_lease_ttl = tune.default_lease_ttl;
    v.default_source = ttl_source::mount_tune;
  }
  if (tune.max_lease_ttl.count() != 0) {
    v.max_lease_ttl = tune.max_lease_ttl;
    v.max_source = ttl_source::mount_tune;
  }
  return v;
}

outcome<ttl_decision> calculate_ttl(const system_view& view, const ttl_request& req) {
  ttl_decision d;
  d.view = view;
  // Vault truncates both instants to the second, so `remaining` is always whole seconds
  // even though the lab's clock has milliseconds.
  d.now = truncate_to_second(req.now);
  d.start = req.start ? truncate_to_second(*req.start) : d.now;

  d.max_ttl = view.max_lease_ttl;
  if (req.backend_max_ttl.count() > 0 && req.backend_max_ttl < d.max_ttl) {
    d.max_ttl = req.backend_max_ttl;
    d.max_from = max_basis::backend_max;
  }
  if (req.explicit_max_ttl.count() > 0 && req.explicit_max_ttl < d.max_ttl) {
    d.max_ttl = req.explicit_max_ttl;
    d.max_from = max_basis::explicit_max;
  }
  if (d.max_ttl.count() <= 0)
    return vault_error::internal(std::string{texts::max_ttl_not_positive});

  sim_duration ttl{0};
  if (req.period.count() > 0) {
    sim_duration period = req.period;
    if (period > d.max_ttl) {
      d.warnings.push_back(texts::period_capped(period, d.max_ttl));
      period = d.max_ttl;
      d.capped = true;
    }
    ttl = period;
    d.basis = ttl_basis::period;
    // A periodic token may live forever unless it has an explicit max: its only deadline.
    if (req.explicit_max_ttl.count() > 0)
      d.deadline = d.start + req.explicit_max_ttl;
  } else {
    // Negative values fall through to the next source, as Vault's `> 0` checks do.
    if (req.increment.count() > 0) {
      ttl = req.increment;
      d.basis = ttl_basis::increment;
    } else if (req.backend_ttl.count() > 0) {
      ttl = req.backend_ttl;
      d.basis = ttl_basis::backend_ttl;
    } else {
      ttl = view.default_lease_ttl;
      d.basis = ttl_basis::system_default;
    }
    d.deadline = d.start + d.max_ttl;
  }
  d.requested = ttl;

  if (d.deadline) {
    d.remaining = *d.deadline - d.now;
    if (d.remaining->count() <= 0)
      return vault_error::internal(std::string{texts::past_max_ttl});
    if (ttl > *d.remaining) {
      d.warnings.push_back(texts::ttl_capped(ttl, *d.remaining));
      ttl = *d.remaining;
      d.capped = true;
    }
  }
  d.ttl = ttl;
  return d;
}

sim_time cap_to_token_expiry(ttl_decision& d, sim_time now, std::optional<sim_time> token_expiry,
                             bool renewal) {
  const sim_time expiry = now + d.ttl;
  if (!token_expiry || expiry <= *token_expiry)
    return expiry;
  d.token_cap = token_expiry_cap{*token_expiry, *token_expiry - now, renewal};
  return *token_expiry;
}

} // namespace tokenlab
