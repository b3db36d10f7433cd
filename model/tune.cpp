#include "model/tune.hpp"

#include "clock/duration.hpp"
#include "model/texts.hpp"

namespace tokenlab {

namespace {

// The tune paths' schema (vault/logical_system_paths.go, auth/…/tune and mounts/…/tune).
const field_schema& tune_schema() {
  static const field_schema s{{"default_lease_ttl", field_kind::string},
                              {"max_lease_ttl", field_kind::string},
                              {"description", field_kind::string},
                              {"audit_non_hmac_request_keys", field_kind::comma_string_slice},
                              {"audit_non_hmac_response_keys", field_kind::comma_string_slice},
                              {"options", field_kind::kv_pairs},
                              {"listing_visibility", field_kind::string},
                              {"passthrough_request_headers", field_kind::comma_string_slice},
                              {"allowed_response_headers", field_kind::comma_string_slice},
                              {"allowed_managed_keys", field_kind::comma_string_slice},
                              {"token_type", field_kind::string},
                              {"user_lockout_config", field_kind::string},
                              {"plugin_version", field_kind::string}};
  return s;
}

} // namespace

outcome<mount_tune_request> tune_request_from_fields(std::string mount, const field_map& fields) {
  mount_tune_request req;
  req.mount = std::move(mount);
  if (auto bad = check_fields(fields, tune_schema(), false))
    return *bad;
  for (const auto& [key, value] : fields) {
    if (key == "token_type") {
      req.token_type = value;
      continue;
    }
    const bool ttl = key == "default_lease_ttl" || key == "max_lease_ttl";
    if (!ttl) {
      if (tune_schema().count(key) > 0)
        return vault_error::invalid(texts::not_modelled("tuning " + key));
      continue; // not a field of the path: ignored (a 204 carries no warning)
    }
    auto& slot = key == "default_lease_ttl" ? req.default_lease_ttl : req.max_lease_ttl;
    if (value.empty())
      continue;
    if (value == "system") {
      slot = sim_duration::zero();
      continue;
    }
    std::string err;
    if (auto d = parse_duration_text(value, &err))
      slot = *d;
    else
      req.unparsed[key] = err;
  }
  return req;
}

tune_result apply_tune(const mount_tune& current, const mount_tune_request& req, mount_kind kind) {
  tune_result out{current, std::nullopt};
  // The timing block: the default is parsed first, then the max.
  for (const char* key : {"default_lease_ttl", "max_lease_ttl"})
    if (auto it = req.unparsed.find(key); it != req.unparsed.end()) {
      out.error = vault_error::invalid(it->second);
      return out;
    }
  mount_tune next = current;
  if (req.default_lease_ttl)
    next.default_lease_ttl = *req.default_lease_ttl;
  if (req.max_lease_ttl)
    next.max_lease_ttl = *req.max_lease_ttl;
  if (next.default_lease_ttl != current.default_lease_ttl ||
      next.max_lease_ttl != current.max_lease_ttl) {
    // tuneMountTTLs compares only the mount's own new values: a tuned default above the
    // *system* max is accepted (the TTLs it yields are capped later, with a warning).
    if (next.default_lease_ttl.count() != 0 && next.max_lease_ttl.count() != 0 &&
        next.max_lease_ttl < next.default_lease_ttl) {
      out.error = vault_error::invalid(
        texts::tune_max_below_default(next.max_lease_ttl, next.default_lease_ttl));
      return out;
    }
    out.tune = next;
  }
  if (!req.token_type)
    return out;
  if (kind == mount_kind::secrets) {
    out.error = vault_error::invalid(std::string{texts::token_type_auth_mounts_only});
    return out;
  }
  if (kind == mount_kind::token) {
    out.error = vault_error::invalid(std::string{texts::token_type_not_on_token_mount});
    return out;
  }
  const auto& t = *req.token_type;
  if (t != "" && t != "default-service" && t != "default-batch" && t != "service" &&
      t != "batch") {
    out.error = vault_error::invalid(std::string{texts::tune_token_type_invalid});
    return out;
  }
  out.tune.token_type = t.empty() ? std::string{"default-service"} : t;
  return out;
}

tune_facts tune_effect(const system_config& sys, const mount_tune& tune, const std::string& mount,
                       mount_kind kind) {
  tune_facts out;
  out.view = effective_view(sys, tune, mount);
  if (kind == mount_kind::auth)
    out.token_type = tune.token_type;
  return out;
}

std::string tune_detail(const tune_facts& effect) {
  const auto from = [](ttl_source src) {
    return src == ttl_source::mount_tune ? " (mount tune)" : " (system config)";
  };
  const auto& view = effect.view;
  std::string out = "effective default_lease_ttl " + format_duration(view.default_lease_ttl) +
                    from(view.default_source) + ", max_lease_ttl " +
                    format_duration(view.max_lease_ttl) + from(view.max_source);
  if (effect.token_type)
    out += ", token_type " + *effect.token_type;
  return out;
}

bool login_gets_batch(const std::string& mount_token_type, const std::string& method_token_type) {
  if (mount_token_type == "service" || mount_token_type == "batch")
    return mount_token_type == "batch";
  if (mount_token_type == "default-batch")
    return method_token_type != "service" && method_token_type != "default-service";
  return method_token_type == "batch" || method_token_type == "default-batch";
}

} // namespace tokenlab
