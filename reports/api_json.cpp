#include "reports/api_json.hpp"

#include "reports/go_format.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

using ojson = nlohmann::ordered_json;

ojson list_or_null(const std::vector<std::string>& items) {
  if (items.empty())
    return nullptr;
  return ojson(items);
}

ojson map_or_null(const std::map<std::string, std::string>& m) {
  if (m.empty())
    return nullptr;
  ojson out = ojson::object();
  for (const auto& [k, v] : m)
    out[k] = v;
  return out;
}

ojson data_json(const std::optional<data_map>& data) {
  if (!data)
    return nullptr;
  ojson out = ojson::object();
  for (const auto& [k, v] : *data)
    out[k] = to_json(v);
  return out;
}

} // namespace

ojson to_json(const field_value& v) {
  struct visitor {
    ojson operator()(std::monostate) const { return nullptr; }
    ojson operator()(bool b) const { return b; }
    ojson operator()(std::int64_t i) const { return i; }
    ojson operator()(const std::string& s) const { return s; }
    ojson operator()(const std::vector<std::string>& list) const { return ojson(list); }
    ojson operator()(const std::map<std::string, std::string>& m) const {
      ojson out = ojson::object();
      for (const auto& [k, val] : m)
        out[k] = val;
      return out;
    }
    ojson operator()(const field_object& o) const {
      ojson out = ojson::object();
      for (const auto& [k, val] : o.get())
        out[k] = std::visit(*this, val);
      return out;
    }
    ojson operator()(const field_list& l) const {
      ojson out = ojson::array();
      for (const auto& item : l.get())
        out.push_back(std::visit(*this, item));
      return out;
    }
  };
  return std::visit(visitor{}, v);
}

ojson field_json(const field_value& v) {
  return to_json(v);
}

ojson cli_secret_json(const api_response& r) {
  ojson j = ojson::object();
  j["request_id"] = r.request_id;
  j["lease_id"] = r.lease_id;
  j["lease_duration"] = r.lease_duration;
  j["renewable"] = r.renewable;
  j["data"] = data_json(r.data);
  j["warnings"] = list_or_null(r.warnings);
  if (r.auth) {
    const auth_block& a = *r.auth;
    ojson auth = ojson::object();
    auth["client_token"] = a.client_token();
    auth["accessor"] = a.accessor();
    auth["policies"] = list_or_null(a.policies());
    auth["token_policies"] = list_or_null(a.token_policies());
    auth["identity_policies"] = list_or_null(a.identity_policies);
    auth["metadata"] = map_or_null(a.metadata());
    auth["orphan"] = a.orphan;
    auth["entity_id"] = a.entity_id();
    auth["lease_duration"] = a.lease_duration;
    auth["renewable"] = a.renewable;
    auth["mfa_requirement"] = nullptr;
    j["auth"] = std::move(auth);
  }
  return j;
}

ojson http_response_json(const api_response& r) {
  ojson j = ojson::object();
  j["request_id"] = r.request_id;
  j["lease_id"] = r.lease_id;
  j["renewable"] = r.renewable;
  j["lease_duration"] = r.lease_duration;
  j["data"] = data_json(r.data);
  j["wrap_info"] = nullptr;
  j["warnings"] = list_or_null(r.warnings);
  if (!r.auth) {
    j["auth"] = nullptr;
    return j;
  }
  const auth_block& a = *r.auth;
  ojson auth = ojson::object();
  auth["client_token"] = a.client_token();
  auth["accessor"] = a.accessor();
  auth["policies"] = list_or_null(a.policies());
  if (!a.token_policies().empty())
    auth["token_policies"] = a.token_policies();
  if (!a.identity_policies.empty())
    auth["identity_policies"] = a.identity_policies;
  auth["metadata"] = map_or_null(a.metadata());
  auth["lease_duration"] = a.lease_duration;
  auth["renewable"] = a.renewable;
  auth["entity_id"] = a.entity_id();
  auth["token_type"] = a.token_type;
  auth["orphan"] = a.orphan;
  auth["mfa_requirement"] = nullptr;
  auth["num_uses"] = a.num_uses;
  j["auth"] = std::move(auth);
  return j;
}

