// `vault token create|lookup|renew|revoke|capabilities` (and their legacy spellings), after
// command/token_*.go. Texts in "…" below are Vault's own.

#include "language/commands.hpp"

#include <algorithm>

namespace tokenlab::detail {

using ft = flag_type;

const command_spec token_create_spec{
  "vault token create [-policy=P ...] [-ttl=D] [-explicit-max-ttl=D] [-period=D] [-orphan] "
  "[-no-default-policy] [-renewable=false] [-display-name=S] [-use-limit=N] [-type=batch] "
  "[-id=S] [-role=NAME] [-entity-alias=NAME] [-metadata=k=v ...] [-field=F]",
  {{"policy", ft::list},
   {"metadata", ft::key_value},
   {"ttl", ft::duration},
   {"lease", ft::duration}, // 0.x spelling of -ttl
   {"explicit-max-ttl", ft::duration},
   {"period", ft::duration},
   {"orphan", ft::boolean},
   {"no-default-policy", ft::boolean},
   {"renewable", ft::boolean},
   {"display-name", ft::text},
   {"use-limit", ft::integer},
   {"type", ft::text},
   {"id", ft::text},
   {"role", ft::text},
   {"entity-alias", ft::text},
   {"format", ft::format},
   {"field", ft::text}},
  {}};

const command_spec token_lookup_spec{"vault token lookup [-accessor] [TOKEN]",
                                     {{"accessor", ft::boolean}, {"format", ft::format}},
                                     {}};

const command_spec token_renew_spec{
  "vault token renew [-increment=D] [-accessor] [TOKEN]",
  {{"increment", ft::duration, "i"}, {"accessor", ft::boolean}, {"format", ft::format}},
  {"fail-if-not-fulfilled"}};

// Vault 0.6's command/token_renew.go: `token-renew [options] [token] [increment]`.
const command_spec legacy_token_renew_spec{"vault token-renew [-increment=D] [TOKEN [INCREMENT]]",
                                           {{"increment", ft::duration}, {"format", ft::format}},
                                           {}};

const command_spec token_revoke_spec{
  "vault token revoke [-mode=orphan|path] [-self] [-accessor] [TOKEN]",
  {{"mode", ft::text}, {"self", ft::boolean}, {"accessor", ft::boolean}},
  {}};

const command_spec token_capabilities_spec{"vault token capabilities [-accessor] [TOKEN] PATH",
                                           {{"accessor", ft::boolean}, {"format", ft::format}},
                                           {}};

namespace {

template <class Field>
void set_if(const build_input& in, std::string_view name, Field flag_use::*member, Field& out) {
  if (const flag_use* f = in.args.last(name))
    out = f->*member;
}

std::string count_text(std::size_t n) {
  return std::to_string(n);
}

} // namespace

maybe_error build_token_create(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 0, 0, "0"))
    return err;
  token_create_request req;
  for (const flag_use& f : in.args.flags) {
    if (f.name == "policy")
      req.policies.insert(req.policies.end(), f.list.begin(), f.list.end());
    else if (f.name == "metadata")
      req.meta[f.key_value.first] = f.key_value.second;
  }
  set_if(in, "lease", &flag_use::duration, req.ttl);
  set_if(in, "ttl", &flag_use::duration, req.ttl);
  set_if(in, "explicit-max-ttl", &flag_use::duration, req.explicit_max_ttl);
  set_if(in, "period", &flag_use::duration, req.period);
  set_if(in, "orphan", &flag_use::boolean, req.no_parent);
  set_if(in, "no-default-policy", &flag_use::boolean, req.no_default_policy);
  set_if(in, "renewable", &flag_use::boolean, req.renewable);
  set_if(in, "display-name", &flag_use::text, req.display_name);
  set_if(in, "use-limit", &flag_use::integer, req.num_uses);
  set_if(in, "type", &flag_use::text, req.type);
  set_if(in, "id", &flag_use::text, req.id);
  set_if(in, "role", &flag_use::text, req.role);
  set_if(in, "entity-alias", &flag_use::text, req.entity_alias);
  // command/token_create.go: `if c.flagType == "batch" { c.flagRenewable = false }`
  if (req.type == "batch")
    req.renewable = false;
  cmd_token_create cmd{std::move(req), {}};
  if (const flag_use* f = in.args.last("field"))
    cmd.field = f->text;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_token_lookup(const build_input& in, vault_command& out) {
  const auto& pos = in.args.positionals;
  const bool accessor = flag_on(in, "accessor");
  if (accessor && pos.empty())
    return line_error{in.command_col, "Not enough arguments with -accessor (expected 1, got 0)"};
  if (accessor && pos.size() > 1)
    return line_error{pos[1]->col, "Too many arguments with -accessor (expected 1, got " +
                                     count_text(pos.size()) + ")"};
  if (auto err = count_args(in, 0, 1, "0-1"))
    return err;
  cmd_token_lookup cmd;
  if (!pos.empty()) {
    cmd.by = accessor ? token_selector::accessor : token_selector::token;
    cmd.value.emplace();
    if (auto err = make_arg(*pos[0], 0, in.ctx, *cmd.value))
      return err;
  }
  out = std::move(cmd);
  return std::nullopt;
}

