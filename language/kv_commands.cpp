// `vault kv put|patch|get|delete|undelete|destroy|list`, `vault kv metadata get|put|delete`,
// `vault secrets list|disable`, `vault auth disable` and `vault status`, after Vault 1.14's
// command/kv_*.go, secrets_list.go, secrets_disable.go, auth_disable.go and status.go.
// Texts in "…" are Vault's own.

#include "language/commands.hpp"

#include <limits>

namespace tokenlab::detail {

using ft = flag_type;

const command_spec kv_put_spec{"vault kv put [-mount=M] [-cas=N] PATH key=value ...",
                               {{"mount", ft::text}, {"cas", ft::integer}, {"format", ft::format}},
                               {"field"}};
const command_spec kv_patch_spec{
  "vault kv patch [-mount=M] [-cas=N] [-method=patch|rw] PATH key=value ...",
  {{"mount", ft::text}, {"cas", ft::integer}, {"method", ft::text}, {"format", ft::format}},
  {"field", "remove-data"}};
const command_spec kv_get_spec{
  "vault kv get [-mount=M] [-version=N] [-field=KEY] PATH",
  {{"mount", ft::text}, {"version", ft::integer}, {"field", ft::text}, {"format", ft::format}},
  {}};
namespace {

// The flags of kv delete, undelete and destroy.
const std::vector<flag_def> versions_flags = {
  {"mount", ft::text}, {"versions", ft::list}, {"format", ft::format}};

} // namespace

const command_spec kv_delete_spec{
  "vault kv delete [-mount=M] [-versions=N,...] PATH", versions_flags, {"field"}};
const command_spec kv_undelete_spec{
  "vault kv undelete [-mount=M] -versions=N,... PATH", versions_flags, {}};
const command_spec kv_destroy_spec{
  "vault kv destroy [-mount=M] -versions=N,... PATH", versions_flags, {}};
const command_spec kv_list_spec{"vault kv list [-mount=M] PATH",
                                {{"mount", ft::text}, {"format", ft::format}},
                                {}};
const command_spec kv_metadata_get_spec{"vault kv metadata get [-mount=M] PATH",
                                        {{"mount", ft::text}, {"format", ft::format}},
                                        {"field"}};
const command_spec kv_metadata_put_spec{
  "vault kv metadata put [-mount=M] [-max-versions=N] [-cas-required] [-delete-version-after=D] "
  "[-custom-metadata=k=v ...] PATH",
  {{"mount", ft::text},
   {"max-versions", ft::integer},
   {"cas-required", ft::boolean},
   {"delete-version-after", ft::duration},
   {"custom-metadata", ft::key_value},
   {"format", ft::format}},
  {}};
const command_spec kv_metadata_delete_spec{"vault kv metadata delete [-mount=M] PATH",
                                           {{"mount", ft::text}},
                                           {}};

const command_spec secrets_list_spec{
  "vault secrets list [-detailed]", {{"format", ft::format}, {"detailed", ft::boolean}}, {}};
const command_spec secrets_disable_spec{"vault secrets disable PATH", {}, {}};
const command_spec auth_disable_spec{"vault auth disable PATH", {}, {}};
const command_spec status_spec{"vault status", {{"format", ft::format}}, {}};

namespace {

// -mount, sanitised as the CLI does (sanitizePath); given empty, it is not given.
void kv_mount(const build_input& in, cmd_kv& cmd) {
  if (const flag_use* f = in.args.last("mount"))
    cmd.mount = trim_slashes(f->text);
}

// The one PATH of a kv command, sanitised as the CLI does (no slash at either end). With
// -mount, PATH is the secret's path under that mount.
maybe_error kv_path(const build_input& in, cmd_kv& cmd) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  const word& path = *in.args.positionals[0];
  if (auto err = plain_positional(path, "PATH"))
    return err;
  cmd.path = trim_slashes(path.text);
  kv_mount(in, cmd);
  return std::nullopt;
}

// -versions, repeatable, each a comma-separated list of version numbers.
maybe_error kv_versions(const build_input& in, cmd_kv& cmd) {
  for (const auto& f : in.args.flags) {
    if (f.name != "versions")
      continue;
    for (const auto& v : f.list) {
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
        return line_error{f.value_col, "-versions takes version numbers (\"" + v +
                                         "\" is not one): write e.g. -versions=1,2"};
      cmd.versions.push_back(v);
    }
  }
  return std::nullopt;
}

// kv undelete and kv destroy refuse to run without -versions, before any request.
maybe_error versions_required(const build_input& in, const cmd_kv& cmd, std::string_view verb) {
  if (!cmd.versions.empty())
    return std::nullopt;
  return line_error{in.command_col, "No versions provided, use the \"-versions\" flag to specify "
                                    "the version to " +
                                      std::string(verb) + "."};
}

maybe_error mount_path(const build_input& in, std::string& out) {
  if (auto err = count_args(in, 1, 1, "1"))
    return err;
  const word& path = *in.args.positionals[0];
  if (auto err = plain_positional(path, "PATH"))
    return err;
  out = trim_slashes(path.text) + "/";
  return std::nullopt;
}

} // namespace

