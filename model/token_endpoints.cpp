#include "model/token_endpoints.hpp"

#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <array>
#include <string_view>
#include <type_traits>

namespace tokenlab {

namespace {

struct endpoint {
  const char* name;      ///< under auth/token/
  bool readable;         ///< has a ReadOperation callback
  token_selector by;     ///< how the handler names the token
  field_schema schema;   ///< the path's declared fields
};

const std::vector<endpoint>& endpoints() {
  using k = field_kind;
  static const std::vector<endpoint> all{
    {"lookup", true, token_selector::token, {{"token", k::string}}},
    {"lookup-self", true, token_selector::self, {{"token", k::string}}},
    {"lookup-accessor", false, token_selector::accessor, {{"accessor", k::string}}},
    {"renew", false, token_selector::token, {{"token", k::string}, {"increment", k::duration}}},
    {"renew-self", false, token_selector::self,
     {{"token", k::string}, {"increment", k::duration}}},
    {"renew-accessor", false, token_selector::accessor,
     {{"accessor", k::string}, {"increment", k::duration}}},
    {"revoke", false, token_selector::token, {{"token", k::string}}},
    {"revoke-self", false, token_selector::self, {}},
    {"revoke-orphan", false, token_selector::token, {{"token", k::string}}},
    {"revoke-accessor", false, token_selector::accessor, {{"accessor", k::string}}},
    {"tidy", false, token_selector::self, {}},
  };
  return all;
}

// Built in place: GCC 12 sees a maybe-uninitialized vector in a temporary outcome's move.
std::optional<outcome<token_api_call>> done(token_api_call call) {
  std::optional<outcome<token_api_call>> out;
  out.emplace(std::move(call));
  return out;
}

} // namespace

std::optional<outcome<token_api_call>> token_request_from_fields(const std::string& path,
                                                                 const field_map& fields,
                                                                 bool read) {
  static const std::string root = "auth/token/";
  if (path.compare(0, root.size(), root) != 0)
    return std::nullopt;
  const auto name = path.substr(root.size());
  const endpoint* e = nullptr;
  for (const auto& x : endpoints())
    if (name == x.name)
      e = &x;
  if (!e)
    return std::nullopt;
  if (read && !e->readable)
    return outcome<token_api_call>{vault_error{405, {std::string{texts::unsupported_operation}}}};
  if (auto bad = check_fields(fields, e->schema, false))
    return outcome<token_api_call>{*bad};
  const std::string value = field_text(fields, e->by == token_selector::accessor ? "accessor" : "token");
  token_api_call call{token_tidy_request{}, e->schema};
  if (name == "tidy")
    return done(std::move(call));
  if (starts_with(name, "lookup")) {
    token_lookup_request r;
    r.by = e->by;
    if (e->by != token_selector::self)
      r.value = value;
    // handleLookup: no token in the request means the caller's own.
    if (e->by == token_selector::token && r.value.empty())
      r.by = token_selector::self;
    call.op = r;
  } else if (starts_with(name, "renew")) {
    token_renew_request r;
    r.by = e->by;
    if (e->by != token_selector::self)
      r.value = value;
    if (auto inc = fields.find("increment"); inc != fields.end())
      r.increment = field_duration(inc->second);
    call.op = r;
  } else {
    token_revoke_request r;
    r.by = e->by;
    r.orphan_children = name == "revoke-orphan";
    if (e->by != token_selector::self)
      r.value = value;
    call.op = r;
  }
  return done(std::move(call));
}

field_schema capabilities_schema(token_selector by) {
  field_schema schema{{"path", field_kind::comma_string_slice},
                      {"paths", field_kind::comma_string_slice}};
  if (by == token_selector::accessor)
    schema["accessor"] = field_kind::string;
  else
    schema["token"] = field_kind::string;
  return schema;
}

std::optional<outcome<capabilities_request>> capabilities_from_fields(const std::string& path,
                                                                      const field_map& fields) {
  capabilities_request r;
  if (path == "sys/capabilities-self")
    r.by = token_selector::self;
  else if (path == "sys/capabilities")
    r.by = token_selector::token;
  else if (path == "sys/capabilities-accessor")
    r.by = token_selector::accessor;
  else
    return std::nullopt;
  if (r.by != token_selector::self)
    r.value = field_text(fields, r.by == token_selector::accessor ? "accessor" : "token");
  r.paths = parse_comma_slice(field_text(fields, "paths"));
  if (r.paths.empty())
    r.paths = parse_comma_slice(field_text(fields, "path"));
  return outcome<capabilities_request>{r};
}

std::optional<token_api_request> token_api_of(const vault_request& req) {
  if (auto l = std::get_if<token_lookup_request>(&req.op))
    return token_api_request{*l};
  if (auto r = std::get_if<token_renew_request>(&req.op))
    return token_api_request{*r};
  if (auto v = std::get_if<token_revoke_request>(&req.op))
    return token_api_request{*v};
  return std::nullopt;
}

endpoint_check token_endpoint_check(const token_api_request& op) {
  // The three paths of each operation, as the token is named: by value, itself, by accessor.
  using paths = std::array<std::string_view, 3>;
  static constexpr paths lookup{"auth/token/lookup", "auth/token/lookup-self",
                                "auth/token/lookup-accessor"};
  static constexpr paths renew{"auth/token/renew", "auth/token/renew-self",
                               "auth/token/renew-accessor"};
  static constexpr paths revoke{"auth/token/revoke", "auth/token/revoke-self",
                                "auth/token/revoke-accessor"};
  const auto named = [](const paths& of, token_selector by) {
    return by == token_selector::self       ? of[1]
           : by == token_selector::accessor ? of[2]
                                            : of[0];
  };
  return std::visit(
    [&](const auto& r) -> endpoint_check {
      using op_t = std::decay_t<decltype(r)>;
      if constexpr (std::is_same_v<op_t, token_lookup_request>)
        return {named(lookup, r.by),
                r.by == token_selector::self ? capability::read : capability::update};
      else if constexpr (std::is_same_v<op_t, token_renew_request>)
        return {named(renew, r.by), capability::update};
      else if constexpr (std::is_same_v<op_t, token_revoke_request>)
        return {r.orphan_children ? std::string_view{"auth/token/revoke-orphan"}
                                  : named(revoke, r.by),
                capability::update};
      else
        return {"auth/token/tidy", capability::update};
    },
    op);
}

} // namespace tokenlab
