#include "language/result_fields.hpp"

#include "language/lexer.hpp"
#include "model/token_rules.hpp"

#include <type_traits>

namespace tokenlab {

namespace {

struct common_def {
  std::string_view name;
  common_field id;
};

constexpr common_def common_fields[] = {
  {"status", common_field::status},
  {"error", common_field::error},
  {"errors", common_field::errors},
  {"warnings", common_field::warnings},
  {"request_id", common_field::request_id},
  {"lease_id", common_field::lease_id},
  {"lease_duration", common_field::lease_duration},
  {"renewable", common_field::renewable},
  {"storage.writes", common_field::storage_writes},
  {"storage.deletes", common_field::storage_deletes},
  {"node", common_field::node},
  {"served", common_field::served},
};

// One field of a token response's auth block (api.SecretAuth, plus token_type and num_uses
// of the API's JSON).
struct auth_def {
  std::string_view json;  ///< its key in the API's auth object
  std::string_view name;  ///< the CLI table's key (or its own name)
  std::string_view alias; ///< a short form, or ""
  /// Whether the bare JSON key names it too; not for lease_duration and renewable, which
  /// a token response also has at its top level (0 and false).
  bool bare_json;
  field_value (*read)(const auth_block&);
};

const auth_def auth_fields[] = {
  {"client_token", "token", "", true,
   [](const auth_block& a) { return field_value{std::string{a.client_token()}}; }},
  {"accessor", "token_accessor", "", true,
   [](const auth_block& a) { return field_value{std::string{a.accessor()}}; }},
  {"lease_duration", "token_duration", "ttl", false,
   [](const auth_block& a) { return field_value{a.lease_duration}; }},
  {"renewable", "token_renewable", "", false,
   [](const auth_block& a) { return field_value{a.renewable}; }},
  {"token_policies", "token_policies", "", true,
   [](const auth_block& a) { return field_value{a.token_policies()}; }},
  {"identity_policies", "identity_policies", "", true,
   [](const auth_block& a) { return field_value{a.identity_policies}; }},
  {"policies", "policies", "", true, [](const auth_block& a) { return field_value{a.policies()}; }},
  {"metadata", "metadata", "", true,
   [](const auth_block& a) {
     return a.metadata().empty() ? field_value{} : field_value{a.metadata()};
   }},
  {"entity_id", "entity_id", "", true,
   [](const auth_block& a) { return field_value{std::string{a.entity_id()}}; }},
  {"token_type", "token_type", "type", true,
   [](const auth_block& a) { return field_value{a.token_type}; }},
  {"orphan", "orphan", "", true, [](const auth_block& a) { return field_value{a.orphan}; }},
  {"num_uses", "num_uses", "", true, [](const auth_block& a) { return field_value{a.num_uses}; }},
};

// The metadata map: `metadata.KEY` (the API's JSON) and, in the CLI table, `token_meta_KEY`.
constexpr std::string_view metadata_prefix = "metadata.";
constexpr std::string_view table_meta_prefix = "token_meta_";
constexpr std::string_view auth_prefix = "auth.";
constexpr std::string_view data_prefix = "data.";
constexpr std::string_view length_suffix = ".length";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

const auth_def* find_auth(std::string_view f, bool json_only) {
  for (const auto& d : auth_fields)
    if ((json_only || d.bare_json) ? d.json == f : false)
      return &d;
  if (json_only)
    return nullptr;
  for (const auto& d : auth_fields)
    if (d.name == f || (!d.alias.empty() && d.alias == f))
      return &d;
  return nullptr;
}

bool auth_name(std::string_view f, bool json_only) {
  return find_auth(f, json_only) != nullptr || starts_with(f, metadata_prefix) ||
         (!json_only && starts_with(f, table_meta_prefix));
}

const lookup_key* find_lookup_key(std::string_view f) {
  for (const auto& k : token_lookup_keys)
    if (k.name == f)
      return &k;
  return nullptr;
}

// A lookup's data key, or MAPKEY.ENTRY of a map-valued one (meta.team).
bool lookup_name(std::string_view f) {
  if (find_lookup_key(f) != nullptr)
    return true;
  const auto dot = f.find('.');
  if (dot == std::string_view::npos || dot + 1 == f.size())
    return false;
  const lookup_key* k = find_lookup_key(f.substr(0, dot));
  return k != nullptr && k->map;
}

bool known(result_kind kind, std::string_view f) {
  if (kind == result_kind::open || find_common_field(f))
    return true;
  switch (kind) {
    case result_kind::token_response:
      return starts_with(f, auth_prefix) ? auth_name(f.substr(auth_prefix.size()), true)
                                         : auth_name(f, false);
    case result_kind::token_lookup:
      return lookup_name(starts_with(f, data_prefix) ? f.substr(data_prefix.size()) : f);
    default: return false;
  }
}

// The names a result of `kind` has, for suggestions; map-valued fields are completed with
// the entry `f` asks for (metadta.team -> metadata.team).
std::vector<std::string> candidates(result_kind kind, std::string_view f) {
  std::vector<std::string> out;
  for (const auto& c : common_fields)
    out.emplace_back(c.name);
  const auto dot = f.rfind('.');
  const std::string entry = dot == std::string_view::npos ? "" : std::string(f.substr(dot));
  const auto add_map = [&](const std::string& m) {
    if (!entry.empty())
      out.push_back(m + entry);
  };
  if (kind == result_kind::token_response) {
    for (const auto& d : auth_fields) {
      out.emplace_back(d.name);
      if (!d.alias.empty())
        out.emplace_back(d.alias);
      if (d.bare_json && d.json != d.name)
        out.emplace_back(d.json);
      out.push_back(std::string(auth_prefix) + std::string(d.json));
    }
    add_map("metadata");
    add_map("auth.metadata");
  } else if (kind == result_kind::token_lookup) {
    for (const auto& k : token_lookup_keys) {
      out.emplace_back(k.name);
      out.push_back(std::string(data_prefix) + std::string(k.name));
      if (k.map) {
        add_map(std::string(k.name));
        add_map(std::string(data_prefix) + std::string(k.name));
      }
    }
  }
  return out;
}

std::string describe(result_kind kind) {
  std::string out;
  const auto add = [&](std::string_view s) { out += (out.empty() ? "" : ", ") + std::string(s); };
  if (kind == result_kind::token_response) {
    for (const auto& d : auth_fields) {
      add(d.name);
      if (!d.alias.empty())
        add(d.alias);
      if (d.bare_json && d.json != d.name)
        add(d.json);
    }
    add("token_meta_KEY");
    add("metadata.KEY");
    add("auth.KEY (the API's auth object)");
  } else if (kind == result_kind::token_lookup) {
    for (const auto& k : token_lookup_keys)
      add(k.map ? std::string(k.name) + ", " + std::string(k.name) + ".KEY" : std::string(k.name));
    add("data.KEY");
  }
  std::string common;
  for (const auto& c : common_fields)
    common += (common.empty() ? "" : ", ") + std::string(c.name);
  return out.empty() ? common : out + "; and as every result: " + common;
}

} // namespace

result_kind result_kind_of(const vault_command& cmd) {
  return std::visit(
    [](const auto& c) {
      using T = std::decay_t<decltype(c)>;
      if constexpr (std::is_same_v<T, cmd_login> || std::is_same_v<T, cmd_token_create> ||
                    std::is_same_v<T, cmd_token_renew>)
        return result_kind::token_response;
      else if constexpr (std::is_same_v<T, cmd_token_lookup>)
        return result_kind::token_lookup;
      else if constexpr (std::is_same_v<T, cmd_token_revoke> || std::is_same_v<T, cmd_auth_tune> ||
                         std::is_same_v<T, cmd_secrets_enable> ||
                         std::is_same_v<T, cmd_secrets_tune> ||
                         std::is_same_v<T, cmd_auth_enable> ||
                         std::is_same_v<T, cmd_secrets_disable> ||
                         std::is_same_v<T, cmd_auth_disable> ||
                         std::is_same_v<T, cmd_policy_write> ||
                         std::is_same_v<T, cmd_lease_revoke>)
        return result_kind::no_body;
      else
        return result_kind::open;
    },
    cmd);
}

std::optional<common_field> find_common_field(std::string_view name) {
  for (const auto& c : common_fields)
    if (c.name == name)
      return c.id;
  return std::nullopt;
}

std::optional<field_value> auth_field_value(const auth_block& a, std::string_view field,
                                            bool json_only) {
  if (const auth_def* d = find_auth(field, json_only))
    return d->read(a);
  std::string_view key;
  if (starts_with(field, metadata_prefix))
    key = field.substr(metadata_prefix.size());
  else if (!json_only && starts_with(field, table_meta_prefix))
    key = field.substr(table_meta_prefix.size());
  else
    return std::nullopt;
  const auto it = a.metadata().find(std::string(key));
  if (it == a.metadata().end())
    return std::nullopt;
  return field_value{it->second};
}

std::optional<std::string_view> length_target(std::string_view field) {
  if (field.size() <= length_suffix.size() ||
      field.compare(field.size() - length_suffix.size(), length_suffix.size(), length_suffix) != 0)
    return std::nullopt;
  return field.substr(0, field.size() - length_suffix.size());
}

std::optional<std::int64_t> value_length(const field_value& v) {
  if (std::holds_alternative<std::monostate>(v))
    return 0;
  if (const auto* s = std::get_if<std::string>(&v))
    return static_cast<std::int64_t>(s->size());
  if (const auto* xs = std::get_if<std::vector<std::string>>(&v))
    return static_cast<std::int64_t>(xs->size());
  if (const auto* m = std::get_if<std::map<std::string, std::string>>(&v))
    return static_cast<std::int64_t>(m->size());
  if (const auto* o = std::get_if<field_object>(&v))
    return static_cast<std::int64_t>(o->get().size());
  if (const auto* l = std::get_if<field_list>(&v))
    return static_cast<std::int64_t>(l->get().size());
  return std::nullopt;
}

bool known_field(result_kind kind, std::string_view field, std::string& suggestion,
                 std::string& fields) {
  const std::string_view f = length_target(field).value_or(field);
  if (known(kind, f))
    return true;
  const auto names = candidates(kind, f);
  suggestion = detail::closest(f, std::vector<std::string_view>(names.begin(), names.end()));
  if (!suggestion.empty() && f.size() != field.size())
    suggestion += std::string(length_suffix);
  fields = describe(kind);
  return false;
}

} // namespace tokenlab
