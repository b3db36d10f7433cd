// `vault operator generate-root`, after Vault 1.14 command/operator_generate_root.go. The
// values of -otp, -nonce and -decode and the key share may be references ($g.otp, $i.nonce,
// $u.encoded_token, $unseal_key).

#include "language/commands.hpp"

namespace tokenlab::detail {

using ft = flag_type;

const command_spec generate_root_spec{
  "vault operator generate-root [-init] [-otp=OTP] [-generate-otp] [-status] [-cancel] "
  "[-nonce=NONCE] [-decode=ENCODED] [KEY]",
  {{"init", ft::boolean},
   {"cancel", ft::boolean},
   {"status", ft::boolean},
   {"generate-otp", ft::boolean},
   {"decode", ft::value},
   {"otp", ft::value},
   {"nonce", ft::value},
   {"format", ft::format}},
  {"pgp-key", "dr-token", "recovery-token"}};

namespace {

maybe_error flag_arg(const build_input& in, std::string_view name, std::optional<arg>& out) {
  const flag_use* f = in.args.last(name);
  if (f == nullptr || f->source == nullptr)
    return std::nullopt;
  out.emplace();
  return make_arg(*f->source, f->value_at, in.ctx, *out);
}

} // namespace

maybe_error build_generate_root(const build_input& in, vault_command& out) {
  const auto& positionals = in.args.positionals;
  if (auto err = count_args(in, 0, 1, "0-1"))
    return err;
  cmd_generate_root cmd;
  for (auto name : {"otp", "nonce", "decode"}) {
    auto& slot = std::string_view{name} == "otp"     ? cmd.otp
                 : std::string_view{name} == "nonce" ? cmd.nonce
                                                     : cmd.encoded;
    if (auto err = flag_arg(in, name, slot))
      return err;
  }
  // The order of Run's switch: the first of these that is set decides (an empty -decode is
  // not set).
  const flag_use* decode = in.args.last("decode");
  if (flag_on(in, "generate-otp"))
    cmd.mode = generate_root_mode::generate_otp;
  else if (decode != nullptr && !decode->text.empty())
    cmd.mode = generate_root_mode::decode;
  else if (flag_on(in, "cancel"))
    cmd.mode = generate_root_mode::cancel;
  else if (flag_on(in, "init"))
    cmd.mode = generate_root_mode::init;
  else if (flag_on(in, "status"))
    cmd.mode = generate_root_mode::status;
  if (cmd.mode == generate_root_mode::decode && decode->text == "-")
    return line_error{decode->value_col, "-decode=- (the encoded token from standard input) is "
                                         "not modelled by tokenlab yet: give the value"};
  if (cmd.mode == generate_root_mode::provide) {
    if (positionals.empty())
      return line_error{in.command_col,
                        "Vault would prompt for an unseal key here; tokenlab cannot prompt: give "
                        "it as the argument (a dev server's is $unseal_key)"};
    if (positionals[0]->text == "-")
      return line_error{positionals[0]->col, "the key from standard input (-) is not modelled by "
                                             "tokenlab yet: give the key as the argument"};
  }
  if (!positionals.empty()) {
    cmd.key.emplace();
    if (auto err = make_arg(*positionals[0], 0, in.ctx, *cmd.key))
      return err;
  }
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace tokenlab::detail
