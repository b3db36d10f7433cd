// `vault lease revoke|lookup|renew`, after command/lease_revoke.go, lease_lookup.go and
// lease_renew.go. Texts in "…" are Vault's own. A lease ID may be a reference ($c.lease_id).

#include "language/commands.hpp"

namespace tokenlab::detail {

using ft = flag_type;

const command_spec lease_revoke_spec{
  "vault lease revoke [-prefix] [-force] [-sync] LEASE_ID",
  {{"prefix", ft::boolean}, {"force", ft::boolean, "f"}, {"sync", ft::boolean}},
  {}};

const command_spec lease_lookup_spec{"vault lease lookup LEASE_ID", {{"format", ft::format}}, {}};

const command_spec lease_renew_spec{"vault lease renew [-increment=D] LEASE_ID",
                                    {{"increment", ft::duration}, {"format", ft::format}},
                                    {}};

namespace {

// lease lookup and lease renew: `case 0: "Missing ID!"`, then Vault's too-many text, whose
// count `expected` differs between them.
maybe_error one_lease_id(const build_input& in, std::string_view expected, arg& out) {
  if (in.args.positionals.empty())
    return line_error{in.command_col, "Missing ID!; usage: " + std::string(in.spec.usage)};
  if (auto err = count_args(in, 1, 1, expected))
    return err;
  return make_arg(*in.args.positionals[0], 0, in.ctx, out);
}

} // namespace

maybe_error build_lease_revoke(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  cmd_lease_revoke cmd;
  cmd.prefix = flag_on(in, "prefix");
  cmd.force = flag_on(in, "force");
  cmd.sync = flag_on(in, "sync");
  if (cmd.force && !cmd.prefix)
    return line_error{in.args.last("force")->col,
                      "Specifying -force requires also specifying -prefix"};
  if (auto err = make_arg(*in.args.positionals[0], 0, in.ctx, cmd.lease_id))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_lease_lookup(const build_input& in, vault_command& out) {
  cmd_lease_lookup cmd;
  if (auto err = one_lease_id(in, "1", cmd.lease_id))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

// Vault's text says "expected 1-2": the 0.x `vault renew ID [INCREMENT]` took the increment
// as a second argument; `vault lease renew` takes only -increment.
maybe_error build_lease_renew(const build_input& in, vault_command& out) {
  cmd_lease_renew cmd;
  if (auto err = one_lease_id(in, "1-2", cmd.lease_id))
    return err;
  if (const flag_use* increment = in.args.last("increment"))
    cmd.increment = increment->duration;
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace tokenlab::detail
