#include "reports/api_json.hpp"

#include "reports/go_format.hpp"

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
    auth["client_token"] = a.client_token;
    auth["accessor"] = a.accessor;
    auth["policies"] = list_or_null(a.policies);
    auth["token_policies"] = list_or_null(a.token_policies);
    auth["identity_policies"] = list_or_null(a.identity_policies);
    auth["metadata"] = map_or_null(a.metadata);
    auth["orphan"] = a.orphan;
    auth["entity_id"] = a.entity_id;
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
  auth["client_token"] = a.client_token;
  auth["accessor"] = a.accessor;
  auth["policies"] = list_or_null(a.policies);
  if (!a.token_policies.empty())
    auth["token_policies"] = a.token_policies;
  if (!a.identity_policies.empty())
    auth["identity_policies"] = a.identity_policies;
  auth["metadata"] = map_or_null(a.metadata);
  auth["lease_duration"] = a.lease_duration;
  auth["renewable"] = a.renewable;
  auth["entity_id"] = a.entity_id;
  auth["token_type"] = a.token_type;
  auth["orphan"] = a.orphan;
  auth["mfa_requirement"] = nullptr;
  auth["num_uses"] = a.num_uses;
  j["auth"] = std::move(auth);
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
