#pragma once
// What the Vault CLI does for each command: the API call it makes (method, path, request
// body as a typed request) and how it prints the answer (command/*.go in Vault 1.14).

#include "actors/messages.hpp"
#include "reports/run_record.hpp"
#include "language/scenario.hpp"

#include <functional>
#include <optional>
#include <string>

namespace tokenlab {

/// Resolves an argument (literal or $reference) to its text, or fails with a reason.
using arg_resolver = std::function<std::optional<std::string>(const arg&, std::string& why)>;

/// A `vault kv …` command between its two calls: the command and its data, resolved.
struct kv_plan {
  cmd_kv cmd;
  std::map<std::string, std::string> data; ///< put: the key=value pairs
};

/// The API call of one `vault …` command, with the CLI's way of printing its answer.
struct cli_call {
  vault_request request;
  vault_call_record record; ///< everything but `result`, `resolved` and `caller`
  bool login = false;       ///< `vault login`: a lookup-self shown as an auth table
  /// `vault kv …`: `request` is the version check (GET sys/internal/ui/mounts/PATH, or the
  /// -mount's path); the
  /// runner then makes the call kv_call builds from its answer.
  std::optional<kv_plan> kv;
};

/// The second call of a `vault kv …` command, once the version check said that `mount`
/// ("secret/") serves the path with KV version 2 (`v2`) or 1. Without a call (the command
/// has none for KV v1), `record.client_error` says what the CLI printed. With `-mount`, the
/// command's path is taken under `mount`.
cli_call kv_call(const kv_plan& plan, const std::string& mount, bool v2);

/// `vault kv patch -method=rw` (and the default method after a 403), KVPatchCommand's
/// readThenWrite: first the pre-read of the secret at `data_path` ("secret/data/app")...
cli_call kv_patch_read(const std::string& data_path);
/// ...then, from the read's answer, the write of its data with the new pairs over it, `cas`
/// set to the version read; without data (a deleted or destroyed version) the CLI's refusal
/// in `record.client_error`.
cli_call kv_patch_write(const kv_plan& plan, const std::string& data_path,
                        const api_response& read);

/// Translates a command to its API call; fails with a reason when an argument does not
/// resolve or the command is one tokenlab does not model.
std::optional<cli_call> make_cli_call(const vault_command& cmd, const arg_resolver& resolve,
                                      std::string& why);

} // namespace tokenlab
