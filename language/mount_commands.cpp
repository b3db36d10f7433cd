// `vault auth tune` (and the 0.x `mount-tune`), `vault auth enable`, `vault secrets enable`,
// `vault secrets tune`, `vault write`, `vault read`, `vault list` and `vault delete`, after
// command/*.go. Texts in "…" are Vault's own.

#include "language/commands.hpp"

#include <limits>

namespace tokenlab::detail {

using ft = flag_type;

namespace {

const std::vector<std::string_view> tune_not_modelled = {"description",
                                                         "listing-visibility",
                                                         "audit-non-hmac-request-keys",
                                                         "audit-non-hmac-response-keys",
                                                         "passthrough-request-headers",
                                                         "allowed-response-headers",
                                                         "options",
                                                         "version",
                                                         "plugin-version",
                                                         "user-lockout-threshold",
                                                         "user-lockout-duration",
                                                         "user-lockout-counter-reset-duration",
                                                         "user-lockout-disable",
                                                         "identity-token-key",
                                                         "trim-request-trailing-slashes"};

} // namespace

const command_spec auth_tune_spec{
  "vault auth tune [-default-lease-ttl=D|system] [-max-lease-ttl=D|system] [-token-type=T] PATH",
  {{"default-lease-ttl", ft::tune_duration},
   {"max-lease-ttl", ft::tune_duration},
   {"token-type", ft::text}},
  tune_not_modelled};

const command_spec mount_tune_spec{
  "vault mount-tune [-default-lease-ttl=D|system] [-max-lease-ttl=D|system] PATH",
  {{"default-lease-ttl", ft::tune_duration}, {"max-lease-ttl", ft::tune_duration}},
  tune_not_modelled};

const command_spec secrets_tune_spec{
  "vault secrets tune [-default-lease-ttl=D|system] [-max-lease-ttl=D|system] PATH",
  {{"default-lease-ttl", ft::tune_duration}, {"max-lease-ttl", ft::tune_duration}},
  {"description", "listing-visibility", "audit-non-hmac-request-keys",
   "audit-non-hmac-response-keys", "passthrough-request-headers", "allowed-response-headers",
   "options", "version", "plugin-version", "allowed-managed-keys", "delegated-auth-accessors",
   "identity-token-key", "trim-request-trailing-slashes"}};

const command_spec auth_enable_spec{
  "vault auth enable [-path=P] TYPE",
  {{"path", ft::text}},
  {"description", "default-lease-ttl", "max-lease-ttl", "audit-non-hmac-request-keys",
   "audit-non-hmac-response-keys", "listing-visibility", "passthrough-request-headers",
   "allowed-response-headers", "plugin-name", "options", "local", "seal-wrap",
   "external-entropy-access", "token-type", "version", "plugin-version", "identity-token-key"}};

const command_spec auth_list_spec{
  "vault auth list [-detailed]", {{"format", ft::format}, {"detailed", ft::boolean}}, {}};

const command_spec secrets_enable_spec{
  "vault secrets enable [-path=P] [-version=N] [-options=K=V ...] TYPE",
  {{"path", ft::text}, {"version", ft::integer}, {"options", ft::key_value}},
                                       {"description",
                                        "default-lease-ttl",
                                        "max-lease-ttl",
                                        "force-no-cache",
                                        "audit-non-hmac-request-keys",
                                        "audit-non-hmac-response-keys",
                                        "listing-visibility",
                                        "passthrough-request-headers",
                                        "allowed-response-headers",
                                        "local",
                                        "seal-wrap",
                                        "external-entropy-access",
                                        "plugin-name",
                                        "plugin-version",
                                        "allowed-managed-keys",
                                        "delegated-auth-accessors",
                                        "identity-token-key",
                                        "trim-request-trailing-slashes"}};

const command_spec write_spec{"vault write [-force] [-field=F] PATH [key=value ...]",
                              {{"format", ft::format}, {"force", ft::boolean, "f"},
                               {"field", ft::text}},
                              {}};

const command_spec read_spec{"vault read [-field=F] PATH",
                             {{"format", ft::format}, {"field", ft::text}},
                             {}};

const command_spec list_spec{"vault list PATH", {{"format", ft::format}}, {"detailed"}};

const command_spec delete_spec{"vault delete PATH", {}, {}};

bool flag_on(const build_input& in, std::string_view name) {
  const flag_use* f = in.args.last(name);
  return f != nullptr && f->boolean;
}

maybe_error count_args(const build_input& in, std::size_t min, std::size_t max,
                       std::string_view expected) {
  const auto& pos = in.args.positionals;
  const std::string tail =
    ", got " + std::to_string(pos.size()) + "); usage: " + std::string(in.spec.usage);
  if (pos.size() < min)
    return line_error{in.command_col,
                      "Not enough arguments (expected " + std::string(expected) + tail};
  if (pos.size() > max)
    return line_error{pos[max]->col,
                      "Too many arguments (expected " + std::string(expected) + tail};
  return std::nullopt;
}

maybe_error plain_positional(const word& w, std::string_view what) {
  if (!w.ref_at(0))
    return std::nullopt;
  return line_error{w.col,
                    std::string(what) +
                      " is written out, not a reference: references "
                      "($name) work in token arguments, lease ids, write and login values and "
                      "VAULT_TOKEN"};
}

std::string trim_slashes(std::string_view p) {
  while (!p.empty() && p.front() == '/')
    p.remove_prefix(1);
  while (!p.empty() && p.back() == '/')
    p.remove_suffix(1);
  return std::string(p);
}

namespace {

// Builds a tune request; `normalise` turns the PATH as written into the mount ("" = bad),
// and `example` is the kind of path the command wants ("the auth method's path, e.g. token/").
maybe_error tune_request(const build_input& in, std::string (*normalise)(const std::string&),
                         std::string_view example, mount_tune_request& req) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  const word& path = *in.args.positionals[0];
  if (auto err = plain_positional(path, "PATH"))
    return err;
  req.mount = normalise(trim_slashes(path.text));
  if (req.mount.empty())
    return line_error{path.col, "PATH names no mount: write " + std::string(example)};
  // command/base_helpers.go ttlToAPI: 0 (the flag's default) sends "", which leaves the
  // mount's value; a negative value sends "system", which resets it to the system's.
  const auto ttl = [&](std::string_view flag, std::optional<sim_duration>& slot) {
    const flag_use* f = in.args.last(flag);
    if (f == nullptr || f->duration == sim_duration::zero())
      return;
    slot = f->duration < sim_duration::zero() ? sim_duration::zero() : f->duration;
  };
  ttl("default-lease-ttl", req.default_lease_ttl);
  ttl("max-lease-ttl", req.max_lease_ttl);
  // Sent only when given, and never empty (the API's omitempty).
  if (const flag_use* f = in.args.last("token-type"); f != nullptr && !f->text.empty())
    req.token_type = f->text;
  return std::nullopt;
}

constexpr std::string_view auth_path_example = "the auth method's path, e.g. token/";

maybe_error build_tune(const build_input& in, vault_command& out,
                       std::string (*normalise)(const std::string&)) {
  cmd_auth_tune cmd;
  if (auto err = tune_request(in, normalise, auth_path_example, cmd.req))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

// `secrets tune` takes a mount path as Vault sends it: aws, /aws/ -> aws/.
std::string secrets_mount(const std::string& p) {
  return p.empty() ? "" : p + "/";
}

// The mount path of `secrets enable` and `auth enable`: -path, else TYPE, with one
// trailing slash (command/*_enable.go: ensureTrailingSlash).
maybe_error enable_path(const build_input& in, std::string_view example, std::string& type,
                        std::string& path) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  const word& type_word = *in.args.positionals[0];
  if (auto err = plain_positional(type_word, "TYPE"))
    return err;
  type = type_word.text;
  const flag_use* flag = in.args.last("path");
  const std::string mount = trim_slashes(flag != nullptr ? flag->text : type_word.text);
  if (mount.empty())
    return line_error{flag != nullptr ? flag->value_col : type_word.col,
                      "the mount path is empty: write e.g. -path=" + std::string(example)};
  path = mount + "/";
  return std::nullopt;
}

// `auth tune` takes an auth method's path: token, token/, auth/token/ -> auth/token/.
std::string auth_mount(const std::string& p) {
  const std::string rest = p.compare(0, 5, "auth/") == 0 ? trim_slashes(p.substr(5)) : p;
  return (rest.empty() || rest == "auth") ? "" : "auth/" + rest + "/";
}

// `mount-tune` takes a full mount path: auth/token -> auth/token/; a bare `token` means
// the token auth method, as learners write it. Other paths are secrets engine mounts.
std::string mount_tune_mount(const std::string& p) {
  if (p == "token" || p.compare(0, 5, "auth/") == 0 || p == "auth")
    return auth_mount(p);
  return "";
}

} // namespace

