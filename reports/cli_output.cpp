#include "reports/cli_output.hpp"

#include "model/mount_table.hpp"
#include "model/secrets_table.hpp"
#include "model/texts.hpp"
#include "reports/api_json.hpp"
#include "reports/go_format.hpp"
#include "reports/go_yaml.hpp"
#include "reports/kv_output.hpp"

#include <algorithm>
#include <cctype>

namespace tokenlab {

namespace {

// command/write.go prints its success line only with the table format; every other
// message-shaped command (token revoke, auth tune, secrets enable, lease revoke) prints
// its line whatever the format.
bool success_line_is_table_only(const std::string& success_text) {
  const std::string prefix = texts::data_written("");
  return success_text.compare(0, prefix.size(), prefix) == 0;
}

std::string line(const std::string& text) {
  return text + "\n";
}

// strings.TrimSpace for the YAML formatter's text (ASCII whitespace is all it can have there).
std::string trim_space(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \t\n\r\v\f");
  if (first == std::string::npos)
    return {};
  return s.substr(first, s.find_last_not_of(" \t\n\r\v\f") - first + 1);
}

// What OutputData and OutputSecret print of `value` with a non-table format
// (command/format.go): JsonFormatter's MarshalIndent, or YamlFormatter's yaml.Marshal trimmed
// of surrounding space; ui.Output ends either with a newline.
std::string structured(const vault_call_record& call, const nlohmann::ordered_json& value) {
  return (call.yaml ? trim_space(go_yaml_marshal(value)) : go_marshal_indent(value)) + "\n";
}

} // namespace

std::string render_cli_warnings(const std::vector<std::string>& warnings) {
  if (warnings.empty())
    return {};
  // ui.Warn("WARNING! …:\n") then, per warning, ui.Warn(wrapped) and ui.Warn("").
  std::string out = std::string{texts::warnings_head} + "\n\n";
  for (const auto& w : warnings)
    out += go::wrap_at_length_with_padding("* " + w, 2) + "\n\n";
  return out;
}

std::vector<std::pair<std::string, std::string>> cli_table_rows(const api_response& r) {
  std::vector<std::pair<std::string, std::string>> rows;
  if (r.lease_duration > 0) {
    if (!r.lease_id.empty()) {
      rows.emplace_back("lease_id", r.lease_id);
      rows.emplace_back("lease_duration", go::human_duration_seconds(r.lease_duration));
      rows.emplace_back("lease_renewable", r.renewable ? "true" : "false");
    } else {
      // A lease duration without a lease id: the CLI calls it a refresh interval.
      rows.emplace_back("refresh_interval", go::human_duration_seconds(r.lease_duration));
    }
  }
  if (r.auth) {
    const auth_block& a = *r.auth;
    rows.emplace_back("token", a.client_token());
    rows.emplace_back("token_accessor", a.accessor());
    // A zero duration is most likely a root token: the CLI prints infinity.
    rows.emplace_back("token_duration",
                      a.lease_duration == 0 ? "∞" : go::human_duration_seconds(a.lease_duration));
    rows.emplace_back("token_renewable", a.renewable ? "true" : "false");
    rows.emplace_back("token_policies", go::quote_list(a.token_policies()));
    rows.emplace_back("identity_policies", go::quote_list(a.identity_policies));
    rows.emplace_back("policies", go::quote_list(a.policies()));
    // Go ranges over the metadata map in random order; the lab sorts (std::map).
    for (const auto& [k, v] : a.metadata())
      rows.emplace_back("token_meta_" + k, v);
  }
  if (r.data) {
    for (const auto& [k, v] : *r.data) {
      const auto* seconds = std::get_if<std::int64_t>(&v);
      if (seconds && go::looks_like_duration(k))
        rows.emplace_back(k, go::human_duration_seconds(*seconds));
      else
        rows.emplace_back(k, go::format_value(v));
    }
  }
  return rows;
}

std::string render_cli_table(const api_response& r) {
  const auto rows = cli_table_rows(r);
  if (rows.empty())
    return {};
  return go::key_value_table(rows);
}

std::string render_cli_json(const api_response& r) {
  return go_marshal_indent(cli_secret_json(r)) + "\n";
}

std::string render_cli_error(const vault_call_record& call, const vault_error& err) {
  // No response at all (a handler's panic closed the connection): the Go client's url.Error,
  // `Put "<url>": EOF` (net/http's urlErrorOp: the method with only its first letter upper).
  if (err.status == 0) {
    std::string op = call.method;
    for (std::size_t i = 1; i < op.size(); ++i)
      op[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(op[i])));
    const std::string url_error =
      op + " \"" + cli_vault_addr + "/v1/" + call.path + "\": " + err.message();
    if (call.bare_error)
      return line(url_error);
    return line((call.error_head.empty() ? "Error " + call.error_verb : call.error_head) + ": " +
                url_error);
  }
  // api.ResponseError.Error(): the messages follow "Errors:\n\n" each as "* <msg>" with
  // no separator between them (Go writes them back to back); ui.Error adds the newline.
  std::string out = line(call.bare_error            ? std::string{"Error making API request."}
                         : call.error_head.empty() ? texts::cli_error_head(call.error_verb)
                                                   : call.error_head + ": Error making API request.");
  out += "\n";
  out += line("URL: " + call.method + " " + cli_vault_addr + "/v1/" + call.path);
  out += line("Code: " + std::to_string(err.status) + ". Errors:");
  out += "\n";
  std::string messages;
  for (const auto& m : err.messages)
    messages += "* " + m;
  out += line(messages);
  return out;
}

