#include "model/texts.hpp"

#include "clock/duration.hpp"
#include "model/go_text.hpp"

#include <algorithm>

namespace tokenlab::texts {

namespace {

// Mount paths are stored with a trailing slash in Vault's mount table; callers may hold
// them either way.
std::string with_slash(std::string_view path) {
  std::string out{path};
  if (out.empty() || out.back() != '/')
    out += '/';
  return out;
}

} // namespace

std::string ttl_capped(sim_duration ttl, sim_duration max) {
  return "TTL of " + go_quote(format_duration(ttl)) + " exceeded the effective max_ttl of " +
         go_quote(format_duration(max)) + "; TTL value is capped accordingly";
}

std::string period_capped(sim_duration period, sim_duration max) {
  return "period of " + go_quote(format_duration(period)) + " exceeded the effective max_ttl of " +
         go_quote(format_duration(max)) + "; period value is capped accordingly";
}

std::string policy_missing(std::string_view name) {
  return "Policy " + go_quote(name) + " does not exist";
}

std::string tune_max_below_default(sim_duration max, sim_duration def) {
  // Vault prints int(d.Seconds()): whole seconds, no unit.
  return "backend max lease TTL of " + std::to_string(whole_seconds(max)) +
         " would be less than backend default lease TTL of " + std::to_string(whole_seconds(def));
}

std::string path_in_use(std::string_view path) {
  return "path is already in use at " + with_slash(path);
}

std::string no_handler_for_route(std::string_view path) {
  return "no handler for route " + go_quote(path) + ". route entry not found.";
}

std::string tuned_auth(std::string_view path) {
  return "Success! Tuned the auth method at: " + with_slash(path);
}

std::string enabled_secrets(std::string_view type, std::string_view path) {
  return "Success! Enabled the " + std::string{type} + " secrets engine at: " + with_slash(path);
}

std::string data_written(std::string_view path) {
  return "Success! Data written to: " + std::string{path};
}

std::string revoked_lease(std::string_view id) {
  return "Success! Revoked lease: " + std::string{id};
}

std::string revoked_lease_prefix(std::string_view prefix) {
  return "Success! Revoked any leases with prefix: " + std::string{prefix};
}

std::string cli_error_head(std::string_view verb) {
  return "Error " + std::string{verb} + ": Error making API request.";
}

std::string cannot_assign_policy(std::string_view name) {
  return "cannot assign policy " + go_quote(name);
}

std::string deprecated_both(std::string_view now, std::string_view old) {
  return "Both '" + std::string{now} + "' and deprecated '" + std::string{old} +
         "' value supplied, ignoring the deprecated value";
}

std::string role_explicit_max_above(std::int64_t explicit_max, std::int64_t mount_max) {
  return "Given explicit max TTL of " + std::to_string(explicit_max) +
         " is greater than system/mount allowed value of " + std::to_string(mount_max) +
         " seconds; until this is fixed attempting to create tokens against this role will result "
         "in an error";
}

std::string role_token_type_invalid(std::string_view value) {
  return "invalid 'token_type' value " + go_quote(value);
}

std::string flags_after_arguments(const std::vector<std::string>& args) {
  std::string list;
  for (size_t i = 0; i < args.size(); ++i)
    list += (i ? "," : "") + args[i];
  return "Command flags must be provided before positional arguments. The following arguments "
         "will not be parsed as flags: [" +
         list + "]";
}

std::string role_fields_error(std::string_view detail) {
  return "error parsing role fields: " + std::string{detail};
}

std::string bound_cidrs_error(std::string_view detail) {
  return "error parsing bound_cidrs: " + std::string{detail};
}

namespace {

// Go's %v of a []string: [a b].
std::string go_list(const std::vector<std::string>& names) {
  std::string list;
  for (size_t i = 0; i < names.size(); ++i)
    list += (i ? " " : "") + names[i];
  return "[" + list + "]";
}

} // namespace

std::string ignored_parameters(const std::vector<std::string>& names) {
  return "Endpoint ignored these unrecognized parameters: " + go_list(names);
}

std::string replaced_parameters(const std::vector<std::string>& names) {
  return "Endpoint replaced the value of these parameters with the values captured from the "
         "endpoint's path: " +
         go_list(names);
}

namespace {

std::string go_quote_list(const std::vector<std::string>& xs) {
  std::string out = "[";
  for (size_t i = 0; i < xs.size(); ++i)
    out += (i ? " " : "") + go_quote(xs[i]);
  return out + "]";
}

} // namespace

std::string role_policies_not_subset(const std::vector<std::string>& requested,
                                     const std::vector<std::string>& allowed,
                                     const std::vector<std::string>& glob) {
  return "token policies (" + go_quote_list(requested) +
         ") must be subset of the role's allowed policies (" + go_quote_list(allowed) +
         ") or glob policies (" + go_quote_list(glob) + ")";
}

std::string role_policy_disallowed(std::string_view policy) {
  return "token policy " + go_quote(policy) + " is disallowed by this role";
}

std::string field_conversion(std::string_view value, std::string_view field,
                             std::string_view detail) {
  return "error converting input " + std::string{value} + " for field " + go_quote(field) + ": " +
         std::string{detail};
}

std::string parse_bool_error(std::string_view value) {
  return "strconv.ParseBool: parsing " + go_quote(value) + ": invalid syntax";
}

std::string unknown_role(std::string_view name) {
  return "unknown role " + std::string{name};
}

std::string role_gone_not_renewing(std::string_view name) {
  return "original token role " + go_quote(name) + " could not be found, not renewing";
}

std::string renew_entry_failed(std::string_view detail) {
  return "failed to renew entry: " + std::string{detail};
}

std::string policy_name_converted(std::string_view lower) {
  return "policy name was converted to " + std::string{lower};
}

std::string cannot_update_policy(std::string_view name) {
  return "cannot update " + go_quote(name) + " policy";
}

std::string cannot_delete_policy(std::string_view name) {
  return "cannot delete " + go_quote(name) + " policy";
}

std::string invalid_capability(std::string_view prefix, std::string_view capability) {
  return std::string{prefix} + "invalid capability " + go_quote(capability);
}

std::string invalid_legacy_policy(std::string_view prefix, std::string_view value) {
  return std::string{prefix} + "invalid policy " + go_quote(value);
}

std::string no_mount_to_tune(std::string_view path) {
  return "tune of path " + go_quote(with_slash(path)) + " failed: no mount entry found";
}

std::string no_sysview(std::string_view path) {
  return "cannot fetch sysview for path " + go_quote(with_slash(path));
}

std::string force_revoked_lease_prefix(std::string_view prefix) {
  return "Success! Force revoked any leases with prefix: " + std::string{prefix};
}

std::string tuned_secrets(std::string_view path) {
  return "Success! Tuned the secrets engine at: " + with_slash(path);
}

std::string handler_error(std::string_view msg) {
  return "1 error occurred:\n\t* " + std::string{msg} + "\n\n";
}

std::string db_unknown_role(std::string_view name) {
  return "unknown role: " + std::string{name};
}

std::string db_connection_not_found(std::string_view name) {
  return "failed to find entry for connection with name: " + go_quote(name);
}

std::string db_role_not_allowed(std::string_view role) {
  return go_quote(role) + " is not an allowed role";
}

std::string db_object_error(std::string_view detail) {
  return "error creating database object: " + std::string{detail};
}

// --- auth methods ---

std::string field_validation_failed(std::string_view msg) {
  return "Field validation failed: " + std::string{msg};
}

std::string decoding_errors(std::vector<std::string> errors) {
  for (auto& e : errors)
    e = "* " + e;
  std::sort(errors.begin(), errors.end());
  std::string out = std::to_string(errors.size()) + " error(s) decoding:\n\n";
  for (std::size_t i = 0; i < errors.size(); ++i)
    out += (i ? "\n" : "") + errors[i];
  return out;
}

std::string decoding_request_failed(std::string_view detail) {
  return "Error decoding request: " + std::string{detail};
}

std::string invalid_key_pair(std::string_view pair) {
  return "invalid key pair " + go_quote(pair);
}

std::string cannot_parse_as(std::string_view kind, std::string_view detail) {
  return "cannot parse '' as " + std::string{kind} + ": " + std::string{detail};
}

std::string parse_int_error(std::string_view value, std::string_view reason) {
  return "strconv.ParseInt: parsing " + go_quote(value) + ": " + std::string{reason};
}

std::string go_invalid_duration(std::string_view text) {
  return "time: invalid duration " + go_quote(text);
}

std::string go_missing_unit(std::string_view text) {
  return "time: missing unit in duration " + go_quote(text);
}

std::string go_unknown_unit(std::string_view unit, std::string_view text) {
  return "time: unknown unit " + go_quote(unit) + " in duration " + go_quote(text);
}

std::string negative_value(std::int64_t seconds) {
  return "cannot provide negative value '" + std::to_string(seconds) + "'";
}

std::string address_parse_error(std::string_view addr) {
  return "error parsing address " + go_quote(addr) + ": Unable to convert " + go_quote(addr) +
         " to an IPv4 or IPv6 address, or a UNIX Socket";
}

std::string invalid_cidr_address(std::string_view text) {
  return "invalid CIDR address: " + std::string{text};
}

std::string failed_to_validate_cidrs(std::string_view detail) {
  return "failed to validate CIDR blocks: " + std::string{detail};
}

std::string failed_to_validate_token_cidrs(std::string_view detail) {
  return "failed to validate token CIDR blocks: " + std::string{detail};
}

std::string approle_role_missing(std::string_view name) {
  return "role " + go_quote(name) + " does not exist";
}

std::string approle_period_above_max(sim_duration period, sim_duration max) {
  return "period of " + go_quote(format_go_duration(period)) +
         " is greater than the backend's maximum lease TTL of " + go_quote(format_go_duration(max));
}

std::string metadata_parse_failed(std::string_view detail) {
  return "failed to parse metadata: " + std::string{detail};
}

std::string kv_invalid_pair(std::string_view key, std::string_view value) {
  return "failed to parse the input: invalid <key,value> pair: key: " + go_quote(key) +
         " value: " + go_quote(value);
}

std::string kv_invalid_value(std::string_view key) {
  return "invalid value for key " + go_quote(key);
}

std::string k8s_missing(std::string_view param) {
  return "missing " + std::string{param};
}

std::string k8s_invalid_role_name(std::string_view name) {
  return "invalid role name " + go_quote(name);
}

std::string k8s_cannot_be_empty(std::string_view field) {
  return go_quote(field) + " can not be empty";
}

std::string k8s_period_above_max(sim_duration period, sim_duration max) {
  return "token period of '" + go_quote(format_go_duration(period)) +
         "' is greater than the backend's maximum lease TTL of '" +
         go_quote(format_go_duration(max)) + "'";
}

std::string enabled_auth(std::string_view type, std::string_view path) {
  return "Success! Enabled " + std::string{type} + " auth method at: " + with_slash(path);
}

std::string invalid_mount_accessor(std::string_view accessor) {
  return "invalid mount accessor " + go_quote(accessor);
}

std::string github_no_organization_id(std::string_view cause) {
  return "unable to fetch the organization_id, you must manually set it in the config: " +
         std::string{cause};
}

std::string github_org_renamed(std::string_view login, std::int64_t id) {
  return "the organization name has changed to " + go_quote(login) +
         ". It is recommended to verify and update the organization name in the config: "
         "organization_id=" +
         std::to_string(id);
}

std::string incorrect_nonce(std::string_view nonce) {
  return "incorrect nonce supplied; nonce for this root generation operation is \"" +
         std::string{nonce} + "\"";
}

std::string key_share_too_short(std::size_t min) {
  return "invalid key: key is shorter than minimum " + std::to_string(min) + " bytes";
}

std::string key_share_too_long(std::size_t max) {
  return "invalid key: key is longer than maximum " + std::to_string(max) + " bytes";
}

std::string decode_token_bad_base64(std::size_t at) {
  return "error decoding base64'd token: illegal base64 data at input byte " + std::to_string(at);
}

std::string decode_token_lengths(std::size_t a, std::size_t b) {
  return "error xoring token: length of byte slices is not equivalent: " + std::to_string(a) +
         " != " + std::to_string(b);
}

std::string decode_token_xor_base64(std::string_view reason) {
  return "error xoring token: " + std::string{reason};
}

std::string otp_length_hint(std::size_t n) {
  return "If starting root generation using the OTP method and generating your own OTP, the "
         "length of the OTP string needs to be " +
         std::to_string(n) + " characters in length.";
}

std::string not_modelled(std::string_view what) {
  return std::string{what} + " is not modelled by tokenlab yet";
}

std::string not_modelled_plural(std::string_view what) {
  return std::string{what} + " are not modelled by tokenlab yet";
}

std::string field_not_present(std::string_view name) {
  return "Field " + go_quote(name) + " not present in secret";
}

} // namespace tokenlab::texts
