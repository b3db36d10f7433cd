#include "model/token_rules.hpp"

#include "clock/calendar.hpp"
#include "model/go_text.hpp"
#include "model/policy.hpp"
#include "model/texts.hpp"
#include "model/tune.hpp"

#include <algorithm>
#include <cctype>

namespace tokenlab {

namespace {

vault_error invalid(std::string_view text) {
  return vault_error::invalid(std::string{text});
}

bool contains(const std::vector<std::string>& xs, std::string_view x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// Spec §2.3, cases 3-5 (token roles and namespaces are not modelled here).
outcome<std::vector<std::string>> child_policies(const caller_view& caller,
                                                 const token_create_request& req) {
  const auto& parent = caller.entry.policies;
  std::vector<std::string> result;
  if (req.policies.empty()) {
    // No policies requested: the child copies the parent's exactly.
    result = parent;
  } else if (!caller.sudo) {
    auto requested = sanitize_policies(req.policies, false);
    if (!policy_subset(parent, requested))
      return invalid(texts::child_policies_subset);
    result = sanitize_policies(requested, contains(parent, "default"));
  } else {
    result = sanitize_policies(req.policies, true);
  }
  if (req.no_default_policy)
    result.erase(std::remove(result.begin(), result.end(), "default"), result.end());
  return result;
}

// Spec §2.9: the checks Vault makes on a custom ID before persisting it.
std::optional<vault_error> check_custom_id(const std::string& id) {
  if (id.rfind("hvs.", 0) == 0)
    return invalid(texts::custom_id_hvs_prefix);
  if (id.rfind("s.", 0) == 0)
    return invalid(texts::custom_id_s_prefix);
  if (id.find('.') != std::string::npos)
    return invalid(texts::custom_id_dot);
  return std::nullopt;
}

} // namespace

bool entity_alias_allowed(const token_role& role, const std::string& alias) {
  std::string lowered = alias;
  for (auto& c : lowered)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(
    role.allowed_entity_aliases.begin(), role.allowed_entity_aliases.end(),
    [&](const std::string& allowed) { return allowed == lowered || glob_match(allowed, lowered); });
}

std::string token_display_name(const std::string& requested) {
  std::string name = "token-" + requested;
  for (auto& c : name) {
    bool ok =
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok)
      c = '-';
  }
  if (!name.empty() && name.back() == '-')
    name.pop_back();
  return name;
}

outcome<create_plan> plan_token_create(const caller_view& caller, const token_create_request& req,
                                       const system_view& view, sim_time now,
                                       const token_role* role,
                                       const std::function<bool(const std::string&)>& policy_exists,
                                       const std::string* alias_entity) {
  const auto& parent = caller.entry;
  // A use-limited caller spent its last use on this very request (spec §4.2): the token
  // store no longer finds it.
  if (parent.num_uses < 0)
    return invalid(texts::no_parent_found);
  if (parent.type == token_type::batch)
    return invalid(texts::batch_cannot_create);
  if (parent.num_uses > 0)
    return invalid(texts::restricted_use_child);
  if (req.decode_error)
    return vault_error::invalid(texts::decoding_request_failed(*req.decode_error));
  // The type: a role's service/batch forces it; default-batch makes "" mean batch.
  std::string type = req.type;
  if (role && (role->token_type == "service" || role->token_type == "batch"))
    type = role->token_type;
  else if (role && role->token_type == "default-batch" && type.empty())
    type = "batch";
  if (!type.empty() && type != "service" && type != "batch")
    return invalid(texts::invalid_token_type);
  const bool batch = type == "batch";
  const auto unparsed = [&](const char* field) -> const std::string* {
    auto it = req.unparsed.find(field);
    return it == req.unparsed.end() ? nullptr : &it->second;
  };
  if (batch) {
    // A first-match switch in Vault: when explicit_max_ttl is sent at all (the CLI always
    // sends it), only it is checked, and num_uses and period are dropped (spec §2.7).
    if (req.explicit_max_ttl_sent) {
      if (unparsed("explicit_max_ttl"))
        return invalid(texts::batch_explicit_max_ttl_unparsable);
      if (req.explicit_max_ttl != sim_duration::zero())
        return invalid(texts::batch_explicit_max_ttl);
    } else if (req.num_uses != 0) {
      return invalid(texts::batch_num_uses);
    } else if (unparsed("period")) {
      return invalid(texts::batch_period_unparsable);
    } else if (req.period != sim_duration::zero()) {
      return invalid(texts::batch_period);
    }
  }
  if (req.num_uses < 0)
    return invalid(texts::negative_num_uses);
  if (!req.entity_alias.empty()) {
    if (!role)
      return invalid(texts::entity_alias_needs_role);
    if (!entity_alias_allowed(*role, req.entity_alias))
      return invalid(texts::invalid_entity_alias);
    if (!alias_entity) {
      create_plan pending;
      pending.needs_alias_entity = true;
      return pending;
    }
  }

  create_plan plan;
  auto& e = plan.entry;
  e.parent = parent.id;
  e.origin.change().path = req.orphan_endpoint ? "auth/token/create-orphan" : "auth/token/create";
  e.meta = req.meta;
  e.num_uses = req.num_uses;
  if (role) {
    e.origin.change().role = role->name;
    auto path = "auth/token/create/" + role->name;
    if (!role->path_suffix.empty())
      path += "/" + role->path_suffix;
    e.origin.change().path = path;
    // Role use limit: 0 on either side takes the other; otherwise the smaller.
    if (role->token_num_uses > 0 && (e.num_uses == 0 || role->token_num_uses < e.num_uses))
      e.num_uses = role->token_num_uses;
  }
  e.creation_time = truncate_to_second(now);
  e.type = token_type::service;
  if (!req.display_name.empty())
    e.origin.change().display_name = token_display_name(req.display_name);

  if (!req.id.empty()) {
    if (!caller.sudo)
      return invalid(texts::sudo_for_id);
    plan.custom_id = req.id;
  }

  auto policies = role && role->restricts_policies()
                    ? role_policies(*role, req.policies, req.no_default_policy, parent.policies)
                    : child_policies(caller, req);
  if (!policies)
    return policies.error();
  e.policies = std::move(*policies);
  for (const char* reserved : {"response-wrapping", "control-group"})
    if (contains(e.policies, reserved))
      return invalid(texts::cannot_assign_policy(reserved));
  if (contains(e.policies, "root") && !parent.is_root())
    return invalid(texts::root_needs_root_parent);
  if (batch && contains(e.policies, "root"))
    return invalid(texts::batch_cannot_be_root);

  if (role) {
    // Only the role's orphan flag decides; -orphan is ignored (issues #1562, #1465).
    if (role->orphan)
      e.parent.clear();
  } else if (req.orphan_endpoint) {
    e.parent.clear();
  } else if (req.no_parent) {
    if (!caller.sudo)
      return invalid(texts::sudo_for_orphan);
    e.parent.clear();
  }
  // The alias's entity, else the parent's: an orphan inherits none.
  if (alias_entity)
    e.origin.change().entity_id = *alias_entity;
  else if (!e.parent.empty())
    e.origin.change().entity_id = parent.origin->entity_id;

  // The handler parses its duration strings here, each with its own refusal.
  if (auto err = unparsed("explicit_max_ttl"))
    return invalid(*err);
  if (req.explicit_max_ttl < sim_duration::zero())
    return invalid(texts::explicit_max_ttl_negative);
  e.explicit_max_ttl = req.explicit_max_ttl;
  if (auto err = unparsed("period"))
    return invalid(*err);
  if (req.period < sim_duration::zero())
    return invalid(texts::period_negative);
  if (req.period > sim_duration::zero() && !caller.sudo)
    return invalid(texts::sudo_for_period);
  e.period = req.period;
  if (auto err = unparsed(req.ttl_from_lease ? "lease" : "ttl"))
    return invalid(*err);
  if (req.ttl < sim_duration::zero())
    return invalid(req.ttl_from_lease ? texts::lease_negative : texts::ttl_negative);

  // A role's explicit max and period are used (the lesser when both are set) but only the
  // request's values are stored on the entry (spec §2.2 step 19).
  auto explicit_max = req.explicit_max_ttl;
  auto period = req.period;
  if (role) {
    auto merge = [&](sim_duration& value, sim_duration from_role, const char* what) {
      if (from_role <= sim_duration::zero())
        return;
      if (value > sim_duration::zero()) {
        value = std::min(value, from_role);
        plan.warnings.push_back(
          std::string{what} +
          " specified both during creation call and in role; using the lesser value of " +
          std::to_string(whole_seconds(value)) + " seconds");
      } else {
        value = from_role;
      }
    };
    merge(explicit_max, role->token_explicit_max_ttl, "Explicit max TTL");
    merge(period, role->token_period, "Period");
    if (!role->renewable)
      e.renewable = false;
  }

  // CalculateTTL runs unless this is a root token created without a TTL (spec §3.3).
  sim_duration ttl{0};
  if (period > sim_duration::zero() || req.ttl > sim_duration::zero() || !e.is_root()) {
    ttl_request in;
    in.backend_ttl = req.ttl;
    in.period = period;
    in.explicit_max_ttl = explicit_max;
    in.now = now;
    auto d = calculate_ttl(view, in);
    if (!d) // a plain error of the handler: a 500, wrapped by go-multierror
      return vault_error::internal(texts::handler_error(d.error().message()));
    ttl = d->ttl;
    plan.warnings.insert(plan.warnings.end(), d->warnings.begin(), d->warnings.end());
    plan.ttl = std::move(*d);
  } else if (explicit_max > sim_duration::zero()) {
    // Quirk kept from Vault: the explicit max becomes the TTL, uncapped by the mount max.
    ttl = explicit_max;
  }

  e.renewable = e.renewable && req.renewable;
  if (ttl == sim_duration::zero()) {
    if (parent.expire_time)
      return invalid(texts::expiring_root_child);
    e.renewable = false;
  }
  e.creation_ttl = ttl;
  e.ttl = ttl;
  e.issue_time = now;
  // Only a TTL of 0 never expires. A negative one (a default_lease_ttl of -1s tuned through
  // the API) is Vault's too: its lease ends before it was issued, so the token is revoked at
  // once (docs/decisions.md).
  if (ttl != sim_duration::zero())
    e.expire_time = now + ttl;

  if (batch) {
    // Not renewable, no use limit, nothing of the explicit max or the period kept: the
    // blob carries none of them (spec §1.5); it does carry the role. A custom ID is ignored,
    // its warning is not.
    e.type = token_type::batch;
    e.renewable = false;
    e.num_uses = 0;
    e.explicit_max_ttl = sim_duration::zero();
    e.period = sim_duration::zero();
    if (!plan.custom_id.empty())
      plan.warnings.emplace_back(texts::custom_id_sha1);
    plan.custom_id.clear();
  }
  if (!plan.custom_id.empty()) {
    if (auto err = check_custom_id(plan.custom_id))
      return *err;
    plan.warnings.emplace_back(texts::custom_id_sha1);
  }
  for (const auto& p : e.policies)
    if (!policy_exists(p))
      plan.warnings.push_back(texts::policy_missing(p));
  plan.warnings.insert(plan.warnings.end(), req.framework_warnings.begin(),
                       req.framework_warnings.end());
  return plan;
}

outcome<create_plan> plan_login(login_auth auth, const std::string& mount,
                                const std::string& mount_token_type,
                                const std::string& request_path, const system_view& view,
                                sim_time now) {
  create_plan plan;
  plan.warnings = std::move(auth.warnings); // the method's own, before LoginCreateToken's
  auto& e = plan.entry;
  ttl_request in;
  in.backend_ttl = auth.ttl;
  in.period = auth.period;
  in.backend_max_ttl = auth.max_ttl;
  in.explicit_max_ttl = auth.explicit_max_ttl;
  in.now = now;
  auto d = calculate_ttl(view, in);
  if (!d)
    return vault_error::internal(d.error().message());
  // The policies are checked after the TTL, as LoginCreateToken does.
  e.policies = sanitize_policies(auth.policies, !auth.no_default_policy);
  if (contains(e.policies, "root"))
    return invalid(texts::login_root);
  for (const char* reserved : {"response-wrapping", "control-group"})
    if (contains(e.policies, reserved))
      return invalid(texts::cannot_assign_policy(reserved));
  if (d->ttl <= sim_duration::zero())
    return vault_error::internal(std::string{texts::login_zero_ttl});
  // Display name: the mount path without "auth/", '/' -> '-', then the backend's part.
  auto name = mount.substr(5);
  std::replace(name.begin(), name.end(), '/', '-');
  name += auth.display_name;
  while (!name.empty() && name.back() == '-')
    name.pop_back();
  e.origin = token_origin{name, request_path, {}, std::move(auth.entity_id)};
  e.meta = std::move(auth.metadata);
  e.num_uses = auth.num_uses;
  e.period = auth.period;
  e.explicit_max_ttl = auth.explicit_max_ttl;
  e.creation_time = truncate_to_second(now);
  e.issue_time = now;
  e.creation_ttl = d->ttl;
  e.ttl = d->ttl;
  e.expire_time = now + d->ttl;
  e.renewable = true;
  e.from_login = true;
  e.login_ttl = auth.ttl;
  e.login_max_ttl = auth.max_ttl;
  if (login_gets_batch(mount_token_type, auth.token_type)) {
    // The mount's token_type, or the method's under a default-* mount, asks for a batch
    // token: an orphan blob, not renewable.
    e.type = token_type::batch;
    e.renewable = false;
    e.num_uses = 0;
    e.period = sim_duration::zero();
    e.explicit_max_ttl = sim_duration::zero();
  }
  // The method's warnings, then CalculateTTL's: the `Policy "…" does not exist` warnings are
  // the token store's create handler's, which a login does not go through.
  plan.warnings.insert(plan.warnings.end(), d->warnings.begin(), d->warnings.end());
  plan.ttl = std::move(*d);
  return plan;
}

outcome<ttl_decision> plan_token_renew(const token_entry& e, sim_duration increment,
                                       const system_view& view, sim_time now,
                                       const token_role* role) {
  if (e.type == token_type::batch)
    return invalid(texts::batch_cannot_renew);
  if (!e.has_lease)
    return invalid(texts::invalid_lease_id);
  if (!e.expire_time)
    return invalid(texts::lease_not_renewable);
  if (*e.expire_time < now)
    return invalid(texts::lease_expired);
  if (!e.renewable)
    return invalid(texts::lease_not_renewable);
  ttl_request in;
  in.increment = increment > sim_duration::zero() ? increment : sim_duration::zero();
  // A login token renews with its method's TTLs (the auth backend's renew handler), not
  // with its last granted TTL.
  in.backend_ttl = e.from_login ? e.login_ttl : e.ttl;
  in.backend_max_ttl = e.from_login ? e.login_max_ttl : sim_duration::zero();
  // Role tokens take the role's current values at every renewal (authRenew).
  in.period = role ? role->token_period : e.period;
  in.explicit_max_ttl = role ? role->token_explicit_max_ttl : e.explicit_max_ttl;
  in.start = e.issue_time;
  in.now = now;
  // CalculateTTL's errors are plain Go errors of the handler: a 500, wrapped by
  // request_handling.go's go-multierror.
  auto d = calculate_ttl(view, in);
  if (!d)
    return vault_error::internal(texts::handler_error(d.error().message()));
  return d;
}

void apply_renewal(token_entry& e, const ttl_decision& d, sim_time now) {
  e.ttl = d.ttl;
  e.expire_time = now + d.ttl;
  e.last_renewal = now;
}

std::int64_t remaining_ttl_seconds(const token_entry& e, sim_time now) {
  if (!e.expire_time)
    return 0;
  // Vault: int64((expire_time - now.Round(time.Second)).Seconds()), truncated toward zero.
  return whole_seconds(*e.expire_time - round_to_second(now));
}

bool token_valid_at(const token_entry& e, sim_time now) {
  return !e.expire_time || *e.expire_time >= now;
}

data_map lookup_data(const token_entry& e, std::string_view shown_id, sim_time now,
                     std::int64_t epoch_unix) {
  data_map d;
  d["accessor"] = e.accessor.str();
  d["creation_time"] = unix_seconds(e.creation_time, epoch_unix);
  d["creation_ttl"] = whole_seconds(e.creation_ttl);
  d["display_name"] = e.origin->display_name;
  d["entity_id"] = e.origin->entity_id.str();
  d["expire_time"] =
    e.expire_time ? field_value{format_rfc3339(*e.expire_time, epoch_unix)} : field_value{};
  d["explicit_max_ttl"] = whole_seconds(e.explicit_max_ttl);
  d["id"] = std::string{shown_id};
  d["meta"] = e.meta.empty() ? field_value{} : field_value{e.meta};
  d["num_uses"] = e.num_uses;
  d["orphan"] = e.orphan();
  d["path"] = e.origin->path.str();
  d["policies"] = e.policies;
  d["ttl"] = remaining_ttl_seconds(e, now);
  d["type"] = std::string{e.type == token_type::batch ? "batch" : "service"};
  if (e.has_lease) {
    d["issue_time"] = format_rfc3339(e.issue_time, epoch_unix);
    d["renewable"] = e.renewable;
  }
  if (e.last_renewal) {
    d["last_renewal_time"] = unix_seconds(*e.last_renewal, epoch_unix);
    d["last_renewal"] = format_rfc3339(*e.last_renewal, epoch_unix);
  }
  if (e.period > sim_duration::zero())
    d["period"] = whole_seconds(e.period);
  if (!e.origin->role.empty())
    d["role"] = e.origin->role;
  return d;
}

auth_block make_auth_block(std::shared_ptr<const token_entry> e, bool shows_id) {
  auth_block a;
  a.shows_token_id = shows_id;
  a.lease_duration = whole_seconds(e->ttl);
  a.renewable = e->renewable;
  a.token_type = e->type == token_type::batch ? "batch" : "service";
  a.orphan = e->orphan();
  a.num_uses = e->num_uses;
  a.token = std::move(e);
  return a;
}

} // namespace tokenlab
