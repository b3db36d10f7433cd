#include "model/aws_sts.hpp"

#include "model/go_text.hpp"

#include <algorithm>
#include <charconv>

namespace tokenlab {

namespace {

bool has(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// The characters an IAM name keeps (normalizeDisplayName's [^a-zA-Z0-9+=,.@_-] become '_').
bool iam_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view{"+=,.@_-"}.find(c) != std::string_view::npos;
}

void append_normalized(std::string& out, std::string_view name) {
  for (const char c : name)
    out.push_back(iam_name_char(c) ? c : '_');
}

} // namespace

std::string aws_normalize_name(std::string name) {
  for (auto& c : name)
    if (!iam_name_char(c))
      c = '_';
  return name;
}

outcome<aws_role> aws_role_from_fields(const field_map& fields) {
  aws_role r;
  if (auto t = fields.find("credential_type"); t != fields.end())
    r.credential_type = t->second;
  r.role_arns = parse_comma_slice(field_text(fields, "role_arns"));
  r.policy_arns = parse_comma_slice(field_text(fields, "policy_arns"));
  r.policy_document = field_text(fields, "policy_document");
  if (auto d = fields.find("default_sts_ttl"); d != fields.end())
    r.default_sts_ttl = whole_seconds(field_duration(d->second));
  if (auto m = fields.find("max_sts_ttl"); m != fields.end())
    r.max_sts_ttl = whole_seconds(field_duration(m->second));
  // awsRoleEntry.validate, its checks in order, gathered by go-multierror.
  const std::string assumed = "assumed_role";
  const std::string federation = "federation_token";
  std::vector<std::string> errors;
  const std::vector<std::string> types{r.credential_type};
  if (!has({"iam_user", assumed, federation}, r.credential_type))
    errors.push_back("unrecognized credential type: " + r.credential_type);
  const bool sts = has(types, assumed) || has(types, federation);
  if (r.default_sts_ttl != 0 && !sts)
    errors.push_back("default_sts_ttl parameter only valid for assumed_role and federation_token "
                     "credential types");
  if (r.max_sts_ttl != 0 && !sts)
    errors.push_back("max_sts_ttl parameter only valid for assumed_role and federation_token "
                     "credential types");
  if (r.max_sts_ttl > 0 && r.default_sts_ttl > 0 && r.default_sts_ttl > r.max_sts_ttl)
    errors.push_back("\"default_sts_ttl\" value must be less than or equal to \"max_sts_ttl\" value");
  if (!r.role_arns.empty() && !has(types, assumed))
    errors.push_back("cannot supply role_arns when credential_type isn't assumed_role");
  if (errors.empty())
    return r;
  std::string all = std::to_string(errors.size()) +
                    (errors.size() == 1 ? " error occurred:\n" : " errors occurred:\n");
  for (const auto& e : errors)
    all += "\t* " + e + "\n";
  all += "\n";
  return vault_error::invalid("error(s) validating supplied role data: " + go_quote(all));
}

std::int64_t sts_ttl(const aws_role& role, std::optional<std::int64_t> requested,
                     std::int64_t mount_max) {
  std::int64_t ttl = requested ? *requested : role.default_sts_ttl > 0 ? role.default_sts_ttl : 3600;
  const std::int64_t max = role.max_sts_ttl > 0 ? role.max_sts_ttl : mount_max;
  return std::min(ttl, max);
}

std::string aws_iam_name(const std::string& display_name, const std::string& role,
                         std::int64_t unix_time, const std::string& random20) {
  // vault-<display name>-<role>, those two cut together at 42, -<unix time>-<random>, all cut
  // at 64; built in place (a fleet names an IAM user at every read).
  constexpr std::size_t prefix = 6; // "vault-"
  std::string name;
  name.reserve(64 + 21 + random20.size());
  name += "vault-";
  append_normalized(name, display_name);
  name += '-';
  append_normalized(name, role);
  if (name.size() > prefix + 42)
    name.resize(prefix + 42);
  name += '-';
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, unix_time).ptr;
  name.append(digits, end);
  name += '-';
  name += random20;
  if (name.size() > 64)
    name.resize(64);
  // The name is a lease's handle for the lease's life (1,000,000 of them at once in the
  // bench): it keeps its own length, not the room it was built in.
  name.shrink_to_fit();
  return name;
}

std::string aws_sts_name(std::int64_t unix_time, const std::string& random20) {
  return ("vault-" + std::to_string(unix_time) + "-" + random20).substr(0, 32);
}

std::string assumed_role_arn(const std::string& role_arn, const std::string& session) {
  // arn:aws:iam::<account>:role/<path/><name>
  const std::string prefix = "arn:aws:iam::";
  std::string account;
  if (role_arn.compare(0, prefix.size(), prefix) == 0)
    account = role_arn.substr(prefix.size(), role_arn.find(':', prefix.size()) - prefix.size());
  const auto name = role_arn.substr(role_arn.rfind('/') + 1);
  return "arn:aws:sts::" + account + ":assumed-role/" + name + "/" + session;
}

} // namespace tokenlab
