#pragma once
// Pieces shared by the files of Vault's auth methods (private to model/): the framework's
// request and response helpers every method's paths use (auth_methods.cpp; the field
// conversions are model/fields.hpp's), cidrutil's check (token_params.cpp), strutil's key-value
// parsing of AppRole metadata (auth_approle_metadata.cpp), and the constructors of the three
// methods (auth_userpass.cpp, auth_approle.cpp, auth_kubernetes.cpp). model/auth_methods.hpp
// is the public side.

#include "model/auth_methods.hpp"
#include "model/go_text.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::auth_detail {

// --- text (auth_methods.cpp) ---

bool is_digit(char c);
char lower_ascii(char c);
std::string lower(std::string s);
/// strings.TrimSpace (model/go_text.hpp).
inline std::string trim(std::string_view s) {
  return go_trim_space(s);
}

// --- addresses (token_params.cpp) ---

/// cidrutil.ValidateCIDRListSlice: the first block that is not a CIDR.
std::optional<std::string> invalid_cidr(const std::vector<std::string>& blocks);

// --- the framework's requests and responses (auth_methods.cpp) ---

const std::string* get(const field_map& m, const std::string& key);
std::string get_or_empty(const field_map& m, const std::string& key);
vault_error bad(std::string_view msg);
/// A plain Go error of a handler outside login paths: 500, wrapped by go-multierror.
vault_error handler_failed(std::string_view msg);
vault_error unsupported_path(bool login_path);
vault_error unsupported_operation(bool login_path);
vault_error not_found();
vault_error lab_refusal(std::string_view what);
api_response no_content();
api_response with_data(data_map d);
api_response list_response(std::vector<std::string> keys);

/// A LIST of a map's names (users, roles): the keys, or a 404 when there are none.
template <class Map>
outcome<api_response> list_keys(const Map& named) {
  std::vector<std::string> keys;
  for (const auto& entry : named)
    keys.push_back(entry.first);
  if (keys.empty())
    return not_found();
  return list_response(std::move(keys));
}
/// framework.GenericNameRegex: \w(([\w-.]+)?\w)?
bool generic_name(std::string_view s);
std::vector<std::string> split_path(std::string_view p);
/// `<prefix>` or `<prefix>/`: a list path of the framework (pattern "<prefix>/?").
bool list_path(std::string_view p, std::string_view prefix);
std::int64_t seconds_of(sim_duration d);
/// A positive system max, or none (0: unknown to the lab, no limit).
bool above_max(sim_duration d, const system_view& view);

// --- strutil.ParseArbitraryKeyValues (auth_approle_metadata.cpp) ---

std::optional<std::string> parse_arbitrary_key_values(const std::string& input,
                                                      std::map<std::string, std::string>& out);

/// The lookahead of a method whose only login path is `login` and that Vault 1.14 does not
/// lock out (only userpass, ldap and approle are subject to user lockout).
inline outcome<std::optional<std::string>> login_without_lockout(const std::string& path) {
  if (path != "login")
    return unsupported_path(true);
  return std::optional<std::string>{};
}

// --- the methods ---

std::unique_ptr<auth_backend> make_userpass_backend();
std::unique_ptr<auth_backend> make_approle_backend();
std::unique_ptr<auth_backend> make_kubernetes_backend();
std::unique_ptr<auth_backend> make_github_backend();

} // namespace tokenlab::auth_detail
