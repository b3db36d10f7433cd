// `vault policy write NAME FILE|-` and `vault policy read NAME`, after command/policy_write.go
// and command/policy_read.go. Texts in "…" are Vault's own. Vault lower-cases policy names on
// the server; the parser keeps NAME as written.

#include "language/commands.hpp"
#include "language/parser.hpp"

#include <cstring>

namespace tokenlab::detail {

using ft = flag_type;

const command_spec policy_write_spec{"vault policy write NAME FILE|-", {}, {}, true};

const command_spec policy_read_spec{"vault policy read NAME", {{"format", ft::format}}, {}};

namespace {

// FILE as written, relative to the scenario's directory unless absolute.
std::string policy_path(const std::string& file, const line_context& ctx) {
  return !file.empty() && file[0] == '/' ? file : ctx.dir + file;
}

} // namespace

maybe_error build_policy_write(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 2, 2, "2"))
    return err;
  const word& name = *in.args.positionals[0];
  const word& file = *in.args.positionals[1];
  if (auto err = plain_positional(name, "NAME"))
    return err;
  if (auto err = plain_positional(file, "FILE"))
    return err;
  cmd_policy_write cmd;
  cmd.name = name.text;
  cmd.origin = file.text;
  if (file.text == "-") {
    if (!in.stdin_col)
      return line_error{file.col, "FILE - reads the policy from standard input: end this line "
                                  "with <<EOF and write the policy on the lines below it, up "
                                  "to a line EOF (in a JSON step object: \"stdin\")"};
    out = std::move(cmd); // the text comes with the heredoc (give_stdin)
    return std::nullopt;
  }
  if (in.stdin_col)
    return line_error{*in.stdin_col, "vault policy write reads standard input only when FILE is "
                                     "-: write vault policy write " +
                                       name.text + " - to use the heredoc's text"};
  if (const int error_number = read_whole_file(policy_path(file.text, in.ctx), cmd.text);
      error_number != 0)
    return line_error{file.col, "cannot read policy file \"" + file.text +
                                  "\": " + read_error_text(error_number)};
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_policy_read(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  const word& name = *in.args.positionals[0];
  if (auto err = plain_positional(name, "NAME"))
    return err;
  out = cmd_policy_read{name.text};
  return std::nullopt;
}

} // namespace tokenlab::detail
