#pragma once
// The words of the scenario language, for completion in `tokenlab shell`: what a line may
// start with, the vault commands tokenlab models and each one's flags. They come from the
// same tables the parser checks lines against, so completion never offers what would not
// parse.

#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// The words a line may start with: header and step directives (title, advance, expect, vault…).
std::vector<std::string> directive_words();

/// The vault commands tokenlab models, as typed after `vault` in their current spelling
/// ("token create", "kv metadata get", "status"), in the parser's order.
std::vector<std::string> vault_commands();

/// The modelled flags of a vault command, each with its dash and, when it takes a value, `=`
/// ("-ttl=", "-orphan"); empty for a command tokenlab does not model.
std::vector<std::string> vault_command_flags(std::string_view command);

} // namespace tokenlab
