#include "actors/aws_engine.hpp"

#include "actors/messages.hpp"
#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/fields.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

using self_ptr = logical_engine::stateful_pointer<aws_engine_state>;

constexpr std::string_view upper_digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view secret_chars =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

vault_error unsupported() {
  return vault_error{404, {"unsupported path"}};
}

std::optional<std::string> after_prefix(const std::string& path, std::string_view prefix) {
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  return path.substr(prefix.size());
}

std::int64_t unix_now(self_ptr self) {
  auto& st = self->state;
  return unix_seconds(sim_now(self, st.ctx), st.ctx.epoch_unix);
}

// The paths' schemas (builtin/logical/aws path_config_root.go, path_config_lease.go,
// path_roles.go): the framework converts the typed fields before the handler runs.
const field_schema& root_schema() {
  static const field_schema s{
    {"access_key", field_kind::string},       {"secret_key", field_kind::string},
    {"region", field_kind::string},           {"iam_endpoint", field_kind::string},
    {"sts_endpoint", field_kind::string},     {"max_retries", field_kind::integer},
    {"username_template", field_kind::string}};
  return s;
}

const field_schema& role_schema() {
  static const field_schema s{{"name", field_kind::string},
                              {"credential_type", field_kind::string},
                              {"role_arns", field_kind::comma_string_slice},
                              {"policy_arns", field_kind::comma_string_slice},
                              {"policy_document", field_kind::string},
                              {"iam_groups", field_kind::comma_string_slice},
                              {"iam_tags", field_kind::kv_pairs},
                              {"default_sts_ttl", field_kind::duration},
                              {"max_sts_ttl", field_kind::duration},
                              {"permissions_boundary_arn", field_kind::string},
                              {"arn", field_kind::string},
                              {"policy", field_kind::string},
                              {"user_path", field_kind::string}};
  return s;
}

// pathLeaseWrite: both fields required, each parsed by Go's time.ParseDuration (1.14.0; 1.14.1
// moved to parseutil.ParseDurationSecond).
outcome<api_response> write_lease(aws_engine_state& st, const field_map& fields) {
  const auto text = [&](const char* key) {
    auto it = fields.find(key);
    return it == fields.end() ? std::string{} : it->second;
  };
  const auto lease_text = text("lease");
  const auto max_text = text("lease_max");
  if (lease_text.empty())
    return vault_error::invalid("'lease' is a required parameter");
  if (max_text.empty())
    return vault_error::invalid("'lease_max' is a required parameter");
  std::string err;
  auto lease = parse_go_duration(lease_text, &err);
  if (!lease)
    return vault_error::invalid("Invalid lease: " + err);
  auto lease_max = parse_go_duration(max_text, &err);
  if (!lease_max)
    return vault_error::invalid("Invalid lease_max: " + err);
  st.lease = *lease;
  st.lease_max = *lease_max;
  return no_content();
}

outcome<api_response> on_write(self_ptr self, const logical_write_request& req) {
  auto& st = self->state;
  auto sub = req.path.substr(st.mount.size());
  if (sub == "config/root") {
    if (auto bad = check_fields(req.fields, root_schema(), false))
      return *bad;
    st.root_config = req.fields;
    return no_content();
  }
  if (sub == "config/lease")
    return write_lease(st, req.fields);
  if (auto role = after_prefix(sub, "roles/")) {
    if (auto bad = check_fields(req.fields, role_schema(), false))
      return *bad;
    auto rules = aws_role_from_fields(req.fields);
    if (!rules)
      return rules.error();
    st.roles[*role] = req.fields;
    st.role_rules[*role] = *rules;
    trace_event ev;
    ev.kind = trace_kind::config_written;
    ev.subject = req.path;
    emit(self, st.ctx, std::move(ev));
    return no_content();
  }
  return unsupported();
}

// An IAM user with an access key, deleted when its lease is revoked (secretAccessKeysCreate).
secret_result iam_user_secret(self_ptr self, const std::string& display_name,
                              const std::string& role) {
  auto& st = self->state;
  auto name = aws_iam_name(display_name, role, unix_now(self), st.ids.chars(20, alnum));
  auto& user = st.users[name];
  user = iam_user{}; // a name made again (its random part cut at 64) is a new user
  user.access_key = "AKIA" + st.ids.chars(16, upper_digits);
  user.counted = st.ctx.counting();
  emit(self, st.ctx, trace_kind::credential_created, trace_cause::none, name, [&](trace_event& ev) {
    ev.credential = credential_facts{credential_facts::type::iam_user, user.access_key, {}, 0};
  });
  secret_result out;
  out.data["access_key"] = user.access_key;
  out.data["secret_key"] = st.ids.chars(40, secret_chars);
  out.data["security_token"] = std::monostate{};
  out.ttl = st.lease;
  out.max_ttl = st.lease_max;
  out.credential = user.access_key;
  out.handle = std::move(name);
  return out;
}

