#pragma once
// Internal to the parser: the Vault commands tokenlab models, each as the flags it takes
// (a command_spec) and a builder that turns the checked flags and positional arguments
// into a typed command. Argument-count texts are the Vault CLI's own ("Not enough
// arguments (expected 1, got 0)"), followed by the command's usage.

#include "language/flags.hpp"

namespace tokenlab::detail {

/// What a builder reads.
struct build_input {
  const command_args& args;
  const line_context& ctx;
  const command_spec& spec;
  int command_col;              ///< column of the first command word
  std::optional<int> stdin_col; ///< the heredoc marker's column, when the step has stdin
};

using command_builder = maybe_error (*)(const build_input&, vault_command&);

/// True when the boolean flag `name` was given (its last use wins).
bool flag_on(const build_input& in, std::string_view name);

/// Checks min <= positionals <= max; `expected` is Vault's wording ("1", "0-1").
maybe_error count_args(const build_input& in, std::size_t min, std::size_t max,
                       std::string_view expected);

/// Refuses a reference where Vault expects a path or a type (`what` names it).
maybe_error plain_positional(const word& w, std::string_view what);

/// Reads `w` as a `key=value` argument of `command` ("write", "login"); the value may be a
/// reference. A malformed pair is Vault's kvbuilder error after `failed` (the command's
/// own prefix, "Failed to parse K=V data: ").
maybe_error kv_arg(const word& w, const line_context& ctx, std::string_view command,
                   std::string_view failed, std::pair<std::string, arg>& out);

/// Drops the slashes at both ends of a path (command/base_helpers.go sanitizePath).
std::string trim_slashes(std::string_view p);

extern const command_spec login_spec;
extern const command_spec token_create_spec;
extern const command_spec token_lookup_spec;
extern const command_spec token_renew_spec;
extern const command_spec legacy_token_renew_spec;
extern const command_spec token_revoke_spec;
extern const command_spec auth_tune_spec;
extern const command_spec mount_tune_spec;
extern const command_spec secrets_enable_spec;
extern const command_spec secrets_tune_spec;
extern const command_spec auth_enable_spec;
extern const command_spec auth_list_spec;
extern const command_spec write_spec;
extern const command_spec read_spec;
extern const command_spec lease_revoke_spec;
extern const command_spec lease_lookup_spec;
extern const command_spec lease_renew_spec;
extern const command_spec list_spec;
extern const command_spec delete_spec;
extern const command_spec policy_write_spec;
extern const command_spec policy_read_spec;
extern const command_spec token_capabilities_spec;
extern const command_spec kv_put_spec;
extern const command_spec kv_patch_spec;
extern const command_spec kv_get_spec;
extern const command_spec kv_delete_spec;
extern const command_spec kv_undelete_spec;
extern const command_spec kv_destroy_spec;
extern const command_spec kv_list_spec;
extern const command_spec kv_metadata_get_spec;
extern const command_spec kv_metadata_put_spec;
extern const command_spec kv_metadata_delete_spec;
extern const command_spec secrets_list_spec;
extern const command_spec secrets_disable_spec;
extern const command_spec auth_disable_spec;
extern const command_spec status_spec;
extern const command_spec generate_root_spec;

maybe_error build_login(const build_input& in, vault_command& out);
maybe_error build_token_create(const build_input& in, vault_command& out);
maybe_error build_token_lookup(const build_input& in, vault_command& out);
maybe_error build_token_renew(const build_input& in, vault_command& out);
maybe_error build_legacy_token_renew(const build_input& in, vault_command& out);
maybe_error build_token_revoke(const build_input& in, vault_command& out);
maybe_error build_auth_tune(const build_input& in, vault_command& out);
maybe_error build_mount_tune(const build_input& in, vault_command& out);
maybe_error build_secrets_enable(const build_input& in, vault_command& out);
maybe_error build_secrets_tune(const build_input& in, vault_command& out);
maybe_error build_auth_enable(const build_input& in, vault_command& out);
maybe_error build_auth_list(const build_input& in, vault_command& out);
maybe_error build_write(const build_input& in, vault_command& out);
maybe_error build_read(const build_input& in, vault_command& out);
maybe_error build_lease_revoke(const build_input& in, vault_command& out);
maybe_error build_lease_lookup(const build_input& in, vault_command& out);
maybe_error build_lease_renew(const build_input& in, vault_command& out);
maybe_error build_list(const build_input& in, vault_command& out);
maybe_error build_delete(const build_input& in, vault_command& out);
maybe_error build_policy_write(const build_input& in, vault_command& out);
maybe_error build_policy_read(const build_input& in, vault_command& out);
maybe_error build_token_capabilities(const build_input& in, vault_command& out);
maybe_error build_kv_put(const build_input& in, vault_command& out);
maybe_error build_kv_patch(const build_input& in, vault_command& out);
maybe_error build_kv_get(const build_input& in, vault_command& out);
maybe_error build_kv_delete(const build_input& in, vault_command& out);
maybe_error build_kv_undelete(const build_input& in, vault_command& out);
maybe_error build_kv_destroy(const build_input& in, vault_command& out);
maybe_error build_kv_list(const build_input& in, vault_command& out);
maybe_error build_kv_metadata_get(const build_input& in, vault_command& out);
maybe_error build_kv_metadata_put(const build_input& in, vault_command& out);
maybe_error build_kv_metadata_delete(const build_input& in, vault_command& out);
maybe_error build_secrets_list(const build_input& in, vault_command& out);
maybe_error build_secrets_disable(const build_input& in, vault_command& out);
maybe_error build_auth_disable(const build_input& in, vault_command& out);
maybe_error build_status(const build_input& in, vault_command& out);
maybe_error build_generate_root(const build_input& in, vault_command& out);

} // namespace tokenlab::detail