namespace {

const std::string* text_at(const data_map& d, const std::string& key) {
  auto it = d.find(key);
  return it == d.end() ? nullptr : std::get_if<std::string>(&it->second);
}

bool flag_at(const data_map& d, const std::string& key) {
  auto it = d.find(key);
  return it != d.end() && std::holds_alternative<bool>(it->second) && std::get<bool>(it->second);
}

std::int64_t number_at(const data_map& d, const std::string& key) {
  auto it = d.find(key);
  return it != d.end() && std::holds_alternative<std::int64_t>(it->second)
           ? std::get<std::int64_t>(it->second)
           : 0;
}

// A TTL cell back to the mount's seconds: "system" (and sys/'s and cubbyhole/'s empty cell)
// is the 0 the mount table stores.
std::int64_t ttl_seconds(const std::string& cell) {
  return cell.empty() || cell == "system" ? 0 : std::stoll(cell);
}

// The options cell (fmt's %v of a map[string]string, `map[k:v …]`) back to the map; `map[]`
// is the nil map of a mount without options, which encodes as null.
ojson options_json(const std::string& cell) {
  const std::string inner = cell.size() >= 5 ? cell.substr(4, cell.size() - 5) : std::string{};
  if (inner.empty())
    return nullptr;
  ojson out = ojson::object();
  std::size_t start = 0;
  while (start < inner.size()) {
    const std::size_t end = std::min(inner.find(' ', start), inner.size());
    const std::string pair = inner.substr(start, end - start);
    const std::size_t colon = pair.find(':');
    out[pair.substr(0, colon)] =
      colon == std::string::npos ? std::string{} : pair.substr(colon + 1);
    start = end + 1;
  }
  return out;
}

} // namespace

ojson mount_list_json(const api_response& r, bool auth) {
  ojson out = ojson::object();
  if (!r.data)
    return out;
  for (const auto& [path, value] : *r.data) {
    const auto* row = std::get_if<std::map<std::string, std::string>>(&value);
    if (!row)
      continue;
    auto cell = [row](const char* key) {
      auto it = row->find(key);
      return it == row->end() ? std::string{} : it->second;
    };
    ojson config = ojson::object();
    config["default_lease_ttl"] = ttl_seconds(cell("default_ttl"));
    config["max_lease_ttl"] = ttl_seconds(cell("max_ttl"));
    config["force_no_cache"] = cell("force_no_cache") == "true";
    if (auth) // logical_system.go mountInfo adds token_type for the credential table only
      config["token_type"] = cell("token_type");
    ojson m = ojson::object();
    m["uuid"] = cell("uuid");
    m["type"] = cell("type");
    m["description"] = cell("description");
    m["accessor"] = cell("accessor");
    m["config"] = std::move(config);
    m["options"] = options_json(cell("options"));
    m["local"] = cell("replication") == "local";
    m["seal_wrap"] = cell("seal_wrap") == "true";
    m["external_entropy_access"] = cell("external_entropy_access") == "true";
    m["plugin_version"] = cell("version");
    m["running_plugin_version"] = cell("running_version");
    m["running_sha256"] = cell("running_sha256");
    m["deprecation_status"] = cell("deprecation_status");
    out[path] = std::move(m);
  }
  return out;
}

ojson seal_status_json(const api_response& r) {
  const data_map empty;
  const data_map& d = r.data ? *r.data : empty;
  auto text = [&d](const char* key) {
    const std::string* s = text_at(d, key);
    return s ? *s : std::string{};
  };
  ojson j = ojson::object();
  j["type"] = text("type");
  j["initialized"] = flag_at(d, "initialized");
  j["sealed"] = flag_at(d, "sealed");
  j["t"] = number_at(d, "t");
  j["n"] = number_at(d, "n");
  j["progress"] = number_at(d, "progress");
  j["nonce"] = text("nonce");
  j["version"] = text("version");
  j["build_date"] = text("build_date");
  j["migration"] = flag_at(d, "migration");
  // `omitempty` fields appear only when set.
  auto text_if_set = [&](const char* key) {
    if (!text(key).empty())
      j[key] = text(key);
  };
  text_if_set("cluster_name");
  text_if_set("cluster_id");
  j["recovery_seal"] = flag_at(d, "recovery_seal");
  text_if_set("storage_type");
  j["ha_enabled"] = flag_at(d, "ha_enabled");
  if (flag_at(d, "is_self"))
    j["is_self"] = true;
  // A time.Time is a struct, which `omitempty` never omits: the zero time when unset.
  const std::string active = text("active_time");
  j["active_time"] = active.empty() ? std::string{"0001-01-01T00:00:00Z"} : active;
  text_if_set("leader_address");
  text_if_set("leader_cluster_address");
  if (flag_at(d, "performance_standby"))
    j["performance_standby"] = true;
  for (const char* key : {"performance_standby_last_remote_wal", "last_wal", "raft_committed_index",
                          "raft_applied_index"})
    if (number_at(d, key) != 0)
      j[key] = number_at(d, key);
  return j;
}

ojson http_error_json(const vault_error& e) {
  ojson j = ojson::object();
  j["errors"] = e.messages;
  return j;
}

std::string go_marshal_indent(const ojson& j) {
  // nlohmann's indented form matches MarshalIndent's (`"key": value`, `[]`, `{}`);
  // invalid UTF-8 becomes U+FFFD as Go's encoder does.
  return go::html_escape_json(j.dump(2, ' ', false, ojson::error_handler_t::replace));
}

} // namespace tokenlab
