// The database secrets engine's dynamic roles (builtin/logical/database path_roles.go):
// `roles/<name>` writes with their statements and TTLs, the TTL fields parsed as the framework
// does (parseutil.ParseDurationSecond over strconv.ParseInt and time.ParseDuration).

#include "actors/database_internal.hpp"
#include "model/fields.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cstdint>

namespace tokenlab::database_detail {

namespace {

// TypeDurationSecond: the framework's rule, as the auth methods parse it.
outcome<sim_duration> parse_ttl(const std::string& key, const std::string& v) {
  std::string err;
  auto seconds = parse_duration_second(v, &err);
  if (!seconds)
    return vault_error::invalid(texts::field_conversion(v, key, err));
  return secs(*seconds);
}

} // namespace

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
  std::optional<sim_duration> default_ttl, max_ttl;
  for (auto [key, slot] : {std::pair{"default_ttl", &default_ttl}, std::pair{"max_ttl", &max_ttl}})
    if (auto v = get(key)) {
      auto d = parse_ttl(key, *v);
      if (!d)
        return d.error();
      *slot = *d;
    }
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
      *slot = string_slice(*v);
  if (default_ttl)
    r.default_ttl = *default_ttl;
  if (max_ttl)
    r.max_ttl = *max_ttl;
  st.roles[name] = r;
  config_written(self, req.path);
  return no_content();
}

} // namespace tokenlab::database_detail
