// Recognising the command of a `vault …` step (current and 0.x spellings) and handing its
// words to that command's flag spec and builder; standard input (a heredoc) goes only to
// the commands that read it.

#include "language/commands.hpp"
#include "language/vocabulary.hpp"

namespace tokenlab::detail {

namespace {

struct command_entry {
  std::string_view spelling;
  const command_spec* spec;
  command_builder build;
  bool legacy = false; ///< a 0.x spelling: that CLI had no global flags and no warning
};

const command_entry commands[] = {
  {"login", &login_spec, build_login},
  {"token create", &token_create_spec, build_token_create},
  {"token lookup", &token_lookup_spec, build_token_lookup},
  {"token renew", &token_renew_spec, build_token_renew},
  {"token revoke", &token_revoke_spec, build_token_revoke},
  {"token capabilities", &token_capabilities_spec, build_token_capabilities},
  {"auth enable", &auth_enable_spec, build_auth_enable},
  {"auth tune", &auth_tune_spec, build_auth_tune},
  {"auth list", &auth_list_spec, build_auth_list},
  {"secrets enable", &secrets_enable_spec, build_secrets_enable},
  {"secrets tune", &secrets_tune_spec, build_secrets_tune},
  {"write", &write_spec, build_write},
  {"read", &read_spec, build_read},
  {"list", &list_spec, build_list},
  {"delete", &delete_spec, build_delete},
  {"lease lookup", &lease_lookup_spec, build_lease_lookup},
  {"lease renew", &lease_renew_spec, build_lease_renew},
  {"lease revoke", &lease_revoke_spec, build_lease_revoke},
  {"policy write", &policy_write_spec, build_policy_write},
  {"policy read", &policy_read_spec, build_policy_read},
  {"kv put", &kv_put_spec, build_kv_put},
  {"kv patch", &kv_patch_spec, build_kv_patch},
  {"kv get", &kv_get_spec, build_kv_get},
  {"kv delete", &kv_delete_spec, build_kv_delete},
  {"kv undelete", &kv_undelete_spec, build_kv_undelete},
  {"kv destroy", &kv_destroy_spec, build_kv_destroy},
  {"kv list", &kv_list_spec, build_kv_list},
  {"kv metadata get", &kv_metadata_get_spec, build_kv_metadata_get},
  {"kv metadata put", &kv_metadata_put_spec, build_kv_metadata_put},
  {"kv metadata delete", &kv_metadata_delete_spec, build_kv_metadata_delete},
  {"secrets list", &secrets_list_spec, build_secrets_list},
  {"secrets disable", &secrets_disable_spec, build_secrets_disable},
  {"auth disable", &auth_disable_spec, build_auth_disable},
  {"status", &status_spec, build_status},
  {"operator generate-root", &generate_root_spec, build_generate_root},
  // 0.x spellings
  {"token-create", &token_create_spec, build_token_create, true},
  {"token-lookup", &token_lookup_spec, build_token_lookup, true},
  {"token-renew", &legacy_token_renew_spec, build_legacy_token_renew, true},
  {"token-revoke", &token_revoke_spec, build_token_revoke, true},
  {"mount-tune", &mount_tune_spec, build_mount_tune, true},
};

constexpr std::string_view supported =
  "tokenlab models login, token create, token lookup, token renew, token revoke, token "
  "capabilities, auth enable, auth tune, auth list, auth disable, secrets enable, secrets tune, "
  "secrets list, secrets disable, write, read, list, delete, kv put, kv patch, kv get, kv "
  "delete, kv undelete, kv destroy, kv list, kv metadata get, kv metadata put, kv metadata "
  "delete, lease lookup, lease renew, lease revoke, policy write, policy read, status and "
  "operator generate-root (and the 0.x spellings token-create, token-lookup, token-renew, "
  "token-revoke and mount-tune)";

const command_entry* match(const std::vector<word>& words, std::size_t first, std::size_t& used) {
  if (first + 2 < words.size()) {
    const std::string three =
      words[first].text + " " + words[first + 1].text + " " + words[first + 2].text;
    for (const auto& entry : commands)
      if (entry.spelling == three) {
        used = 3;
        return &entry;
      }
  }
  if (first + 1 < words.size()) {
    const std::string two = words[first].text + " " + words[first + 1].text;
    for (const auto& entry : commands)
      if (entry.spelling == two) {
        used = 2;
        return &entry;
      }
  }
  for (const auto& entry : commands)
    if (entry.spelling == words[first].text) {
      used = 1;
      return &entry;
    }
  return nullptr;
}

bool looks_like_command_word(const word& w) {
  if (w.text.empty() || w.text[0] == '-')
    return false;
  for (const char c : w.text)
    if (!((c >= 'a' && c <= 'z') || c == '-'))
      return false;
  return true;
}

line_error unknown_command(const std::vector<word>& words, std::size_t first) {
  std::string shown = words[first].text;
  if (first + 1 < words.size() && looks_like_command_word(words[first + 1]))
    shown += " " + words[first + 1].text;
  std::vector<std::string_view> spellings;
  for (const auto& entry : commands)
    spellings.push_back(entry.spelling);
  const std::string near = closest(shown, spellings);
  return {words[first].col, "unknown vault command \"" + shown + "\"" +
                              (near.empty() ? "" : " (did you mean \"" + near + "\"?)") + "; " +
                              std::string(supported)};
}

} // namespace

maybe_error parse_vault_command(const std::vector<word>& words, std::size_t first,
                                const line_context& ctx, std::optional<int> stdin_col,
                                const std::optional<env_format>& format, vault_step& out) {
  const std::size_t command = first + 1;
  if (command >= words.size())
    return line_error{words[first].col,
                      "\"vault\" needs a command, e.g. vault token create -policy=default"};
  std::size_t used = 0;
  const command_entry* entry = match(words, command, used);
  if (entry == nullptr)
    return unknown_command(words, command);
  command_args args;
  if (auto err = split_command(words, command + used, *entry->spec, args))
    return err;
  if (!entry->legacy)
    if (auto err = read_global_flags(args))
      return err;
  // The format flag's default is VAULT_FORMAT (command/base_flags.go EnvVar: EnvVaultFormat).
  if (format && !args.format_given) {
    args.json = format->json;
    args.yaml = format->yaml;
    args.format_col = format->col;
  }
  if (stdin_col && !entry->spec->reads_stdin)
    return line_error{*stdin_col, "this command reads no standard input, so it cannot have a "
                                  "heredoc (of the commands tokenlab models, only vault policy "
                                  "write NAME - reads one)"};
  out.spelling = std::string(entry->spelling);
  out.json = args.json;
  out.yaml = args.yaml;
  out.flag_warning = args.flag_warning;
  const build_input in{args, ctx, *entry->spec, words[command].col, stdin_col};
  auto err = entry->build(in, out.cmd);
  if (err && !args.flag_warning.empty()) // the CLI has printed its warning before the error
    err->message += " (Vault's CLI warns first: " + args.flag_warning + ")";
  return err;
}

void give_stdin(vault_command& cmd, std::string text) {
  // Only `policy write NAME -` reads standard input; the parser refuses a heredoc elsewhere.
  if (auto* write = std::get_if<cmd_policy_write>(&cmd))
    write->text = std::move(text);
}

} // namespace tokenlab::detail

namespace tokenlab {

std::vector<std::string> vault_commands() {
  std::vector<std::string> out;
  for (const auto& entry : detail::commands)
    if (!entry.legacy)
      out.emplace_back(entry.spelling);
  return out;
}

std::vector<std::string> vault_command_flags(std::string_view command) {
  std::vector<std::string> out;
  for (const auto& entry : detail::commands)
    if (entry.spelling == command)
      for (const auto& f : entry.spec->flags)
        out.push_back("-" + std::string(f.name) +
                      (f.type == detail::flag_type::boolean ? "" : "="));
  return out;
}

} // namespace tokenlab