// getFederationToken and assumeRole: STS credentials that live `ttl` seconds; the lease has
// the same TTL and cannot be renewed.
outcome<secret_result> sts_secret(self_ptr self, const std::string& display_name,
                                  const std::string& role_name, const aws_role& role,
                                  const field_map& fields, std::int64_t ttl) {
  auto& st = self->state;
  const auto text = [&](const char* key) { return field_text(fields, key); };
  std::string name;
  std::string arn;
  if (role.credential_type == "assumed_role") {
    auto role_arn = text("role_arn");
    if (role_arn.empty()) {
      if (role.role_arns.size() != 1)
        return vault_error::invalid(
          "did not supply a role_arn parameter and unable to determine one");
      role_arn = role.role_arns.front();
    } else if (std::find(role.role_arns.begin(), role.role_arns.end(), role_arn) ==
               role.role_arns.end()) {
      return vault_error::invalid("role_arn " + go_quote(role_arn) +
                                  " not in allowed role arns for Vault role " +
                                  go_quote(role_name));
    }
    // A given role_session_name is normalised as a display name is.
    name = aws_normalize_name(text("role_session_name"));
    if (name.empty())
      name = aws_iam_name(display_name, role_name, unix_now(self), st.ids.chars(20, alnum));
    arn = assumed_role_arn(role_arn, name);
  } else {
    if (role.policy_document.empty() && role.policy_arns.empty())
      return vault_error::invalid("must specify at least one of policy_arns or policy_document "
                                  "with federation_token credential_type");
    name = aws_sts_name(unix_now(self), st.ids.chars(20, alnum));
  }
  iam_user cred;
  cred.access_key = "ASIA" + st.ids.chars(16, upper_digits);
  cred.sts_expiry = sim_now(self, st.ctx) + secs(ttl);
  // A fleet's STS credential is never asked about, nor revoked (AWS ends it): no record.
  if (!st.ctx.counting())
    st.users[name] = cred;
  trace_event ev;
  ev.kind = trace_kind::credential_created;
  ev.subject = name;
  ev.credential =
    credential_facts{credential_facts::type::sts, cred.access_key, role.credential_type, ttl};
  emit(self, st.ctx, std::move(ev));
  secret_result out;
  out.data["access_key"] = cred.access_key;
  out.data["secret_key"] = st.ids.chars(40, secret_chars);
  out.data["security_token"] = "IQoJb3JpZ2luX2Vj" + st.ids.chars(64, secret_chars);
  if (!arn.empty())
    out.data["arn"] = arn;
  out.data["ttl"] = ttl;
  out.ttl = secs(ttl);
  out.renewable = false;
  out.handle = name;
  out.credential = cred.access_key;
  return out;
}

outcome<secret_result> on_read(self_ptr self, const std::string& path,
                               const std::string& display_name, const field_map& fields,
                               sim_duration mount_max) {
  auto& st = self->state;
  auto sub = path.substr(st.mount.size());
  if (auto role = after_prefix(sub, "roles/")) {
    auto r = st.roles.find(*role);
    if (r == st.roles.end())
      return vault_error{404, {}};
    secret_result out;
    for (const auto& [k, v] : r->second)
      out.data[k] = v;
    out.data.try_emplace("credential_type", std::string{"iam_user"});
    return out;
  }
  auto role = after_prefix(sub, "creds/");
  if (!role)
    role = after_prefix(sub, "sts/");
  if (!role)
    return unsupported();
  static const field_schema creds_schema{{"name", field_kind::string},
                                         {"role_arn", field_kind::string},
                                         {"ttl", field_kind::duration},
                                         {"role_session_name", field_kind::string}};
  if (auto bad = check_fields(fields, creds_schema, false))
    return *bad;
  auto rules = st.role_rules.find(*role);
  if (rules == st.role_rules.end())
    return vault_error::invalid("Role " + go_quote(*role) + " not found");
  // Roles written since Vault 0.11 serve both paths; the type decides the credential.
  if (!rules->second.sts())
    return iam_user_secret(self, display_name, *role);
  std::optional<std::int64_t> requested;
  if (auto t = fields.find("ttl"); t != fields.end())
    requested = whole_seconds(field_duration(t->second));
  return sts_secret(self, display_name, *role, rules->second, fields,
                    sts_ttl(rules->second, requested, whole_seconds(mount_max)));
}

} // namespace

logical_engine::behavior_type
aws_engine_actor(logical_engine::stateful_pointer<aws_engine_state> self, sim_context ctx,
                 std::string mount) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.mount = std::move(mount);
  // Each mount draws from its own stream, so mounts don't disturb each other's IDs.
  st.ids = mount_ids(st.ctx.seed, st.mount);
  return {
    [=](write_atom, const logical_write_request& req) -> api_outcome {
      return on_write(self, req);
    },
    [=](read_atom, const engine_read& r) {
      return on_read(self, r.path, r.display_name, r.fields, r.mount_max);
    },
    // The lab lists and deletes no AWS path (roles are written and read).
    [=](list_atom, const std::string&) -> api_outcome {
      return vault_error{404, {std::string{texts::unsupported_path}}};
    },
    [=](delete_path_atom, const std::string&) -> api_outcome {
      return vault_error{405, {std::string{texts::unsupported_path}}};
    },
    // Nothing to clear: the lab keeps no storage view of the AWS mount.
    [=](unmount_atom) { return true; },
    [=](unsecret_atom, const std::string& handle) {
      auto u = self->state.users.find(handle);
      // secretAccessKeysRevoke: an STS credential cannot be revoked; it runs out at AWS.
      if (u != self->state.users.end() && !u->second.deleted && !u->second.sts_expiry) {
        u->second.deleted = true;
        trace_event ev;
        ev.kind = trace_kind::credential_deleted;
        ev.subject = handle;
        ev.credential =
          credential_facts{credential_facts::type::iam_user, u->second.access_key, {}, 0};
        emit(self, self->state.ctx, std::move(ev), u->second.counted);
        // A fleet's credential is never asked about: nothing of it is kept once it is gone.
        if (u->second.counted)
          self->state.users.erase(u);
      }
      return true;
    },
    [=](state_atom, const std::string& key) {
      const auto now = sim_now(self, self->state.ctx);
      for (const auto& [name, user] : self->state.users)
        if (name == key || user.access_key == key)
          return user.deleted || (user.sts_expiry && *user.sts_expiry <= now) ? life_state::deleted
                                                                              : life_state::active;
      return life_state::unknown;
    },
  };
}

} // namespace tokenlab