// What `-field=X` (and `vault policy read`, `vault token capabilities`) print: the field's
// value alone; a list joined by ", " as command/token_capabilities.go joins capabilities.
std::string render_field(const api_response& r, const std::string& field) {
  if (!r.data)
    return {};
  auto it = r.data->find(field);
  if (it == r.data->end())
    return {};
  if (const auto* s = std::get_if<std::string>(&it->second))
    return *s;
  if (const auto* xs = std::get_if<std::vector<std::string>>(&it->second)) {
    std::string out;
    for (size_t i = 0; i < xs->size(); ++i)
      out += (i ? ", " : "") + (*xs)[i];
    return out;
  }
  return go::format_value(it->second);
}

// `vault list`: a one-column table headed "Keys", sorted as the CLI sorts them
// (command/format.go OutputList: sort.Strings); the API's order may differ (entity names).
std::string render_keys(const api_response& r) {
  std::string out = "Keys\n----\n";
  if (r.data)
    if (auto it = r.data->find("keys"); it != r.data->end())
      if (const auto* xs = std::get_if<std::vector<std::string>>(&it->second)) {
        auto keys = *xs;
        std::sort(keys.begin(), keys.end());
        for (const auto& k : keys)
          out += k + "\n";
      }
  return out;
}

std::string render_mount_rows(const api_response& r, const std::vector<table_column>& columns) {
  std::vector<std::vector<std::string>> rows(1);
  for (const auto& c : columns)
    rows.front().emplace_back(c.header);
  if (r.data)
    for (const auto& [path, value] : *r.data) {
      const auto* cells = std::get_if<std::map<std::string, std::string>>(&value);
      std::vector<std::string> row;
      for (const auto& c : columns) {
        if (c.key == "path") {
          row.push_back(path);
          continue;
        }
        std::string cell;
        if (cells)
          if (auto it = cells->find(std::string{c.key}); it != cells->end())
            cell = it->second;
        row.push_back(std::move(cell));
      }
      rows.push_back(std::move(row));
    }
  return go::table(rows);
}

