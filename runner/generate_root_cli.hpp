#pragma once
// The CLI's side of `vault operator generate-root` (Vault 1.14
// command/operator_generate_root.go): the calls each mode makes, in order (a status read
// before providing a key, generating an OTP or decoding), the checks the CLI makes itself, the
// OTP it generates, the token it decodes, and how it prints the answer.

#include "model/ids.hpp"
#include "runner/cli_calls.hpp"

#include <functional>
#include <optional>

namespace tokenlab {

/// Makes one API call (the runner adds the token and the node).
using call_fn = std::function<api_outcome(const vault_request&)>;

/// Runs the command's calls through `call` and returns the record of what the CLI printed,
/// with the result set; nullopt when an argument does not resolve (`why` says why). The CLI's
/// own randomness (`-generate-otp`) draws from `cli_random`.
std::optional<vault_call_record> generate_root_call(const cmd_generate_root& cmd,
                                                    const arg_resolver& resolve,
                                                    const call_fn& call, id_source& cli_random,
                                                    std::string& why);

} // namespace tokenlab