namespace {

// The token a renewal names (without one, Vault renews the calling token, even with
// -accessor).
maybe_error renewed_token(const build_input& in, cmd_token_renew& cmd) {
  const auto& pos = in.args.positionals;
  if (pos.empty())
    return std::nullopt;
  cmd.by = flag_on(in, "accessor") ? token_selector::accessor : token_selector::token;
  cmd.value.emplace();
  return make_arg(*pos[0], 0, in.ctx, *cmd.value);
}

} // namespace

// command/token_renew.go (Vault 1.1 to 1.14): one argument at most; the increment is
// -increment only.
maybe_error build_token_renew(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 0, 1, "1"))
    return err;
  cmd_token_renew cmd;
  set_if(in, "increment", &flag_use::duration, cmd.increment);
  if (auto err = renewed_token(in, cmd))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

// `vault token-renew TOKEN INCREMENT`: Vault 0.6 took the increment as a second argument,
// which wins over -increment ("If both are specified prefer the argument").
maybe_error build_legacy_token_renew(const build_input& in, vault_command& out) {
  const auto& pos = in.args.positionals;
  if (auto err = count_args(in, 0, 2, "0-2"))
    return err;
  cmd_token_renew cmd;
  set_if(in, "increment", &flag_use::duration, cmd.increment);
  if (pos.size() == 2)
    if (auto err = parse_duration_word(*pos[1], 0, "for the increment (the second argument)",
                                       cmd.increment))
      return err;
  if (auto err = renewed_token(in, cmd))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

namespace {

// command/token_revoke.go's checks, in its order.
maybe_error check_revoke(const build_input& in, const std::string& mode) {
  const auto& pos = in.args.positionals;
  const std::size_t n = pos.size();
  const flag_use* self = in.args.last("self");
  const flag_use* accessor = in.args.last("accessor");
  const bool is_self = self != nullptr && self->boolean;
  const bool is_accessor = accessor != nullptr && accessor->boolean;
  const std::string usage = "; usage: " + std::string(in.spec.usage);
  if (is_self && n > 0)
    return line_error{pos[0]->col,
                      "Too many arguments with -self (expected 0, got " + count_text(n) + ")"};
  if (!is_self && n > 1)
    return line_error{pos[1]->col, "Too many arguments (expected 1 or -self, got " + count_text(n) +
                                     ")" + usage};
  if (!is_self && n < 1)
    return line_error{in.command_col, "Not enough arguments (expected 1 or -self, got 0)" + usage};
  const int later = (is_self && is_accessor) ? std::max(self->col, accessor->col) : 0;
  if (is_self && is_accessor)
    return line_error{later, "Cannot use -self with -accessor!"};
  if (is_self && !mode.empty())
    return line_error{in.args.last("mode")->col, "Cannot use -self with -mode!"};
  if (is_accessor && !mode.empty())
    return line_error{in.args.last("mode")->col, "Cannot use -accessor with -mode=" + mode + "!"};
  return std::nullopt;
}

} // namespace

maybe_error build_token_revoke(const build_input& in, vault_command& out) {
  cmd_token_revoke cmd;
  if (const flag_use* m = in.args.last("mode")) {
    if (m->text != "" && m->text != "orphan" && m->text != "path")
      return line_error{m->value_col, "Invalid mode: " + m->text};
    cmd.mode = m->text;
  }
  if (auto err = check_revoke(in, cmd.mode))
    return err;
  if (flag_on(in, "self")) {
    cmd.by = token_selector::self;
  } else {
    cmd.by = flag_on(in, "accessor") ? token_selector::accessor : token_selector::token;
    cmd.value.emplace();
    if (auto err = make_arg(*in.args.positionals[0], 0, in.ctx, *cmd.value))
      return err;
  }
  out = std::move(cmd);
  return std::nullopt;
}

// With -accessor, command/token_capabilities.go (Vault 1.16+) wants both ACCESSOR and PATH.
maybe_error build_token_capabilities(const build_input& in, vault_command& out) {
  const auto& pos = in.args.positionals;
  const bool accessor = flag_on(in, "accessor");
  if (accessor && pos.size() < 2)
    return line_error{in.command_col, "Not enough arguments with -accessor (expected 2, got " +
                                        count_text(pos.size()) + ")"};
  if (accessor && pos.size() > 2)
    return line_error{pos[2]->col, "Too many arguments with -accessor (expected 2, got " +
                                     count_text(pos.size()) + ")"};
  if (auto err = count_args(in, 1, 2, "1-2"))
    return err;
  const word& path = *pos.back();
  if (auto err = plain_positional(path, "PATH"))
    return err;
  cmd_token_capabilities cmd;
  cmd.path = path.text;
  if (pos.size() == 2) {
    cmd.by = accessor ? token_selector::accessor : token_selector::token;
    cmd.value.emplace();
    if (auto err = make_arg(*pos[0], 0, in.ctx, *cmd.value))
      return err;
  }
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace tokenlab::detail
