// The API form of token creation: `vault write auth/token/create …` (and create-orphan,
// create/<role>) sends the endpoint's fields as text, which the framework converts by the
// path's schema (vault/token_store.go paths(): commonFieldsForCreate) before
// handleCreateCommon reads them. The CLI's `vault token create` fills the same request from
// its flags instead (language/token_commands.cpp).

#include "model/texts.hpp"
#include "model/token_rules.hpp"

namespace tokenlab {

namespace {

// commonFieldsForCreate; create/<role> adds role_name. ttl, lease, explicit_max_ttl and period
// are TypeString: the handler parses them itself, at its own steps.
field_schema create_schema(bool with_role) {
  field_schema s{{"display_name", field_kind::string},  {"explicit_max_ttl", field_kind::string},
                 {"entity_alias", field_kind::string},  {"num_uses", field_kind::integer},
                 {"period", field_kind::string},        {"renewable", field_kind::boolean},
                 {"ttl", field_kind::string},           {"lease", field_kind::string},
                 {"type", field_kind::string},          {"no_default_policy", field_kind::boolean},
                 {"id", field_kind::string},            {"meta", field_kind::kv_pairs},
                 {"no_parent", field_kind::boolean},    {"policies", field_kind::string_slice}};
  if (with_role)
    s["role_name"] = field_kind::string;
  return s;
}

} // namespace

outcome<token_create_request> token_create_from_fields(const std::string& sub,
                                                       const field_map& fields) {
  token_create_request req;
  const bool with_role = sub.rfind("create/", 0) == 0;
  if (with_role)
    req.role = sub.substr(7);
  req.orphan_endpoint = sub == "create-orphan";
  const auto schema = create_schema(with_role);
  if (auto bad = check_fields(fields, schema, false))
    return *bad;
  const auto get = [&](const char* key) -> const std::string* {
    auto it = fields.find(key);
    return it == fields.end() ? nullptr : &it->second;
  };
  // Fields not sent take the schema's default: "" / false / 0, renewable true.
  req.type = get("type") ? *get("type") : std::string{};
  if (auto v = get("renewable"))
    req.renewable = field_bool(*v);
  if (auto v = get("no_parent"))
    req.no_parent = field_bool(*v);
  if (auto v = get("no_default_policy"))
    req.no_default_policy = field_bool(*v);
  if (auto v = get("num_uses"))
    req.num_uses = field_int(*v);
  if (auto v = get("policies"))
    req.policies = parse_string_slice(*v);
  if (auto v = get("meta"))
    req.meta = *parse_kv_pairs(*v, nullptr);
  for (auto [key, slot] : {std::pair{"display_name", &req.display_name},
                           std::pair{"id", &req.id}, std::pair{"entity_alias", &req.entity_alias}})
    if (auto v = get(key))
      *slot = *v;
  // A duration string the handler will parse: `""` is "not set" (0).
  const auto duration = [&](const char* key, sim_duration& slot) {
    auto v = get(key);
    if (!v || v->empty())
      return false;
    std::string err;
    if (auto d = parse_duration_text(*v, &err))
      slot = *d;
    else
      req.unparsed[key] = err;
    return true;
  };
  req.explicit_max_ttl_sent = duration("explicit_max_ttl", req.explicit_max_ttl);
  duration("period", req.period);
  // The deprecated `lease` counts only when `ttl` is empty.
  if (!duration("ttl", req.ttl))
    req.ttl_from_lease = duration("lease", req.ttl);
  // The framework's own warnings, added to a response after the handler's.
  if (auto ignored = unknown_fields(fields, schema); !ignored.empty())
    req.framework_warnings.push_back(texts::ignored_parameters(ignored));
  if (with_role && get("role_name"))
    req.framework_warnings.push_back(texts::replaced_parameters({"role_name"}));
  return req;
}

} // namespace tokenlab
