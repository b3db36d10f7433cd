#include "reports/kv_output.hpp"

#include "reports/api_json.hpp"
#include "reports/cli_output.hpp"
#include "model/texts.hpp"
#include "reports/go_format.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace tokenlab {

namespace {

std::string line(const std::string& text) {
  return text + "\n";
}

// TableFormatter.OutputMap over a map: Key/Value rows sorted by key, %v values (a duration-like
// key's seconds as a duration); nothing at all for an empty map.
std::string output_data(const data_map& data) {
  if (data.empty())
    return {};
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& [k, v] : data) {
    const auto* seconds = std::get_if<std::int64_t>(&v);
    rows.emplace_back(k, seconds && go::looks_like_duration(k)
                           ? go::human_duration_seconds(*seconds)
                           : go::format_value(v));
  }
  return go::key_value_table(rows);
}

// kv_helpers.go outputPath: the padded title, the path, a blank line.
std::string output_path(const std::string& path, std::string_view title) {
  return line(pad_equal_signs(title, path.size())) + line(path) + "\n";
}

const data_map* object_at(const data_map& d, const std::string& key) {
  auto it = d.find(key);
  if (it == d.end())
    return nullptr;
  const auto* o = std::get_if<field_object>(&it->second);
  return o ? &o->get() : nullptr;
}

// The path the CLI names: the request path without its query.
std::string api_path(const vault_call_record& call) {
  return call.path.substr(0, call.path.find('?'));
}

} // namespace

std::string pad_equal_signs(std::string_view header, std::size_t total) {
  long signs = static_cast<long>(total) - static_cast<long>(header.size() + 2);
  if (signs <= 0)
    signs = 4;
  if (signs % 2 != 0)
    ++signs;
  const std::string side(static_cast<std::size_t>(signs / 2), '=');
  return side + " " + std::string(header) + " " + side;
}

std::string header_for_map(std::string_view header, const data_map& data) {
  std::size_t longest = 0;
  for (const auto& entry : data)
    longest = std::max(longest, entry.first.size());
  return pad_equal_signs(header, longest + 4 + 5);
}

std::string render_kv_secret(const vault_call_record& call, const api_response& r) {
  const std::string path = api_path(call);
  const data_map empty;
  const data_map& d = r.data ? *r.data : empty;
  // kv put and kv patch: the path and the new version's metadata
  if (call.method == "PUT" || call.method == "PATCH")
    return output_path(path, "Secret Path") + line(header_for_map("Metadata", d)) +
           output_data(d);
  // kv get
  const data_map* secret = object_at(d, "data");
  if (!call.print_field.empty()) {
    if (!secret)
      return line(texts::no_data_found(path));
    auto it = secret->find(call.print_field);
    if (it == secret->end() || std::holds_alternative<std::monostate>(it->second))
      return line("Field \"" + call.print_field + "\" not present in secret");
    return line(go::format_value(it->second));
  }
  std::string out = render_cli_warnings(r.warnings);
  out += output_path(path, "Secret Path");
  if (const data_map* meta = object_at(d, "metadata"))
    out += line(header_for_map("Metadata", *meta)) + output_data(*meta) + "\n";
  if (secret)
    out += line(header_for_map("Data", *secret)) + output_data(*secret);
  return out;
}

std::string render_kv_metadata(const vault_call_record& call, const api_response& r) {
  const std::string path = api_path(call);
  data_map d = r.data ? *r.data : data_map{};
  data_map versions;
  if (const data_map* v = object_at(d, "versions"))
    versions = *v;
  d.erase("versions");
  std::string out = output_path(path, "Metadata Path");
  out += line(header_for_map("Metadata", d));
  out += render_cli_warnings(r.warnings) + output_data(d);
  // The versions in numeric order.
  std::vector<std::pair<long long, std::string>> order;
  for (const auto& entry : versions)
    order.emplace_back(std::atoll(entry.first.c_str()), entry.first);
  std::sort(order.begin(), order.end());
  for (const auto& [n, key] : order) {
    const auto* o = std::get_if<field_object>(&versions.at(key));
    const data_map& vm = o ? o->get() : data_map{};
    out += "\n" + line(header_for_map("Version " + std::to_string(n), vm)) + output_data(vm);
  }
  return out;
}

