// The texts of KV v2, of mounts and of the CLI's kv commands (declared in model/texts.hpp).

#include "model/go_text.hpp"
#include "model/texts.hpp"

namespace tokenlab::texts {

std::string kv2_invalid_path(std::string_view subcommand) {
  return "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate "
         "API endpoints to use. If using the Vault CLI, use 'vault kv " +
         std::string{subcommand} + "' for this operation.";
}

std::string kv_preflight_denied(std::string_view path) {
  return "preflight capability check returned 403, please ensure client's policies grant access "
         "to path " +
         go_quote(path);
}

std::string data_deleted(std::string_view path) {
  return "Success! Data deleted (if it existed) at: " + std::string{path};
}

std::string no_value_found(std::string_view path) {
  return "No value found at " + std::string{path};
}

std::string no_data_found(std::string_view path) {
  return "No data found at " + std::string{path};
}

std::string kv_v1_unsupported(std::string_view what) {
  return std::string{what} + " not supported on KV Version 1";
}

std::string kv_patch_bad_method(std::string_view method) {
  return "Unsupported method provided to -method flag: " + std::string{method};
}

std::string kv_patch_fallback_warning(std::string_view path) {
  return "Data was written to " + std::string{path} +
         " but we recommend that you add the \"patch\" capability to your ACL policy in order "
         "to use HTTP PATCH in the future.";
}

std::string kv_patch_preread_head(std::string_view path) {
  return "Error doing pre-read at " + std::string{path};
}

std::string kv_patch_no_data(std::string_view path) {
  return "No data found at " + std::string{path} + "; patch only works on existing data";
}

std::string disabled_secrets(std::string_view path) {
  return "Success! Disabled the secrets engine (if it existed) at: " + std::string{path};
}

std::string disabled_auth(std::string_view path) {
  return "Success! Disabled the auth method (if it existed) at: " + std::string{path};
}

std::string engine_no_version(std::string_view type) {
  return "secrets engine " + go_quote(type) + " does not allow setting a version";
}

std::string cannot_unmount(std::string_view path) {
  return "cannot unmount " + go_quote(path);
}

} // namespace tokenlab::texts
