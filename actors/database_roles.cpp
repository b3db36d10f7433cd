// The database secrets engine's dynamic roles (builtin/logical/database path_roles.go):
// `roles/<name>` writes with their statements and TTLs, the fields converted as the framework
// does (model/fields.hpp).

#include "actors/database_internal.hpp"
#include "model/fields.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cstdint>

namespace tokenlab::database_detail {

// path_roles.go pathRoleCreateUpdate.
api_outcome write_role(self_ptr self, const std::string& name, const logical_write_request& req) {
  auto& st = self->state;
  auto existing = st.roles.find(name);
  db_role r = existing == st.roles.end() ? db_role{} : existing->second;
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto it = req.fields.find(key);
    if (it == req.fields.end())
      return std::nullopt;
    return it->second;
  };
  // The existence check converts the typed fields first: a bad one is a bare 400.
  if (auto bad = check_fields(
        req.fields, {{"default_ttl", field_kind::duration}, {"max_ttl", field_kind::duration}},
        true))
    return *bad;
  std::optional<sim_duration> default_ttl, max_ttl;
  for (auto [key, slot] : {std::pair{"default_ttl", &default_ttl}, std::pair{"max_ttl", &max_ttl}})
    if (auto v = get(key))
      *slot = field_duration(*v);
  if (auto v = get("db_name"))
    r.db_name = *v;
  if (r.db_name.empty())
    return vault_error::invalid(std::string{texts::db_name_required});
  if (auto v = get("credential_type"); v && *v != "password")
    return not_modelled("credential_type " + go_quote(*v) + " (password is)");
  if (auto v = get("credential_config"); v && !v->empty())
    return not_modelled("credential_config");
  for (auto [key, slot] : {std::pair{"creation_statements", &r.creation_statements},
                           std::pair{"revocation_statements", &r.revocation_statements},
                           std::pair{"rollback_statements", &r.rollback_statements},
                           std::pair{"renew_statements", &r.renew_statements}})
    if (auto v = get(key))
      *slot = parse_string_slice(*v);
  if (default_ttl)
    r.default_ttl = *default_ttl;
  if (max_ttl)
    r.max_ttl = *max_ttl;
  st.roles[name] = r;
  config_written(self, req.path);
  return no_content();
}

} // namespace tokenlab::database_detail
