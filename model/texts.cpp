#include "model/texts.hpp"

#include "clock/duration.hpp"
#include "model/go_text.hpp"

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

} // namespace tokenlab::texts
