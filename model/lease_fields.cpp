#include "model/lease_fields.hpp"

namespace tokenlab {

namespace {

bool under(const std::string& path, const std::string& prefix) {
  return path.compare(0, prefix.size(), prefix) == 0;
}

// `sys/leases/<op>`, `sys/leases/<op>/<id>`, `sys/<op>`, `sys/<op>/<id>`: the ID in the URL
// ("" without one); nullopt when `path` is not that endpoint.
std::optional<std::string> endpoint(const std::string& path, const std::string& op) {
  for (const std::string& base : {"sys/leases/" + op, "sys/" + op}) {
    if (path == base)
      return std::string{};
    if (under(path, base + "/"))
      return path.substr(base.size() + 1);
  }
  return std::nullopt;
}

} // namespace

std::optional<outcome<lease_api_request>> lease_request_from_fields(const std::string& path,
                                                                    const field_map& fields) {
  if (path == "sys/leases/lookup") {
    if (auto bad = check_fields(fields, {{"lease_id", field_kind::string}}, false))
      return outcome<lease_api_request>{*bad};
    return outcome<lease_api_request>{lease_lookup_request{field_text(fields, "lease_id")}};
  }
  // revoke-prefix and revoke-force take their prefix from the URL only.
  for (const char* op : {"revoke-prefix", "revoke-force"})
    if (auto prefix = endpoint(path, op); prefix && !prefix->empty()) {
      const bool force = std::string{op} == "revoke-force";
      field_schema schema{{"prefix", field_kind::string}};
      if (!force)
        schema["sync"] = field_kind::boolean;
      if (auto bad = check_fields(fields, schema, false))
        return outcome<lease_api_request>{*bad};
      lease_revoke_request r;
      r.lease_id = *prefix;
      r.prefix = true;
      r.force = force;
      if (auto it = fields.find("sync"); !force && it != fields.end())
        r.sync = field_bool(it->second);
      return outcome<lease_api_request>{r};
    }
  // renew and revoke: the lease ID in the body, else in the URL; then each one's own field.
  for (const std::string op : {"renew", "revoke"}) {
    auto url = endpoint(path, op);
    if (!url)
      continue;
    const bool renew = op == "renew";
    const char* extra = renew ? "increment" : "sync";
    const field_schema schema{{"url_lease_id", field_kind::string},
                              {"lease_id", field_kind::string},
                              {extra, renew ? field_kind::duration : field_kind::boolean}};
    if (auto bad = check_fields(fields, schema, false))
      return outcome<lease_api_request>{*bad};
    auto id = field_text(fields, "lease_id");
    if (id.empty())
      id = *url;
    const auto value = fields.find(extra);
    if (renew) {
      lease_renew_request r{id, sim_duration::zero()};
      if (value != fields.end())
        r.increment = field_duration(value->second);
      return outcome<lease_api_request>{r};
    }
    lease_revoke_request r;
    r.lease_id = id;
    if (value != fields.end())
      r.sync = field_bool(value->second);
    return outcome<lease_api_request>{r};
  }
  return std::nullopt;
}

} // namespace tokenlab
