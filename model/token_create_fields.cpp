// The API form of token creation: `vault write auth/token/create …` (and create-orphan,
// create/<role>) sends the endpoint's fields as text. Vault 1.14.0 reads them twice: the
// framework converts the fields the path declares (vault/token_store.go paths(), which in
// 1.14.0 still declares `metadata` and `format` and no `meta` or `lease`), then
// handleCreateCommon decodes the whole request body into its own struct with
// mapstructure.WeakDecode (`meta` a map, `lease` a string), answering `Error decoding request:
// …` when that fails. 1.14.1 replaced both with one schema (`meta` TypeKVPairs, `lease`;
// hashicorp/vault#18556); the lab follows 1.14.0. The CLI's `vault token create` fills the same
// request from its flags instead (language/token_commands.cpp): its -metadata is a JSON map.

#include "model/texts.hpp"
#include "model/token_rules.hpp"

namespace tokenlab {

namespace {

// The schema of create, create-orphan and create/<role> in 1.14.0; the last two add
// role_name. ttl, explicit_max_ttl and period are TypeString: the handler parses them itself,
// at its own steps.
field_schema create_schema(bool takes_role_name) {
  field_schema s{{"display_name", field_kind::string},  {"explicit_max_ttl", field_kind::string},
                 {"entity_alias", field_kind::string},  {"num_uses", field_kind::integer},
                 {"period", field_kind::string},        {"renewable", field_kind::boolean},
                 {"ttl", field_kind::string},           {"type", field_kind::string},
                 {"no_default_policy", field_kind::boolean},
                 {"id", field_kind::string},            {"metadata", field_kind::map},
                 {"no_parent", field_kind::boolean},    {"policies", field_kind::string_slice},
                 {"format", field_kind::string}};
  if (takes_role_name)
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
  const auto schema = create_schema(with_role || req.orphan_endpoint);
  if (auto bad = check_fields(fields, schema, false))
    return *bad;
  const auto get = [&](const char* key) -> const std::string* {
    auto it = fields.find(key);
    return it == fields.end() ? nullptr : &it->second;
  };
  // The handler's own decoding of the body: its struct's `meta` is a map, which no text is.
  if (get("meta"))
    req.decode_error = texts::decoding_errors({map_from_string_error("meta")});
  // Fields not sent take the struct's zero values; renewable defaults to true.
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
  for (auto [key, slot] : {std::pair{"display_name", &req.display_name},
                           std::pair{"id", &req.id}, std::pair{"entity_alias", &req.entity_alias}})
    if (auto v = get(key))
      *slot = *v;
  // A duration string the handler will parse: `""` is "not set" (0).
  const auto duration = [&](const char* key, sim_duration& slot, bool go_syntax) {
    auto v = get(key);
    if (!v || v->empty())
      return false;
    std::string err;
    auto d = go_syntax ? parse_go_duration(*v, &err) : parse_duration_text(*v, &err);
    if (d)
      slot = *d;
    else
      req.unparsed[key] = err;
    return true;
  };
  req.explicit_max_ttl_sent = duration("explicit_max_ttl", req.explicit_max_ttl, false);
  duration("period", req.period, false);
  // The deprecated `lease` counts only when `ttl` is empty; 1.14.0 parses it with Go's
  // time.ParseDuration, so a bare number of seconds is refused there.
  if (!duration("ttl", req.ttl, false))
    req.ttl_from_lease = duration("lease", req.ttl, true);
  // The framework's own warnings, added to a response after the handler's: in 1.14.0 they
  // name `meta` and `lease` too, which the handler did read.
  if (auto ignored = unknown_fields(fields, schema); !ignored.empty())
    req.framework_warnings.push_back(texts::ignored_parameters(ignored));
  if (with_role && get("role_name"))
    req.framework_warnings.push_back(texts::replaced_parameters({"role_name"}));
  return req;
}

} // namespace tokenlab