namespace {

// kv put and kv patch: PATH then key=value pairs ("Must supply data" without any).
maybe_error build_kv_data(const build_input& in, kv_op op, vault_command& out) {
  const auto& pos = in.args.positionals;
  if (pos.empty())
    return line_error{in.command_col, "Not enough arguments (expected >1, got 0); usage: " +
                                        std::string(in.spec.usage)};
  if (pos.size() == 1)
    return line_error{pos[0]->end_col, "Must supply data"};
  if (auto err = plain_positional(*pos[0], "PATH"))
    return err;
  cmd_kv cmd;
  cmd.op = op;
  cmd.path = trim_slashes(pos[0]->text);
  kv_mount(in, cmd);
  const std::string command = op == kv_op::put ? "kv put" : "kv patch";
  for (std::size_t i = 1; i < pos.size(); ++i)
    if (auto err = kv_arg(*pos[i], in.ctx, command, "Failed to parse K=V data: ",
                          cmd.fields.emplace_back()))
      return err;
  // kv put sends -cas when it is 0 or more; kv patch only when it is more than 0.
  const std::int64_t least = op == kv_op::put ? 0 : 1;
  if (const flag_use* f = in.args.last("cas"); f != nullptr && f->integer >= least)
    cmd.cas = f->integer;
  if (const flag_use* f = in.args.last("method"))
    cmd.method = f->text;
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace

maybe_error build_kv_put(const build_input& in, vault_command& out) {
  return build_kv_data(in, kv_op::put, out);
}

maybe_error build_kv_patch(const build_input& in, vault_command& out) {
  return build_kv_data(in, kv_op::patch, out);
}

maybe_error build_kv_get(const build_input& in, vault_command& out) {
  cmd_kv cmd;
  cmd.op = kv_op::get;
  if (auto err = kv_path(in, cmd))
    return err;
  if (const flag_use* f = in.args.last("version"))
    cmd.version = f->integer;
  if (const flag_use* f = in.args.last("field"))
    cmd.field = f->text;
  out = std::move(cmd);
  return std::nullopt;
}

namespace {

maybe_error build_versions_command(const build_input& in, kv_op op, std::string_view verb,
                                   vault_command& out) {
  cmd_kv cmd;
  cmd.op = op;
  if (auto err = kv_path(in, cmd))
    return err;
  if (auto err = kv_versions(in, cmd))
    return err;
  if (op != kv_op::del)
    if (auto err = versions_required(in, cmd, verb))
      return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_path_only(const build_input& in, kv_op op, vault_command& out) {
  cmd_kv cmd;
  cmd.op = op;
  if (auto err = kv_path(in, cmd))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

} // namespace

maybe_error build_kv_delete(const build_input& in, vault_command& out) {
  return build_versions_command(in, kv_op::del, "delete", out);
}

maybe_error build_kv_undelete(const build_input& in, vault_command& out) {
  return build_versions_command(in, kv_op::undelete, "undelete", out);
}

maybe_error build_kv_destroy(const build_input& in, vault_command& out) {
  return build_versions_command(in, kv_op::destroy, "destroy", out);
}

maybe_error build_kv_list(const build_input& in, vault_command& out) {
  return build_path_only(in, kv_op::list, out);
}

maybe_error build_kv_metadata_get(const build_input& in, vault_command& out) {
  return build_path_only(in, kv_op::metadata_get, out);
}

maybe_error build_kv_metadata_delete(const build_input& in, vault_command& out) {
  return build_path_only(in, kv_op::metadata_delete, out);
}

maybe_error build_kv_metadata_put(const build_input& in, vault_command& out) {
  cmd_kv cmd;
  cmd.op = kv_op::metadata_put;
  if (auto err = kv_path(in, cmd))
    return err;
  // The CLI sends what was given: max_versions when >= 0, delete_version_after when >= 0.
  if (const flag_use* f = in.args.last("max-versions"); f != nullptr && f->integer >= 0)
    cmd.max_versions = f->integer;
  if (const flag_use* f = in.args.last("cas-required"))
    cmd.cas_required = f->boolean;
  if (const flag_use* f = in.args.last("delete-version-after"))
    cmd.delete_version_after = f->duration;
  for (const auto& f : in.args.flags)
    if (f.name == "custom-metadata")
      cmd.custom_metadata[f.key_value.first] = f.key_value.second;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_secrets_list(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 0, 0, "0"))
    return err;
  out = cmd_secrets_list{flag_on(in, "detailed")};
  return std::nullopt;
}

maybe_error build_secrets_disable(const build_input& in, vault_command& out) {
  cmd_secrets_disable cmd;
  if (auto err = mount_path(in, cmd.path))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_auth_disable(const build_input& in, vault_command& out) {
  cmd_auth_disable cmd;
  if (auto err = mount_path(in, cmd.path))
    return err;
  out = std::move(cmd);
  return std::nullopt;
}

maybe_error build_status(const build_input& in, vault_command& out) {
  if (auto err = count_args(in, 0, 0, "0"))
    return err;
  out = cmd_status{};
  return std::nullopt;
}

} // namespace tokenlab::detail