maybe_error build_auth_tune(const build_input& in, vault_command& out) {
  return build_tune(in, out, auth_mount);
}

maybe_error build_mount_tune(const build_input& in, vault_command& out) {
  const auto& pos = in.args.positionals;
  if (pos.size() == 1 && !pos[0]->ref_at(0)) {
    const std::string path = trim_slashes(pos[0]->text);
    if (!path.empty() && mount_tune_mount(path).empty())
      return line_error{pos[0]->col, "tuning the secrets engine mount \"" + path +
                                       "/\" is not modelled by tokenlab yet: tokenlab tunes "
                                       "auth methods, e.g. auth/token"};
  }
  return build_tune(in, out, mount_tune_mount);
}

maybe_error build_secrets_tune(const build_input& in, vault_command& out) {
  cmd_secrets_tune cmd;
  if (auto err = tune_request(in, secrets_mount, "the secrets engine's path, e.g. aws/", cmd.req))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_secrets_enable(const build_input& in, vault_command& out) {
  cmd_secrets_enable cmd;
  if (auto err = enable_path(in, "aws", cmd.type, cmd.path))
    return err;
  // -options=K=V (a StringMapVar: repeatable, the last value of a key wins): the mount's
  // options, which kv's Factory reads (`version`, `leased_passthrough`).
  for (const flag_use& f : in.args.flags) {
    if (f.name != "options")
      continue;
    const auto& key = f.key_value.first;
    if (key != "version" && key != "leased_passthrough")
      return line_error{f.value_col, "-options=" + key +
                                       " is not modelled by tokenlab yet: only the options "
                                       "version and leased_passthrough are"};
    if (key == "version" && cmd.type == "kv" && !f.key_value.second.empty() &&
        f.key_value.second != "1" && f.key_value.second != "2")
      return line_error{f.value_col, "kv -options=version=" + f.key_value.second +
                                       " is not modelled by tokenlab yet: kv has versions 1 "
                                       "and 2"};
    cmd.options[key] = f.key_value.second;
  }
  if (const flag_use* f = in.args.last("version")) {
    // kv has versions 1 and 2; other values reach a kv factory that builds no backend.
    if (f->integer > 0 && cmd.type == "kv" && f->integer != 1 && f->integer != 2)
      return line_error{f->value_col, "kv -version=" + f->text +
                                        " is not modelled by tokenlab yet: kv has versions 1 "
                                        "and 2"};
    cmd.version = f->integer;
  }
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_auth_enable(const build_input& in, vault_command& out) {
  cmd_auth_enable cmd;
  if (auto err = enable_path(in, "userpass", cmd.type, cmd.path))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_auth_list(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 0, 0, "0"))
    return err;
  out = cmd_auth_list{flag_on(in, "detailed")};
  return std::nullopt;
}

maybe_error kv_arg(const word& w, const line_context& ctx, std::string_view command,
                   std::string_view failed, std::pair<std::string, arg>& out) {
  if (w.text == "-" || (!w.text.empty() && w.text[0] == '@'))
    return line_error{w.col, "reading " + std::string(command) +
                               " data from stdin or a file is not modelled by tokenlab yet: "
                               "write key=value pairs"};
  const std::size_t eq = w.text.find('=');
  if (eq == std::string::npos || eq == 0)
    return line_error{w.col, std::string(failed) + "invalid key/value pair \"" + w.text +
                               "\": format must be key=value"};
  if (eq + 1 < w.text.size() && w.text[eq + 1] == '@')
    return line_error{w.col_at(eq + 1), "reading a value from a file (@file) is not modelled by "
                                        "tokenlab yet: write the value"};
  out.first = w.text.substr(0, eq);
  return make_arg(w, eq + 1, ctx, out.second);
}

maybe_error build_write(const build_input& in, vault_command& out) {
  const auto& pos = in.args.positionals;
  if (auto err = count_args(in, 1, std::numeric_limits<std::size_t>::max(), "1"))
    return err;
  // command/write.go: a write without data needs -force (e.g. an AppRole secret ID).
  if (pos.size() == 1 && !flag_on(in, "force"))
    return line_error{pos[0]->end_col, "Must supply data or use -force"};
  if (auto err = plain_positional(*pos[0], "PATH"))
    return err;
  cmd_write cmd;
  cmd.path = trim_slashes(pos[0]->text);
  if (const flag_use* f = in.args.last("field"))
    cmd.field = f->text;
  for (std::size_t i = 1; i < pos.size(); ++i) {
    if (auto err =
          kv_arg(*pos[i], in.ctx, "write", "Failed to parse K=V data: ", cmd.fields.emplace_back()))
      return err;
    // The CLI sends a repeated key as a list (kv-builder), which the lab's text fields
    // cannot carry: refuse it rather than keep only one value.
    const auto& key = cmd.fields.back().first;
    for (std::size_t j = 0; j + 1 < cmd.fields.size(); ++j)
      if (cmd.fields[j].first == key)
        return line_error{pos[i]->col,
                          "the key \"" + key +
                            "\" is given twice: Vault's CLI would send a list, which tokenlab "
                            "does not model yet; keep one"};
  }
  out = std::move(cmd);
  return std::nullopt;
}

namespace {

// A command on a path that Vault sanitises (command/base_helpers.go sanitizePath: no leading
// or trailing slash): read, list, delete.
maybe_error path_only(const build_input& in, std::string& out) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  const word& path = *in.args.positionals[0];
  if (auto err = plain_positional(path, "PATH"))
    return err;
  out = trim_slashes(path.text);
  return std::nullopt;
}

} // namespace

maybe_error build_read(const build_input& in, vault_command& out) {
  // command/read.go sends the arguments after PATH as the request's data (query parameters).
  const auto& pos = in.args.positionals;
  if (pos.size() > 1)
    return line_error{pos[1]->col, "reading with data (key=value after PATH) is not modelled "
                                   "by tokenlab yet: write vault read PATH"};
  cmd_read cmd;
  if (auto err = path_only(in, cmd.path))
    return err;
  if (const flag_use* f = in.args.last("field"))
    cmd.field = f->text;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_list(const build_input& in, vault_command& out) {
  cmd_list cmd;
  if (auto err = path_only(in, cmd.path))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_delete(const build_input& in, vault_command& out) {
  const auto& pos = in.args.positionals;
  if (pos.size() > 1)
    return line_error{pos[1]->col, "deleting with data (key=value after PATH) is not modelled "
                                   "by tokenlab yet: write vault delete PATH"};
  cmd_delete cmd;
  if (auto err = path_only(in, cmd.path))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace tokenlab::detail
