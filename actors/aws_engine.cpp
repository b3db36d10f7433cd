#include "actors/aws_engine.hpp"

#include "actors/messages.hpp"
#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/fields.hpp"
#include "model/go_text.hpp"

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<aws_engine_state>*;

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

// Vault's default IAM user name template: vault-<display name>-<role>-<unix time>-<20 random>,
// each part truncated to 42 characters and the whole to 64.
std::string user_name(self_ptr self, const std::string& display_name, const std::string& role) {
  auto& st = self->state;
  auto unix_now = unix_seconds(sim_now(self, st.ctx), st.ctx.epoch_unix);
  auto name = "vault-" + display_name.substr(0, 42) + "-" + role.substr(0, 42) + "-" +
              std::to_string(unix_now) + "-" + st.ids.chars(20, alnum);
  return name.substr(0, 64);
}

// The paths' schemas (builtin/logical/aws path_config_root.go, path_config_lease.go,
// path_roles.go): the framework converts the typed fields before the handler runs.
const field_schema& root_schema() {
  static const field_schema s{{"access_key", field_kind::string},
                              {"secret_key", field_kind::string},
                              {"region", field_kind::string},
                              {"iam_endpoint", field_kind::string},
                              {"sts_endpoint", field_kind::string},
                              {"max_retries", field_kind::integer},
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
    auto type = req.fields.find("credential_type");
    if (type != req.fields.end() && type->second != "iam_user")
      return vault_error::invalid("credential_type \"" + type->second +
                                  "\" is not modelled by tokenlab yet (iam_user is)");
    st.roles[*role] = req.fields;
    trace_event ev;
    ev.kind = trace_kind::config_written;
    ev.subject = req.path;
    emit(self, st.ctx, std::move(ev));
    return no_content();
  }
  return unsupported();
}

outcome<secret_result> on_read(self_ptr self, const std::string& path,
                               const std::string& display_name) {
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
    return unsupported();
  if (st.roles.count(*role) == 0)
    return vault_error::invalid("Role " + go_quote(*role) + " not found");
  auto name = user_name(self, display_name, *role);
  iam_user user;
  user.access_key = "AKIA" + st.ids.chars(16, upper_digits);
  st.users[name] = user;
  trace_event ev;
  ev.kind = trace_kind::credential_created;
  ev.subject = name;
  ev.detail = "IAM user with access key " + user.access_key;
  emit(self, st.ctx, std::move(ev));
  secret_result out;
  out.data["access_key"] = user.access_key;
  out.data["secret_key"] = st.ids.chars(40, secret_chars);
  out.data["security_token"] = std::monostate{};
  out.ttl = st.lease;
  out.max_ttl = st.lease_max;
  out.handle = name;
  out.credential = user.access_key;
  return out;
}

} // namespace

caf::behavior aws_engine_actor(caf::stateful_actor<aws_engine_state>* self, sim_context ctx,
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
    [=](read_atom, const std::string& path, const std::string& display_name) {
      return on_read(self, path, display_name);
    },
    [=](unsecret_atom, const std::string& handle) {
      auto u = self->state.users.find(handle);
      if (u != self->state.users.end() && !u->second.deleted) {
        u->second.deleted = true;
        trace_event ev;
        ev.kind = trace_kind::credential_deleted;
        ev.subject = handle;
        ev.detail = "IAM user and its access key " + u->second.access_key + " deleted";
        emit(self, self->state.ctx, std::move(ev));
      }
      return true;
    },
    [=](state_atom, const std::string& key) {
      for (const auto& [name, user] : self->state.users)
        if (name == key || user.access_key == key)
          return user.deleted ? life_state::deleted : life_state::active;
      return life_state::unknown;
    },
  };
}

} // namespace tokenlab