std::string render_seal_status(const api_response& r) {
  const data_map empty;
  const data_map& d = r.data ? *r.data : empty;
  auto text = [&](const char* k) {
    auto it = d.find(k);
    return it == d.end() ? std::string{} : go::format_value(it->second);
  };
  auto flag = [&](const char* k) {
    auto it = d.find(k);
    return it != d.end() && std::holds_alternative<bool>(it->second) && std::get<bool>(it->second);
  };
  std::vector<std::vector<std::string>> rows = {
    {"Key", "Value"},
    {"Seal Type", text("type")},
    {"Initialized", text("initialized")},
    {"Sealed", text("sealed")},
    {"Total Shares", text("n")},
    {"Threshold", text("t")},
    {"Version", text("version")},
    {"Build Date", text("build_date")},
    {"Storage Type", text("storage_type")},
  };
  if (!text("cluster_name").empty() && !text("cluster_id").empty()) {
    rows.push_back({"Cluster Name", text("cluster_name")});
    rows.push_back({"Cluster ID", text("cluster_id")});
  }
  rows.push_back({"HA Enabled", flag("ha_enabled") ? "true" : "false"});
  if (flag("ha_enabled") && !flag("sealed")) {
    rows.push_back({"HA Cluster", text("leader_cluster_address")});
    const bool self = flag("is_self");
    rows.push_back({"HA Mode", self ? "active" : "standby"});
    if (self && !text("active_time").empty())
      rows.push_back({"Active Since", text("active_time")});
    if (!self)
      rows.push_back({"Active Node Address", text("leader_address")});
    if (flag("performance_standby")) {
      rows.push_back({"Performance Standby Node", "true"});
      rows.push_back(
        {"Performance Standby Last Remote WAL", text("performance_standby_last_remote_wal")});
    }
  }
  return go::table(rows);
}

} // namespace tokenlab

namespace tokenlab {

std::string render_generate_root(const vault_call_record& call, const api_response& r) {
  const data_map empty;
  const data_map& d = r.data ? *r.data : empty;
  auto value = [&](const char* k) -> field_value {
    auto it = d.find(k);
    return it == d.end() ? field_value{} : it->second;
  };
  auto text = [&](const char* k) {
    auto v = value(k);
    return std::holds_alternative<std::monostate>(v) ? std::string{} : go::format_value(v);
  };
  if (!call.print_field.empty()) {
    // -generate-otp and -decode: PrintRaw of the value, or OutputData of a map with -format=json.
    if (!call.json)
      return text(call.print_field.c_str()) + "\n";
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [k, v] : d)
      j[k] = field_json(v);
    return go_marshal_indent(j) + "\n";
  }
  static const char* const fields[] = {"nonce",         "started",          "progress",
                                       "required",      "complete",         "encoded_token",
                                       "encoded_root_token", "pgp_fingerprint", "otp",
                                       "otp_length"};
  if (call.json) {
    // OutputData of api.GenerateRootStatusResponse: its fields in declaration order.
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const char* k : fields)
      j[k] = field_json(value(k));
    return go_marshal_indent(j) + "\n";
  }
  std::vector<std::pair<std::string, std::string>> rows = {
    {"Nonce", text("nonce")},
    {"Started", text("started")},
    {"Progress", text("progress") + "/" + text("required")},
    {"Complete", text("complete")},
  };
  if (!text("pgp_fingerprint").empty())
    rows.emplace_back("PGP Fingerprint", text("pgp_fingerprint"));
  if (!text("encoded_token").empty())
    rows.emplace_back("Encoded Token", text("encoded_token"));
  else if (!text("encoded_root_token").empty())
    rows.emplace_back("Encoded Root Token", text("encoded_root_token"));
  std::string out;
  if (!text("otp").empty()) {
    out += go::wrap_at_length_with_padding(texts::otp_generated, 0) + "\n";
    rows.emplace_back("OTP", text("otp"));
  }
  if (text("otp_length") != "0" && !text("otp_length").empty())
    rows.emplace_back("OTP Length", text("otp_length"));
  // columnOutput: no header, four spaces of glue, an empty cell as n/a.
  std::size_t widest = 0;
  for (const auto& row : rows)
    widest = std::max(widest, row.first.size());
  for (const auto& [k, v] : rows)
    out += k + std::string(widest - k.size() + 4, ' ') + (v.empty() ? "n/a" : v) + "\n";
  return out;
}

} // namespace tokenlab
