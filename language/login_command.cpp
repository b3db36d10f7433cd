// `vault login`, after command/login.go and the CLI login handlers of the token and userpass
// auth methods (builtin/credential/token/cli.go, builtin/credential/userpass/cli.go). Texts
// in "…" are Vault's own. Vault prompts for a missing token or password; tokenlab cannot,
// so the scenario must write them.

#include "language/commands.hpp"

#include <algorithm>
#include <iterator>

namespace tokenlab::detail {

using ft = flag_type;

const command_spec login_spec{"vault login [-method=token] TOKEN [K=V ...] | vault login "
                              "-method=userpass [-path=P] username=U password=P | vault login "
                              "-method=github [-path=P] token=T",
                              {{"method", ft::text}, {"path", ft::text}, {"format", ft::format}},
                              {"no-print", "no-store", "token-only", "field"}};

namespace {

// The methods the Vault CLI can log in with (command/commands.go loginHandlers, with the
// addons of the full binary); tokenlab models token, userpass and github.
constexpr std::string_view vault_methods[] = {
  "alicloud", "aws", "centrify", "cert", "cf",  "gcp",    "github", "kerberos",
  "ldap",     "oci", "oidc",     "okta", "pcf", "radius", "token",  "userpass"};

// One `key=value` argument, with the word it came from.
struct login_field {
  std::pair<std::string, arg> kv;
  const word* w = nullptr;
};

const login_field* find(const std::vector<login_field>& fields, std::string_view key) {
  const auto it = std::find_if(fields.begin(), fields.end(),
                               [key](const login_field& f) { return f.kv.first == key; });
  return it == fields.end() ? nullptr : &*it;
}

bool empty_literal(const arg& a) {
  return !a.is_ref() && a.literal.empty();
}

// Reads positionals[first…] as key=value pairs (command/base_helpers.go parseArgsDataString).
maybe_error read_fields(const build_input& in, std::size_t first, std::vector<login_field>& out) {
  const auto& pos = in.args.positionals;
  for (std::size_t i = first; i < pos.size(); ++i) {
    login_field f;
    f.w = pos[i];
    if (auto err = kv_arg(*pos[i], in.ctx, "login", "Error parsing configuration: ", f.kv))
      return err;
    if (find(out, f.kv.first) != nullptr)
      return line_error{pos[i]->col, "the key \"" + f.kv.first + "\" is given twice; keep one"};
    out.push_back(std::move(f));
  }
  return std::nullopt;
}

// The token method: `vault login TOKEN [K=V ...]` or `vault login token=TOKEN [K=V ...]`;
// login.go turns a first argument without '=' into token=ARG.
maybe_error token_login(const build_input& in, cmd_login& cmd) {
  const auto& pos = in.args.positionals;
  if (pos.empty())
    return line_error{in.command_col, "Not enough arguments (expected 1, got 0): tokenlab cannot "
                                      "prompt for a token, so write it, e.g. vault login $t1"};
  std::vector<login_field> fields;
  std::size_t first = 0;
  if (pos[0]->ref_at(0) || pos[0]->text.find('=') == std::string::npos) {
    if (pos[0]->text == "-")
      return line_error{pos[0]->col, "reading the token from standard input (-) is not modelled "
                                     "by tokenlab yet: write the token, e.g. vault login $t1"};
    login_field f;
    f.kv.first = "token";
    f.w = pos[0];
    if (auto err = make_arg(*pos[0], 0, in.ctx, f.kv.second))
      return err;
    fields.push_back(std::move(f));
    first = 1;
  }
  if (auto err = read_fields(in, first, fields))
    return err;
  const login_field* token = nullptr;
  for (const login_field& f : fields) {
    if (f.kv.first == "token")
      token = &f;
    else if (f.kv.first == "lookup")
      return line_error{f.w->col, "lookup=" + f.w->text.substr(7) +
                                    " is not modelled by tokenlab yet: vault login looks the "
                                    "token up (lookup-self)"};
    else
      cmd.fields.push_back(f.kv);
  }
  if (token == nullptr)
    return line_error{in.command_col, "no token given: tokenlab cannot prompt for a token, so "
                                      "write it, e.g. vault login $t1"};
  const arg& value = token->kv.second;
  if (!value.is_ref() &&
      value.literal.find_first_not_of(" \t\r\n") == std::string::npos) // strings.TrimSpace
    return line_error{token->w->col, "Error authenticating: a token must be passed to auth, "
                                     "please view the help for more information"};
  cmd.token = value;
  return std::nullopt;
}

// The pairs of a method's CLI handler; a `mount=` pair names the mount, as -path does, and
// wins over it (login.go).
maybe_error method_fields(const build_input& in, cmd_login& cmd, std::vector<login_field>& fields) {
  if (auto err = read_fields(in, 0, fields))
    return err;
  for (const login_field& f : fields) {
    if (f.kv.first != "mount") {
      cmd.fields.push_back(f.kv);
      continue;
    }
    const int col = f.w->col_at(f.kv.first.size() + 1);
    if (f.kv.second.is_ref())
      return line_error{col, "mount= is written out, not a reference: references ($name) work "
                             "in token arguments, lease ids, write and login values and "
                             "VAULT_TOKEN"};
    if (const std::string mount = trim_slashes(f.kv.second.literal); !mount.empty())
      cmd.path = mount + "/";
  }
  return std::nullopt;
}

// The userpass method: `vault login -method=userpass [-path=P] username=U password=P`.
maybe_error userpass_login(const build_input& in, cmd_login& cmd) {
  std::vector<login_field> fields;
  if (auto err = method_fields(in, cmd, fields))
    return err;
  const login_field* username = find(fields, "username");
  if (username == nullptr || empty_literal(username->kv.second))
    return line_error{username == nullptr ? in.command_col : username->w->col,
                      "Error authenticating: 'username' must be specified"};
  const login_field* password = find(fields, "password");
  if (password == nullptr || empty_literal(password->kv.second))
    return line_error{password == nullptr ? in.command_col : password->w->col,
                      "tokenlab cannot prompt for a password, so write it, e.g. vault login "
                      "-method=userpass username=alice password=secret"};
  return std::nullopt;
}

// The github method: `vault login -method=github [-path=P] token=GITHUB_TOKEN`
// (builtin/credential/github/cli.go sends the token alone, trimmed).
maybe_error github_login(const build_input& in, cmd_login& cmd) {
  std::vector<login_field> fields;
  if (auto err = method_fields(in, cmd, fields))
    return err;
  const login_field* token = find(fields, "token");
  if (token == nullptr || empty_literal(token->kv.second))
    return line_error{token == nullptr ? in.command_col : token->w->col,
                      "tokenlab cannot prompt for a GitHub personal access token, so write it, "
                      "e.g. vault login -method=github token=ghp_alice"};
  return std::nullopt;
}

} // namespace

maybe_error build_login(const build_input& in, vault_command& out) {
  cmd_login cmd;
  const flag_use* method = in.args.last("method");
  if (method != nullptr) // login.go: sanitizePath(c.flagMethod), "" -> token
    cmd.method = trim_slashes(method->text);
  if (cmd.method.empty())
    cmd.method = "token";
  if (cmd.method != "token" && cmd.method != "userpass" && cmd.method != "github") {
    const bool known = std::find(std::begin(vault_methods), std::end(vault_methods), cmd.method) !=
                       std::end(vault_methods);
    if (known)
      return line_error{method->value_col, "-method=" + cmd.method +
                                             " is not modelled by tokenlab yet: only "
                                             "-method=token, -method=userpass and "
                                             "-method=github"};
    return line_error{method->value_col,
                      "Unknown auth method: " + cmd.method +
                        ". Use \"vault auth list\" to see the complete list of auth methods. "
                        "Additionally, some auth methods are only available via the HTTP API."};
  }
  cmd.path = cmd.method + "/";
  if (const flag_use* path = in.args.last("path"); path != nullptr && !path->text.empty()) {
    const std::string mount = trim_slashes(path->text);
    if (mount.empty())
      return line_error{path->value_col, "the mount path is empty: write e.g. -path=" + cmd.method};
    cmd.path = mount + "/";
  }
  auto err = cmd.method == "token"    ? token_login(in, cmd)
             : cmd.method == "github" ? github_login(in, cmd)
                                      : userpass_login(in, cmd);
  if (err)
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace tokenlab::detail
