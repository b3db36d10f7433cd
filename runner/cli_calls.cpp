#include "runner/cli_calls.hpp"

#include "model/go_text.hpp"
#include "model/kv2.hpp"
#include "model/texts.hpp"

namespace tokenlab {

namespace {

// Path parts of the token endpoints, by how the token is named.
const char* suffix(token_selector by) {
  switch (by) {
    case token_selector::self: return "-self";
    case token_selector::accessor: return "-accessor";
    case token_selector::token: break;
  }
  return "";
}

struct builder {
  const arg_resolver& resolve;
  std::string& why;
  cli_call out;

  bool value(const std::optional<arg>& a, std::string& into) {
    if (!a)
      return true;
    auto v = resolve(*a, why);
    if (!v)
      return false;
    into = *v;
    return true;
  }

  void call(std::string method, std::string path, std::string verb, output_shape shape) {
    out.record.method = std::move(method);
    out.record.path = std::move(path);
    out.record.error_verb = std::move(verb);
    out.record.shape = shape;
  }

  bool operator()(const cmd_login& c) {
    if (c.method == "github") {
      // builtin/credential/github/cli.go: PUT auth/<path>login with the token alone, trimmed.
      login_request req;
      req.mount = "auth/" + c.path;
      for (const auto& [k, a] : c.fields) {
        if (k != "token")
          continue;
        std::string v;
        if (!value(a, v))
          return false;
        req.fields[k] = go_trim_space(v);
      }
      req.path = req.mount + "login";
      out.request.op = req;
      out.login = true;
      call("PUT", req.path, "authenticating", output_shape::auth);
      out.record.login_text = std::string{texts::login_success};
      return true;
    }
    if (c.method != "token") {
      // command/login.go with the userpass CLI handler: POST auth/<path>login/<username>.
      login_request req;
      req.mount = "auth/" + c.path;
      std::string username;
      // builtin/credential/userpass/cli.go reads username (for the path) and password,
      // and sends the password alone: any other pair is dropped by the CLI.
      for (const auto& [k, a] : c.fields) {
        if (k != "username" && k != "password")
          continue;
        std::string v;
        if (!value(a, v))
          return false;
        if (k == "username")
          username = v;
        else
          req.fields[k] = v;
      }
      req.path = req.mount + "login/" + username;
      out.request.op = req;
      out.login = true;
      call("PUT", req.path, "authenticating", output_shape::auth);
      out.record.login_text = std::string{texts::login_success};
      return true;
    }
    token_lookup_request req;
    std::string token;
    if (!value(c.token, token))
      return false;
    out.request.token = token;
    out.request.op = req;
    out.login = true;
    call("GET", "auth/token/lookup-self", "authenticating", output_shape::auth);
    // builtin/credential/token/cli.go wraps the lookup's error before login.go prints it.
    out.record.error_head = std::string{texts::login_lookup_error_head};
    out.record.login_text = std::string{texts::login_success};
    return true;
  }
  bool operator()(const cmd_token_create& c) {
    out.request.op = c.req;
    auto path = !c.req.role.empty()     ? "auth/token/create/" + c.req.role
                : c.req.orphan_endpoint ? std::string{"auth/token/create-orphan"}
                                        : std::string{"auth/token/create"};
    call("POST", path, "creating token", output_shape::auth);
    out.record.raw_field = c.field;
    return true;
  }
  bool operator()(const cmd_token_lookup& c) {
    token_lookup_request req;
    req.by = c.by;
    if (!value(c.value, req.value))
      return false;
    out.request.op = req;
    call(c.by == token_selector::self ? "GET" : "POST",
         std::string{"auth/token/lookup"} + suffix(c.by), "looking up token", output_shape::data);
    return true;
  }
  bool operator()(const cmd_token_renew& c) {
    token_renew_request req;
    req.by = c.by;
    req.increment = c.increment;
    if (!value(c.value, req.value))
      return false;
    out.request.op = req;
    call("PUT", std::string{"auth/token/renew"} + suffix(c.by), "renewing token",
         output_shape::auth);
    return true;
  }
  bool operator()(const cmd_token_revoke& c) {
    if (c.mode == "path") {
      // command/token_revoke.go: client.Sys().RevokePrefix, which sends no body, so the
      // revocation is synchronous (sync defaults to true): every token created under the
      // path, each with its tree.
      lease_revoke_request req;
      req.prefix = true;
      if (!value(c.value, req.lease_id))
        return false;
      out.request.op = req;
      call("PUT", "sys/leases/revoke-prefix/" + req.lease_id, "revoking token",
           output_shape::message);
      out.record.success_text = std::string{texts::revoked_token};
      return true;
    }
    token_revoke_request req;
    req.by = c.by;
    req.orphan_children = c.mode == "orphan";
    if (!value(c.value, req.value))
      return false;
    out.request.op = req;
    auto path = req.orphan_children ? std::string{"auth/token/revoke-orphan"}
                                    : std::string{"auth/token/revoke"} + suffix(c.by);
    call("PUT", path, "revoking token", output_shape::message);
    out.record.success_text = std::string{texts::revoked_token};
    return true;
  }
  bool operator()(const cmd_auth_tune& c) {
    out.request.op = c.req;
    auto shown = c.req.mount.substr(5); // "auth/token/" -> "token/"
    call("PUT", "sys/auth/" + shown + "tune", "tuning auth method " + shown, output_shape::message);
    out.record.success_text = texts::tuned_auth(shown);
    return true;
  }
  bool operator()(const cmd_secrets_enable& c) {
    secrets_enable_request req{c.type, c.path, c.options};
    if (c.version > 0) // command/secrets_enable.go: -version becomes the option `version`
      req.options["version"] = std::to_string(c.version);
    out.request.op = req;
    auto bare = c.path.substr(0, c.path.size() - 1);
    call("POST", "sys/mounts/" + bare, "enabling", output_shape::message);
    out.record.success_text = texts::enabled_secrets(c.type, c.path);
    return true;
  }
  bool operator()(const cmd_write& c) {
    logical_write_request req;
    req.path = c.path;
    for (const auto& [k, a] : c.fields) {
      std::string v;
      if (!value(a, v))
        return false;
      req.fields[k] = v;
    }
    out.request.op = req;
    call("PUT", c.path, "writing data to " + c.path, output_shape::message);
    out.record.success_text = texts::data_written(c.path);
    out.record.raw_field = c.field;
    return true;
  }
  bool operator()(const cmd_read& c) {
    out.request.op = logical_read_request{c.path};
    call("GET", c.path, "reading " + c.path, output_shape::data);
    out.record.not_found_text = "No value found at " + c.path;
    out.record.raw_field = c.field;
    return true;
  }
  bool operator()(const cmd_list& c) {
    out.request.op = logical_list_request{c.path};
    call("LIST", c.path, "listing " + c.path, output_shape::list);
    out.record.not_found_text = "No value found at " + c.path;
    return true;
  }
  bool operator()(const cmd_delete& c) {
    out.request.op = logical_delete_request{c.path};
    call("DELETE", c.path, "deleting " + c.path, output_shape::message);
    out.record.success_text = "Success! Data deleted (if it existed) at: " + c.path;
    return true;
  }
  bool operator()(const cmd_policy_write& c) {
    out.request.op = policy_write_request{c.name, c.text};
    call("PUT", "sys/policies/acl/" + c.name, "uploading policy", output_shape::message);
    out.record.success_text = "Success! Uploaded policy: " + c.name;
    return true;
  }
  bool operator()(const cmd_policy_read& c) {
    out.request.op = policy_read_request{c.name};
    call("GET", "sys/policies/acl/" + c.name, "reading policy named " + c.name, output_shape::data);
    out.record.print_field = "rules";
    // command/policy_read.go: other formats get OutputData(map[string]string{"policy": rules}).
    out.record.print_field_key = "policy";
    out.record.not_found_text = "No policy named: " + c.name;
    return true;
  }
  bool operator()(const cmd_token_capabilities& c) {
    capabilities_request req;
    req.by = c.by;
    req.paths = {c.path};
    if (!value(c.value, req.value))
      return false;
    out.request.op = req;
    auto endpoint = c.by == token_selector::self       ? "sys/capabilities-self"
                    : c.by == token_selector::accessor ? "sys/capabilities-accessor"
                                                       : "sys/capabilities";
    call("POST", endpoint, "listing capabilities", output_shape::data);
    out.record.print_field = "capabilities";
    return true;
  }
  bool operator()(const cmd_lease_revoke& c) {
    lease_revoke_request req;
    req.prefix = c.prefix;
    req.force = c.force;
    req.sync = c.sync;
    if (!value(c.lease_id, req.lease_id))
      return false;
    out.request.op = req;
    // command/lease_revoke.go: -force (with -prefix) warns, then always succeeds loudly;
    // otherwise the revocation is queued unless -sync.
    if (c.force) {
      call("PUT", "sys/leases/revoke-force/" + req.lease_id,
           "force revoking leases with prefix " + req.lease_id, output_shape::message);
      out.record.success_text = std::string{texts::force_revoke_warning} + "\n" +
                                texts::force_revoked_lease_prefix(req.lease_id);
    } else if (c.prefix) {
      call("PUT", "sys/leases/revoke-prefix/" + req.lease_id,
           "revoking leases with prefix " + req.lease_id, output_shape::message);
      out.record.success_text =
        c.sync ? texts::revoked_lease_prefix(req.lease_id) : std::string{texts::revocations_queued};
    } else {
      call("PUT", "sys/leases/revoke", "revoking lease " + req.lease_id, output_shape::message);
      out.record.success_text =
        c.sync ? texts::revoked_lease(req.lease_id) : std::string{texts::revocations_queued};
    }
    return true;
  }
  bool operator()(const cmd_lease_lookup& c) {
    lease_lookup_request req;
    if (!value(c.lease_id, req.lease_id))
      return false;
    out.request.op = req;
    call("PUT", "sys/leases/lookup", "looking up lease", output_shape::data);
    out.record.error_head = "error looking up lease id " + req.lease_id;
    return true;
  }
  bool operator()(const cmd_lease_renew& c) {
    lease_renew_request req;
    req.increment = c.increment;
    if (!value(c.lease_id, req.lease_id))
      return false;
    out.request.op = req;
    call("PUT", "sys/leases/renew", "renewing " + req.lease_id, output_shape::secret);
    return true;
  }
  bool operator()(const cmd_secrets_tune& c) {
    out.request.op = c.req;
    call("PUT", "sys/mounts/" + c.req.mount + "tune", "tuning secrets engine " + c.req.mount,
         output_shape::message);
    out.record.success_text = texts::tuned_secrets(c.req.mount);
    return true;
  }
  bool operator()(const cmd_auth_list& c) {
    out.request.op = auth_list_request{};
    call("GET", "sys/auth", "listing enabled authentications",
         c.detailed ? output_shape::mount_table_detailed : output_shape::mount_table);
    return true;
  }
  bool operator()(const cmd_kv& c) {
    kv_plan plan{c, {}};
    for (const auto& [k, a] : c.fields) {
      std::string v;
      if (!value(a, v))
        return false;
      plan.data[k] = v;
    }
    // kvPreflightVersionRequest: which mount serves the path (with -mount: the mount), and
    // its KV version.
    const auto& asked = c.mount.empty() ? c.path : c.mount;
    out.request.op = logical_read_request{"sys/internal/ui/mounts/" + asked};
    call("GET", "sys/internal/ui/mounts/" + asked, "", output_shape::data);
    out.record.bare_error = true;
    out.kv = std::move(plan);
    return true;
  }
  bool operator()(const cmd_secrets_list& c) {
    out.request.op = logical_read_request{"sys/mounts"};
    call("GET", "sys/mounts", "listing secrets engines",
         c.detailed ? output_shape::secrets_table_detailed : output_shape::secrets_table);
    return true;
  }
  bool operator()(const cmd_secrets_disable& c) {
    out.request.op = logical_delete_request{"sys/mounts/" + c.path};
    call("DELETE", "sys/mounts/" + c.path, "disabling secrets engine at " + c.path,
         output_shape::message);
    out.record.success_text = texts::disabled_secrets(c.path);
    return true;
  }
  bool operator()(const cmd_auth_disable& c) {
    out.request.op = logical_delete_request{"sys/auth/" + c.path};
    call("DELETE", "sys/auth/" + c.path, "disabling auth method at " + c.path,
         output_shape::message);
    out.record.success_text = texts::disabled_auth(c.path);
    return true;
  }
  // `vault operator generate-root` makes several calls: runner/generate_root_cli.hpp.
  bool operator()(const cmd_generate_root&) {
    why = "vault operator generate-root makes its calls through generate_root_call";
    return false;
  }
  bool operator()(const cmd_status&) {
    out.request.op = logical_read_request{"sys/seal-status"};
    call("GET", "sys/seal-status", "checking seal status", output_shape::seal_status);
    return true;
  }
  bool operator()(const cmd_auth_enable& c) {
    out.request.op = auth_enable_request{c.type, c.path};
    auto bare = c.path.substr(0, c.path.size() - 1);
    call("POST", "sys/auth/" + bare, "enabling " + c.type + " auth", output_shape::message);
    out.record.success_text = texts::enabled_auth(c.type, c.path);
    return true;
  }
};

// command/kv_helpers.go addPrefixToKVPath (without namespaces): the API path of `path` on
// `mount` under `prefix` ("data", "metadata", ...), joined as path.Join does.
std::string kv_api_path(const std::string& path, const std::string& mount,
                        const std::string& prefix) {
  const std::string bare = mount.substr(0, mount.size() - 1);
  if (path == mount || path == bare)
    return bare + "/" + prefix;
  const std::string suffix = path.compare(0, mount.size(), mount) == 0 ? path.substr(mount.size())
                                                                        : path;
  return bare + "/" + prefix + (suffix.empty() ? "" : "/" + suffix);
}

void set_call(cli_call& out, std::string method, std::string path, std::string verb,
              output_shape shape) {
  out.record.method = std::move(method);
  out.record.path = std::move(path);
  out.record.error_verb = std::move(verb);
  out.record.shape = shape;
}

// A call the CLI answers with its success line (kv: with the table format only).
void message_call(cli_call& out, std::string method, std::string path, std::string verb,
                  std::string success, bool table_only = true) {
  set_call(out, std::move(method), std::move(path), std::move(verb), output_shape::message);
  out.record.success_text = std::move(success);
  out.record.success_table_only = table_only;
}

// A call whose answer the CLI prints, or `No value found at PATH` for an empty 404.
void read_call(cli_call& out, std::string method, const std::string& path, std::string verb,
               output_shape shape) {
  set_call(out, std::move(method), path, std::move(verb), shape);
  out.record.not_found_text = texts::no_value_found(path);
}

void kv_v1_call(cli_call& out, const kv_plan& plan) {
  const auto& c = plan.cmd;
  const auto& p = c.path;
  switch (c.op) {
    case kv_op::put: {
      logical_write_request w;
      w.path = p;
      w.fields = plan.data;
      out.request.op = w;
      message_call(out, "PUT", p, "writing data to " + p, texts::data_written(p));
      return;
    }
    case kv_op::get:
      out.request.op = logical_read_request{p};
      read_call(out, "GET", p, "reading " + p, output_shape::data);
      out.record.print_field = c.field;
      return;
    case kv_op::del:
      out.request.op = logical_delete_request{p};
      message_call(out, "DELETE", p, "deleting " + p, texts::data_deleted(p));
      return;
    case kv_op::list:
      out.request.op = logical_list_request{p};
      read_call(out, "LIST", p, "listing " + p, output_shape::list);
      return;
    case kv_op::patch: out.record.client_error = std::string{texts::kv_patch_needs_v2}; return;
    case kv_op::undelete: out.record.client_error = texts::kv_v1_unsupported("Undelete"); return;
    case kv_op::destroy: out.record.client_error = texts::kv_v1_unsupported("Destroy"); return;
    case kv_op::metadata_get:
    case kv_op::metadata_put:
    case kv_op::metadata_delete:
      out.record.client_error = texts::kv_v1_unsupported("Metadata");
      return;
  }
}

void kv_v2_call(cli_call& out, const kv_plan& plan, const std::string& mount) {
  const auto& c = plan.cmd;
  const auto data = kv_api_path(c.path, mount, "data");
  const auto metadata = kv_api_path(c.path, mount, "metadata");
  auto write = [&](std::string path, data_map body) {
    logical_write_request w;
    w.path = std::move(path);
    w.body = std::move(body);
    out.request.op = std::move(w);
  };
  auto versions_call = [&](const char* prefix, std::string verb_path, std::string success) {
    const auto path = kv_api_path(c.path, mount, prefix);
    write(path, data_map{{"versions", c.versions}});
    message_call(out, "PUT", path, std::move(verb_path), std::move(success));
  };
  switch (c.op) {
    case kv_op::put: {
      std::map<std::string, std::string> options;
      if (c.cas)
        options["cas"] = std::to_string(*c.cas);
      write(data, data_map{{"data", plan.data}, {"options", options}});
      set_call(out, "PUT", data, "writing data to " + data, output_shape::kv_secret);
      out.record.success_text = texts::data_written(data);
      out.record.success_table_only = true;
      return;
    }
    case kv_op::patch: {
      // KVPatchCommand.Run: the method is checked once the mount is known to be version 2.
      if (!c.method.empty() && c.method != "patch" && c.method != "rw") {
        out.record.client_error = texts::kv_patch_bad_method(c.method);
        return;
      }
      if (c.method == "rw") {
        out = kv_patch_read(data);
        return;
      }
      // mergePatch: PATCH with {"data": {…}, "options": {}}, cas only when -cas > 0.
      std::map<std::string, std::string> options;
      if (c.cas)
        options["cas"] = std::to_string(*c.cas);
      write(data, data_map{{"data", plan.data}, {"options", options}});
      std::get<logical_write_request>(out.request.op).patch = true;
      set_call(out, "PATCH", data, "writing data to " + data, output_shape::kv_secret);
      out.record.success_text = texts::data_written(data);
      out.record.success_table_only = true;
      // api/logical.go write(): a 404 with no body is no secret and no error, so the CLI
      // prints its success line (the secret does not exist: nothing was written).
      out.record.not_found_text = texts::data_written(data);
      return;
    }
    case kv_op::get: {
      logical_read_request r{data};
      std::string url = data;
      if (c.version > 0) {
        r.params["version"] = std::to_string(c.version);
        url += "?version=" + std::to_string(c.version);
      }
      out.request.op = r;
      read_call(out, "GET", data, "reading " + data, output_shape::kv_secret);
      out.record.path = url;
      out.record.not_found_text = texts::no_value_found(data);
      out.record.print_field = c.field;
      return;
    }
    case kv_op::del:
      if (!c.versions.empty()) {
        versions_call("delete", "deleting " + data, texts::data_deleted(data));
        return;
      }
      out.request.op = logical_delete_request{data};
      message_call(out, "DELETE", data, "deleting " + data, texts::data_deleted(data));
      return;
    case kv_op::undelete: {
      const auto path = kv_api_path(c.path, mount, "undelete");
      versions_call("undelete", "writing data to " + path, texts::data_written(path));
      return;
    }
    case kv_op::destroy: {
      const auto path = kv_api_path(c.path, mount, "destroy");
      versions_call("destroy", "writing data to " + path, texts::data_written(path));
      return;
    }
    case kv_op::list:
      out.request.op = logical_list_request{metadata};
      read_call(out, "LIST", metadata, "listing " + metadata, output_shape::list);
      return;
    case kv_op::metadata_get:
      out.request.op = logical_read_request{metadata};
      read_call(out, "GET", metadata, "reading " + metadata, output_shape::kv_metadata);
      return;
    case kv_op::metadata_put: {
      data_map body;
      if (c.max_versions)
        body["max_versions"] = *c.max_versions;
      if (c.delete_version_after)
        body["delete_version_after"] = kv2::go_duration_string(*c.delete_version_after);
      if (c.cas_required)
        body["cas_required"] = *c.cas_required;
      if (!c.custom_metadata.empty())
        body["custom_metadata"] = c.custom_metadata;
      write(metadata, std::move(body));
      message_call(out, "PUT", metadata, "writing data to " + metadata,
                   texts::data_written(metadata));
      return;
    }
    case kv_op::metadata_delete: // prints its line whatever the format
      out.request.op = logical_delete_request{metadata};
      message_call(out, "DELETE", metadata, "deleting " + metadata, texts::data_deleted(metadata),
                   false);
      return;
  }
}

} // namespace

cli_call kv_patch_read(const std::string& data_path) {
  cli_call out;
  out.request.op = logical_read_request{data_path};
  read_call(out, "GET", data_path, "", output_shape::kv_secret);
  out.record.error_head = texts::kv_patch_preread_head(data_path);
  return out;
}

cli_call kv_patch_write(const kv_plan& plan, const std::string& data_path,
                        const api_response& read) {
  cli_call out;
  // readThenWrite: the secret's data and metadata must be there.
  const field_object* meta = nullptr;
  const field_object* data = nullptr;
  if (read.data) {
    if (auto m = read.data->find("metadata"); m != read.data->end())
      meta = std::get_if<field_object>(&m->second);
    if (auto d = read.data->find("data"); d != read.data->end())
      data = std::get_if<field_object>(&d->second);
  }
  if (meta == nullptr || data == nullptr) {
    out.record.client_error = texts::kv_patch_no_data(data_path);
    return out;
  }
  std::map<std::string, std::string> merged;
  for (const auto& [k, v] : data->get())
    if (const auto* text = std::get_if<std::string>(&v))
      merged[k] = *text;
  for (const auto& [k, v] : plan.data)
    merged[k] = v;
  std::map<std::string, std::string> options;
  if (auto v = meta->get().find("version"); v != meta->get().end())
    if (const auto* n = std::get_if<std::int64_t>(&v->second))
      options["cas"] = std::to_string(*n); // the read's version: a write-after-read check
  logical_write_request w;
  w.path = data_path;
  w.body = data_map{{"data", merged}, {"options", options}};
  out.request.op = std::move(w);
  set_call(out, "PUT", data_path, "writing data to " + data_path, output_shape::kv_secret);
  out.record.success_text = texts::data_written(data_path);
  out.record.success_table_only = true;
  return out;
}

namespace {

cli_call kv_call_on(const kv_plan& plan, const std::string& mount, bool v2) {
  cli_call out;
  if (v2)
    kv_v2_call(out, plan, mount);
  else
    kv_v1_call(out, plan);
  return out;
}

} // namespace

cli_call kv_call(const kv_plan& plan, const std::string& mount, bool v2) {
  cli_call out;
  if (!plan.cmd.mount.empty()) {
    // With -mount, the path is under the mount the preflight named: path.Join(mountPath,
    // partialPath) (kv_get.go and the others, for v1 and v2 alike).
    auto joined = plan;
    auto& p = joined.cmd.path;
    std::string bare = mount;
    if (!bare.empty() && bare.back() == '/')
      bare.pop_back();
    p = p.empty() ? bare : bare + "/" + p;
    return kv_call_on(joined, mount, v2);
  }
  return kv_call_on(plan, mount, v2);
}

std::optional<cli_call> make_cli_call(const vault_command& cmd, const arg_resolver& resolve,
                                      std::string& why) {
  builder b{resolve, why, {}};
  if (!std::visit(b, cmd))
    return std::nullopt;
  return std::move(b.out);
}

} // namespace tokenlab