namespace {

// command/util.go RawField: a token response's auth fields by their table names, a secret's
// lease fields, else the data's key; nullopt where Go finds nil.
std::optional<field_value> raw_field(const api_response& r, const std::string& f) {
  if (r.auth) {
    const auth_block& a = *r.auth;
    if (f == "token")
      return field_value{std::string{a.client_token()}};
    if (f == "token_accessor")
      return field_value{std::string{a.accessor()}};
    if (f == "token_duration")
      return field_value{a.lease_duration};
    if (f == "token_renewable")
      return field_value{a.renewable};
    if (f == "token_policies")
      return field_value{a.token_policies()};
    if (f == "identity_policies")
      return field_value{a.identity_policies};
    if (f == "policies")
      return field_value{a.policies()};
  } else {
    if (f == "lease_duration" || f == "refresh_interval")
      return field_value{r.lease_duration};
    if (f == "lease_id")
      return field_value{r.lease_id};
    if (f == "request_id")
      return field_value{r.request_id};
    if (f == "renewable")
      return field_value{r.renewable};
    if (f == "data" && r.data && r.data->count("data") == 0)
      return field_value{make_object(*r.data)};
  }
  if (!r.data)
    return std::nullopt;
  auto it = r.data->find(f);
  if (it == r.data->end() || std::holds_alternative<std::monostate>(it->second))
    return std::nullopt;
  return it->second;
}

// PrintRawField: the value alone (Go's %v), or the formatter's Format of it with -format=json
// or yaml, printed by PrintRaw as it is (yaml.Marshal's own final newline stays) and a newline.
std::string render_raw_field(const vault_call_record& call, const api_response& r) {
  auto v = raw_field(r, call.raw_field);
  if (!v)
    return line(texts::field_not_present(call.raw_field));
  if (call.yaml)
    return go_yaml_marshal(field_json(*v)) + "\n";
  if (call.json)
    return go_marshal_indent(field_json(*v)) + "\n";
  return line(go::format_value(*v));
}

std::string render_result(const vault_call_record& call) {
  if (!call.client_error.empty())
    return line(call.client_error);
  if (const auto* err = std::get_if<vault_error>(&call.result)) {
    // A 404 with no error is "nothing there": the CLI says so in its own words.
    if (err->status == 404 && err->messages.empty() && !call.not_found_text.empty()) {
      // kv patch: the client reads an empty 404 as no secret and no error, and the CLI
      // prints its success line with the table format only.
      if (call.json && call.method == "PATCH")
        return {};
      return line(call.not_found_text);
    }
    return render_cli_error(call, *err);
  }
  const api_response& r = std::get<api_response>(call.result);
  // No body: a 204, or a raw 202 (logical.RespondWithStatusCode without a response: a queued
  // revocation), for which api.ParseSecret returns no secret.
  const bool no_body = r.status == 204 ||
                       (r.status == 202 && !r.data && !r.auth && r.lease_id.empty() &&
                        r.warnings.empty());

  // A 404 that carries a body (KV v2: a deleted version's metadata, a wrong path's warning):
  // reads print it as a secret; writes and deletes print the error, then the secret
  // (api/logical.go returns both).
  if (r.status >= 400) {
    const bool writes = call.shape == output_shape::message ||
                        (call.shape == output_shape::kv_secret && call.method == "PUT");
    if (call.method == "PATCH") // kv patch prints the error alone
      return render_cli_error(call, vault_error{r.status, {}});
    if (writes) {
      std::string out = render_cli_error(call, vault_error{r.status, {}});
      return out + render_cli_warnings(r.warnings) + render_cli_table(r);
    }
    if (call.shape == output_shape::list && !r.data)
      return line(call.not_found_text);
  }
  // Message-shaped commands (token revoke, auth tune, secrets enable, lease revoke) print
  // their line and ignore the response; command/write.go prints it only for a 204 (and
  // only with the table format), and otherwise prints the response like a read.
  const bool table_only = call.success_table_only || success_line_is_table_only(call.success_text);
  if (call.shape == output_shape::message && call.login_text.empty() && (!table_only || no_body))
    return call.json && table_only ? std::string{} : line(call.success_text);

  if (call.shape == output_shape::generate_root)
    return render_generate_root(call, r);
  if (!call.raw_field.empty())
    return render_raw_field(call, r);
  if (!call.json && call.shape == output_shape::kv_secret)
    return render_kv_secret(call, r);
  if (call.json && !call.print_field.empty() && r.data && call.shape != output_shape::kv_secret) {
    // Commands that print one field print its value (token capabilities) or a map of it
    // (policy read) with the formatter.
    if (auto it = r.data->find(call.print_field); it != r.data->end()) {
      if (call.print_field_key.empty())
        return structured(call, field_json(it->second));
      nlohmann::ordered_json wrapped = nlohmann::ordered_json::object();
      wrapped[call.print_field_key] = field_json(it->second);
      return structured(call, wrapped);
    }
  }
  if (call.json && call.shape == output_shape::list && r.data) {
    // OutputList hands the formatter the keys alone (command/format.go).
    if (auto it = r.data->find("keys"); it != r.data->end())
      return structured(call, field_json(it->second));
  }
  if (call.json) {
    // auth list, secrets list and status hand OutputData the client's own structs, whatever
    // -detailed says (command/auth_list.go, secrets_list.go, format.go OutputSealStatus).
    if (call.shape == output_shape::mount_table || call.shape == output_shape::mount_table_detailed)
      return structured(call, mount_list_json(r, true));
    if (call.shape == output_shape::secrets_table ||
        call.shape == output_shape::secrets_table_detailed)
      return structured(call, mount_list_json(r, false));
    if (call.shape == output_shape::seal_status)
      return structured(call, seal_status_json(r));
    // The formatter marshals the (possibly nil) *api.Secret: a 204 prints `null`.
    return structured(call, no_body ? nlohmann::ordered_json(nullptr) : cli_secret_json(r));
  }
  if (no_body)
    return call.login_text.empty() ? std::string{} : line(call.login_text) + "\n";
  if (!call.print_field.empty()) {
    auto text = render_field(r, call.print_field);
    return render_cli_warnings(r.warnings) +
           (text.empty() || text.back() != '\n' ? line(text) : text);
  }
  if (call.shape == output_shape::list)
    return render_cli_warnings(r.warnings) + render_keys(r);
  if (call.shape == output_shape::mount_table || call.shape == output_shape::mount_table_detailed)
    return render_mount_rows(r, auth_list_columns(call.shape == output_shape::mount_table_detailed));
  if (call.shape == output_shape::secrets_table ||
      call.shape == output_shape::secrets_table_detailed)
    return render_mount_rows(
      r, secrets_list_columns(call.shape == output_shape::secrets_table_detailed));
  if (call.shape == output_shape::kv_metadata)
    return render_kv_metadata(call, r);
  if (call.shape == output_shape::seal_status)
    return render_seal_status(r);
  // Table format: OutputSecret writes the warnings (stderr) just before the table;
  // `vault login` has already printed its banner and a blank line.
  std::string out = call.login_text.empty() ? std::string{} : line(call.login_text) + "\n";
  out += render_cli_warnings(r.warnings);
  return out + render_cli_table(r);
}

} // namespace

std::string render_cli_output(const vault_call_record& call) {
  // The flag parser warns (stderr, table format only) before the command does anything.
  const bool warn = !call.flag_warning.empty() && !call.json;
  return (warn ? line(call.flag_warning) : std::string{}) + render_result(call);
}

} // namespace tokenlab
