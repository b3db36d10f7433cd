#include "reports/cli_output.hpp"

#include "model/mount_table.hpp"
#include "model/secrets_table.hpp"

#include "reports/fixture.test.hpp"
#include "reports/go_format.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

vault_call_record table_call(api_response r, output_shape shape) {
  vault_call_record c;
  c.method = "POST";
  c.path = "auth/token/create";
  c.error_verb = "creating token";
  c.shape = shape;
  c.result = std::move(r);
  return c;
}

} // namespace

TEST_CASE("a token create prints the auth table of the Vault CLI", "[cli]") {
  api_response r;
  r.auth = fixture::token_auth(2764800);
  CHECK(render_cli_output(table_call(r, output_shape::auth)) == R"(Key                  Value
---                  -----
token                hvs.nCwMAHonqaMiyqRi0liT8Lee
token_accessor       ntL634hzE0CtQnyCIqkxSa82
token_duration       768h
token_renewable      true
token_policies       ["default"]
identity_policies    []
policies             ["default"]
)");
}

TEST_CASE("a root token's duration prints as infinity and its metadata sorted", "[cli]") {
  api_response r;
  r.auth = fixture::token_auth(0);
  r.auth->renewable = false;
  auto& token = r.auth->own_token();
  token.policies = {"root"};
  token.meta = {{"user", "armon"}, {"team", ""}};
  CHECK(render_cli_output(table_call(r, output_shape::auth)) == R"(Key                  Value
---                  -----
token                hvs.nCwMAHonqaMiyqRi0liT8Lee
token_accessor       ntL634hzE0CtQnyCIqkxSa82
token_duration       ∞
token_renewable      false
token_policies       ["root"]
identity_policies    []
policies             ["root"]
token_meta_team      n/a
token_meta_user      armon
)");
}

TEST_CASE("a token lookup prints the data table of spec 7.3", "[cli]") {
  api_response r;
  r.data = data_map{
    {"accessor", std::string{"ntL634hzE0CtQnyCIqkxSa82"}},
    {"creation_time", std::int64_t{1704067200}},
    {"creation_ttl", std::int64_t{2764800}},
    {"display_name", std::string{"token"}},
    {"entity_id", std::string{}},
    {"expire_time", std::string{"2024-02-02T00:00:00.123456789Z"}},
    {"explicit_max_ttl", std::int64_t{0}},
    {"id", std::string{"hvs.CAESI…"}},
    {"issue_time", std::string{"2024-01-01T00:00:00.123456789Z"}},
    {"meta", std::monostate{}},
    {"num_uses", std::int64_t{0}},
    {"orphan", false},
    {"path", std::string{"auth/token/create"}},
    {"policies", std::vector<std::string>{"default", "foo"}},
    {"renewable", true},
    {"ttl", std::int64_t{2764792}},
    {"type", std::string{"service"}},
  };
  vault_call_record c = table_call(r, output_shape::data);
  CHECK(render_cli_output(c) == R"(Key                 Value
---                 -----
accessor            ntL634hzE0CtQnyCIqkxSa82
creation_time       1704067200
creation_ttl        768h
display_name        token
entity_id           n/a
expire_time         2024-02-02T00:00:00.123456789Z
explicit_max_ttl    0s
id                  hvs.CAESI…
issue_time          2024-01-01T00:00:00.123456789Z
meta                <nil>
num_uses            0
orphan              false
path                auth/token/create
policies            [default foo]
renewable           true
ttl                 767h59m52s
type                service
)");
}

TEST_CASE("a leased read prints lease rows before the data, maps as Go prints them", "[cli]") {
  api_response r;
  r.lease_id = "aws/creds/deploy/AbCdEfGhIjKlMnOpQrStUvWx";
  r.lease_duration = 3600;
  r.renewable = true;
  r.data = data_map{{"access_key", std::string{"AKIAEXAMPLE"}},
                    {"labels", std::map<std::string, std::string>{{"b", "2"}, {"a", "1"}}},
                    {"security_token", std::monostate{}}};
  CHECK(render_cli_output(table_call(r, output_shape::secret)) == R"(Key                Value
---                -----
lease_id           aws/creds/deploy/AbCdEfGhIjKlMnOpQrStUvWx
lease_duration     1h
lease_renewable    true
access_key         AKIAEXAMPLE
labels             map[a:1 b:2]
security_token     <nil>
)");
}

TEST_CASE("a failed renewal prints Vault's error block", "[cli]") {
  vault_call_record c;
  c.method = "PUT";
  c.path = "auth/token/renew";
  c.error_verb = "renewing token";
  c.shape = output_shape::auth;
  c.result = vault_error::internal("past the max TTL, cannot renew");
  const std::string expected = R"(Error renewing token: Error making API request.

URL: PUT http://127.0.0.1:8200/v1/auth/token/renew
Code: 500. Errors:

* past the max TTL, cannot renew
)";
  CHECK(render_cli_output(c) == expected);
  c.json = true;
  CHECK(render_cli_output(c) == expected);
}

TEST_CASE("a request the server never answered prints the client's url.Error", "[cli]") {
  vault_call_record c;
  c.method = "PUT";
  c.path = "sys/leases/renew";
  c.error_verb = "renewing leased/app/db/abc";
  c.shape = output_shape::secret;
  c.result = vault_error{0, {"EOF"}};
  const std::string expected =
    "Error renewing leased/app/db/abc: Put \"http://127.0.0.1:8200/v1/sys/leases/renew\": EOF\n";
  CHECK(render_cli_output(c) == expected);
  c.json = true;
  CHECK(render_cli_output(c) == expected);
  c.error_head = "Error writing data to sys/leases/renew";
  CHECK(render_cli_output(c) == "Error writing data to sys/leases/renew: Put "
                                "\"http://127.0.0.1:8200/v1/sys/leases/renew\": EOF\n");
}

TEST_CASE("a capped TTL warning is wrapped at 76 columns as the CLI wraps it", "[cli]") {
  CHECK(render_cli_warnings({"TTL of \"784h\" exceeded the effective max_ttl of \"775h56m31s\"; "
                             "TTL value is capped accordingly"}) ==
        R"(WARNING! The following warnings were returned from Vault:

  * TTL of "784h" exceeded the effective max_ttl of "775h56m31s"; TTL value is
  capped accordingly

)");
}

TEST_CASE("a short warning fits on one line and precedes the table", "[cli]") {
  api_response r;
  r.warnings = {"Policy \"web\" does not exist"};
  r.auth = fixture::token_auth(3600);
  const std::string out = render_cli_output(table_call(r, output_shape::auth));
  CHECK(out.rfind(R"(WARNING! The following warnings were returned from Vault:

  * Policy "web" does not exist

Key                  Value
---                  -----
token                hvs.nCwMAHonqaMiyqRi0liT8Lee
)",
                  0) == 0);
}

TEST_CASE("the word wrap minimises raggedness like kr/text", "[cli]") {
  // Greedy filling gives "aaa bb" / "cc" / "ddddd" (slack 0 + 16); kr/text balances the
  // lines to "aaa" / "bb cc" / "ddddd" (slack 9 + 1); the last line costs nothing.
  CHECK(go::wrap("aaa bb cc ddddd", 6) == std::vector<std::string>{"aaa", "bb cc", "ddddd"});
  CHECK(go::wrap("one", 10) == std::vector<std::string>{"one"});
  CHECK(go::wrap("a  b", 10) == std::vector<std::string>{"a  b"});
}

TEST_CASE("a token create with -format=json prints api.Secret as Go indents it", "[cli]") {
  api_response r;
  r.request_id = "6e0c4b0a-8bf1-4f8e-9a0e-4b1f2c3d4e5f";
  r.auth = fixture::token_auth(2764800);
  r.auth->own_token().meta = {{"user", "<armon&co>"}};
  vault_call_record c = table_call(r, output_shape::auth);
  c.json = true;
  CHECK(render_cli_output(c) == R"({
  "request_id": "6e0c4b0a-8bf1-4f8e-9a0e-4b1f2c3d4e5f",
  "lease_id": "",
  "lease_duration": 0,
  "renewable": false,
  "data": null,
  "warnings": null,
  "auth": {
    "client_token": "hvs.nCwMAHonqaMiyqRi0liT8Lee",
    "accessor": "ntL634hzE0CtQnyCIqkxSa82",
    "policies": [
      "default"
    ],
    "token_policies": [
      "default"
    ],
    "identity_policies": null,
    "metadata": {
      "user": "\u003carmon\u0026co\u003e"
    },
    "orphan": false,
    "entity_id": "",
    "lease_duration": 2764800,
    "renewable": true,
    "mfa_requirement": null
  }
}
)");
}

TEST_CASE("message-shaped commands print their success line", "[cli]") {
  api_response none;
  none.status = 204;
  vault_call_record c = table_call(none, output_shape::message);
  c.success_text = "Success! Revoked token (if it existed)";
  CHECK(render_cli_output(c) == "Success! Revoked token (if it existed)\n");
  c.json = true;
  CHECK(render_cli_output(c) == "Success! Revoked token (if it existed)\n");
  // vault write prints its line only with the table format.
  c.success_text = "Success! Data written to: aws/roles/deploy";
  CHECK(render_cli_output(c).empty());
  c.json = false;
  CHECK(render_cli_output(c) == "Success! Data written to: aws/roles/deploy\n");
}

TEST_CASE("a queued revocation written with vault write (202, no body) prints the write's line",
          "[cli]") {
  api_response queued;
  queued.status = 202;
  vault_call_record c = table_call(queued, output_shape::message);
  c.success_text = "Success! Data written to: sys/revoke/aws/creds/deploy/x";
  CHECK(render_cli_output(c) == "Success! Data written to: sys/revoke/aws/creds/deploy/x\n");
  c.json = true;
  CHECK(render_cli_output(c).empty());
}

TEST_CASE("vault login prints its banner, a blank line, then the auth table", "[cli]") {
  api_response r;
  r.auth = fixture::token_auth(2764800);
  vault_call_record c = table_call(r, output_shape::auth);
  c.login_text = "Success! You are now authenticated.";
  const std::string out = render_cli_output(c);
  CHECK(out.rfind("Success! You are now authenticated.\n\nKey                  Value\n", 0) == 0);
}

TEST_CASE("a write that returns a body prints it like a read", "[cli]") {
  api_response r;
  r.data = data_map{{"token_ttl", std::int64_t{3600}}};
  vault_call_record c = table_call(r, output_shape::message);
  c.success_text = "Success! Data written to: auth/token/roles/app";
  CHECK(render_cli_output(c) == "Key          Value\n---          -----\ntoken_ttl    1h\n");
}

TEST_CASE("vault auth list prints the mount table with Vault's columns", "[cli]") {
  id_source ids{7, id_stream::mount_table};
  auto token = new_auth_mount(ids, "token/", "token", "token based credentials");
  auto people = new_auth_mount(ids, "people/", "userpass", "");
  people.tune.max_lease_ttl = std::chrono::hours(2);
  api_response r;
  r.data = auth_list_data({people, token});
  vault_call_record c = table_call(r, output_shape::mount_table);
  c.method = "GET";
  c.path = "sys/auth";
  const std::string simple = render_cli_output(c);
  CHECK(simple ==
        "Path       Type        Accessor                  Description                Version\n"
        "----       ----        --------                  -----------                -------\n"
        "people/    userpass    " +
          people.accessor +
          "    n/a                        n/a\n"
          "token/     token       " +
          token.accessor + "       token based credentials    n/a\n");
  c.shape = output_shape::mount_table_detailed;
  const std::string detailed = render_cli_output(c);
  CHECK(detailed.rfind("Path       Plugin      Accessor                  Default TTL    Max TTL    "
                       "Token Type         Replication    Seal Wrap    External Entropy Access    "
                       "Options    Description                UUID",
                       0) == 0);
  CHECK(
    detailed.find("people/    userpass    " + people.accessor +
                  "    system         7200       default-service    replicated     false        "
                  "false                      map[]      n/a                        " +
                  people.uuid +
                  "    n/a        v1.14.0+builtin.vault    n/a               "
                  "supported\n") != std::string::npos);
}

TEST_CASE("vault auth list -format=json prints api.MountOutput per path, agreeing with the table",
          "[cli]") {
  id_source ids{7, id_stream::mount_table};
  auto token = new_auth_mount(ids, "token/", "token", "token based credentials");
  auto people = new_auth_mount(ids, "people/", "userpass", "");
  people.tune.max_lease_ttl = std::chrono::hours(2);
  people.tune.token_type = "batch";
  api_response r;
  r.data = auth_list_data({people, token});
  // -detailed changes nothing: OutputData gets the mounts themselves.
  vault_call_record c = table_call(r, output_shape::mount_table_detailed);
  c.json = true;
  CHECK(render_cli_output(c) == R"({
  "people/": {
    "uuid": ")" + people.uuid + R"(",
    "type": "userpass",
    "description": "",
    "accessor": ")" + people.accessor + R"(",
    "config": {
      "default_lease_ttl": 0,
      "max_lease_ttl": 7200,
      "force_no_cache": false,
      "token_type": "batch"
    },
    "options": null,
    "local": false,
    "seal_wrap": false,
    "external_entropy_access": false,
    "plugin_version": "",
    "running_plugin_version": "v1.14.0+builtin.vault",
    "running_sha256": "",
    "deprecation_status": "supported"
  },
  "token/": {
    "uuid": ")" + token.uuid + R"(",
    "type": "token",
    "description": "token based credentials",
    "accessor": ")" + token.accessor + R"(",
    "config": {
      "default_lease_ttl": 0,
      "max_lease_ttl": 0,
      "force_no_cache": false,
      "token_type": "default-service"
    },
    "options": null,
    "local": false,
    "seal_wrap": false,
    "external_entropy_access": false,
    "plugin_version": "",
    "running_plugin_version": "v1.14.0+builtin.vault",
    "running_sha256": "",
    "deprecation_status": ""
  }
}
)");
  c.yaml = true;
  CHECK(render_cli_output(c).find(R"(token/:
  accessor: )" + token.accessor + R"(
  config:
    default_lease_ttl: 0
    force_no_cache: false
    max_lease_ttl: 0
    token_type: default-service
  deprecation_status: ""
  description: token based credentials
  external_entropy_access: false
  local: false
  options: null
  plugin_version: ""
  running_plugin_version: v1.14.0+builtin.vault
  running_sha256: ""
  seal_wrap: false
  type: token
  uuid: )" + token.uuid + "\n") != std::string::npos);
}

TEST_CASE("vault secrets list -format=json: options, local and seal_wrap from the mount table",
          "[cli]") {
  auto rows = builtin_secrets_mounts(7);
  rows.push_back(new_secrets_mount(7, "secret/", "kv", "key/value secret storage",
                                   {{"version", "2"}}));
  api_response r;
  r.data = secrets_list_data(rows);
  vault_call_record c = table_call(r, output_shape::secrets_table);
  c.json = true;
  const auto out = render_cli_output(c);
  // The cubbyhole is local, sys/ seal-wrapped; a secrets engine's config has no token_type.
  CHECK(out.find(R"("type": "cubbyhole",)") != std::string::npos);
  CHECK(out.find(R"(    "local": true,
    "seal_wrap": false,)") != std::string::npos);
  CHECK(out.find(R"(    "local": false,
    "seal_wrap": true,)") != std::string::npos);
  CHECK(out.find(R"(    "config": {
      "default_lease_ttl": 0,
      "max_lease_ttl": 0,
      "force_no_cache": false
    },
    "options": {
      "version": "2"
    },)") != std::string::npos);
  CHECK(out.find("token_type") == std::string::npos);
  CHECK(out.find(R"("running_plugin_version": "v0.15.0+builtin",)") != std::string::npos);
}

namespace {

api_response dev_seal_status() {
  api_response r;
  r.data = data_map{{"type", std::string{"shamir"}},
                    {"initialized", true},
                    {"sealed", false},
                    {"t", std::int64_t{1}},
                    {"n", std::int64_t{1}},
                    {"progress", std::int64_t{0}},
                    {"nonce", std::string{}},
                    {"version", std::string{"1.14.0"}},
                    {"build_date", std::string{"2023-06-19T11:40:09Z"}},
                    {"migration", false},
                    {"cluster_name", std::string{"vault-cluster-5a1c2b3d"}},
                    {"cluster_id", std::string{"5a1c2b3d-0000-4000-8000-000000000001"}},
                    {"recovery_seal", false},
                    {"storage_type", std::string{"inmem"}},
                    {"ha_enabled", false}};
  return r;
}

} // namespace

TEST_CASE("vault status -format=json and yaml: SealStatusOutput, the zero active time when no HA",
          "[cli]") {
  vault_call_record c = table_call(dev_seal_status(), output_shape::seal_status);
  c.json = true;
  CHECK(render_cli_output(c) == R"({
  "type": "shamir",
  "initialized": true,
  "sealed": false,
  "t": 1,
  "n": 1,
  "progress": 0,
  "nonce": "",
  "version": "1.14.0",
  "build_date": "2023-06-19T11:40:09Z",
  "migration": false,
  "cluster_name": "vault-cluster-5a1c2b3d",
  "cluster_id": "5a1c2b3d-0000-4000-8000-000000000001",
  "recovery_seal": false,
  "storage_type": "inmem",
  "ha_enabled": false,
  "active_time": "0001-01-01T00:00:00Z"
}
)");
  c.yaml = true;
  CHECK(render_cli_output(c) == R"(active_time: "0001-01-01T00:00:00Z"
build_date: "2023-06-19T11:40:09Z"
cluster_id: 5a1c2b3d-0000-4000-8000-000000000001
cluster_name: vault-cluster-5a1c2b3d
ha_enabled: false
initialized: true
migration: false
"n": 1
nonce: ""
progress: 0
recovery_seal: false
sealed: false
storage_type: inmem
t: 1
type: shamir
version: 1.14.0
)");
}

TEST_CASE("vault status -format=json on a performance standby: the HA fields that are set",
          "[cli]") {
  api_response r = dev_seal_status();
  auto& d = *r.data;
  d["ha_enabled"] = true;
  d["is_self"] = false;
  d["leader_address"] = std::string{"http://active:8200"};
  d["leader_cluster_address"] = std::string{"https://active:8201"};
  d["performance_standby"] = true;
  d["performance_standby_last_remote_wal"] = std::int64_t{0};
  vault_call_record c = table_call(r, output_shape::seal_status);
  c.json = true;
  const auto out = render_cli_output(c);
  CHECK(out.find(R"(  "ha_enabled": true,
  "active_time": "0001-01-01T00:00:00Z",
  "leader_address": "http://active:8200",
  "leader_cluster_address": "https://active:8201",
  "performance_standby": true
})") != std::string::npos);
  CHECK(out.find("is_self") == std::string::npos); // false: omitted
}

TEST_CASE("with -format=yaml the CLI prints the same api.Secret as YAML, trimmed, and -field "
          "as it is",
          "[cli]") {
  api_response r;
  r.request_id = "5e0d-1";
  r.auth = fixture::token_auth(2764800);
  r.warnings = {"Endpoint ignored these unrecognized parameters: [x]"};
  vault_call_record c = table_call(r, output_shape::auth);
  c.json = true;
  c.yaml = true;
  CHECK(render_cli_output(c) == R"(auth:
  accessor: ntL634hzE0CtQnyCIqkxSa82
  client_token: hvs.nCwMAHonqaMiyqRi0liT8Lee
  entity_id: ""
  identity_policies: null
  lease_duration: 2764800
  metadata: null
  mfa_requirement: null
  orphan: false
  policies:
  - default
  renewable: true
  token_policies:
  - default
data: null
lease_duration: 0
lease_id: ""
renewable: false
request_id: 5e0d-1
warnings:
- 'Endpoint ignored these unrecognized parameters: [x]'
)");
  c.raw_field = "policies";
  CHECK(render_cli_output(c) == "- default\n\n");
  api_response none;
  none.status = 204;
  vault_call_record empty = table_call(none, output_shape::data);
  empty.json = true;
  empty.yaml = true;
  CHECK(render_cli_output(empty) == "null\n");
}

TEST_CASE("vault policy read with a non-table format prints a map of the policy", "[cli]") {
  api_response r;
  r.data = data_map{{"name", std::string{"p"}},
                    {"rules", std::string{"path \"x\" {\n  capabilities = [\"read\"]\n}\n"}}};
  vault_call_record c = table_call(r, output_shape::data);
  c.print_field = "rules";
  c.print_field_key = "policy";
  CHECK(render_cli_output(c) == "path \"x\" {\n  capabilities = [\"read\"]\n}\n");
  c.json = true;
  CHECK(render_cli_output(c) ==
        "{\n  \"policy\": \"path \\\"x\\\" {\\n  capabilities = [\\\"read\\\"]\\n}\\n\"\n}\n");
  c.yaml = true;
  CHECK(render_cli_output(c) ==
        "policy: |\n  path \"x\" {\n    capabilities = [\"read\"]\n  }\n");
}

TEST_CASE("the CLI's warning about flags after an argument comes first, in the table format",
          "[cli]") {
  api_response none;
  none.status = 204;
  vault_call_record c = table_call(none, output_shape::message);
  c.success_text = "Success! Data written to: secret/x";
  c.flag_warning = "Command flags must be provided before positional arguments. The following "
                   "arguments will not be parsed as flags: [-x=y]";
  CHECK(render_cli_output(c) == c.flag_warning + "\nSuccess! Data written to: secret/x\n");
  vault_call_record failed = c;
  failed.result = vault_error{403, {"permission denied"}};
  CHECK(render_cli_output(failed).rfind(c.flag_warning + "\nError creating token: ", 0) == 0);
  c.json = true; // Vault warns only when the format is table
  CHECK(render_cli_output(c).empty());
}

TEST_CASE("the -field flag prints one value as PrintRawField does: auth fields by their table names", "[cli]") {
  api_response r;
  r.auth = fixture::token_auth(2764800);
  r.data = data_map{{"extra", field_value{std::string{"x"}}}, {"none", field_value{}}};
  auto field = [&](std::string name, bool json = false) {
    auto c = table_call(r, output_shape::auth);
    c.raw_field = std::move(name);
    c.json = json;
    return render_cli_output(c);
  };
  CHECK(field("token") == "hvs.nCwMAHonqaMiyqRi0liT8Lee\n");
  CHECK(field("token_duration") == "2764800\n"); // seconds, not the table's 768h
  CHECK(field("policies") == "[default]\n");
  CHECK(field("identity_policies") == "[]\n"); // a nil slice is not nil in an interface
  CHECK(field("extra") == "x\n");
  CHECK(field("policies", true) == "[\n  \"default\"\n]\n");
  CHECK(field("none") == "Field \"none\" not present in secret\n");
  CHECK(field("lease_id") == "Field \"lease_id\" not present in secret\n");
}

TEST_CASE("the -field flag on a secret: its lease fields, and data as a whole", "[cli]") {
  api_response r;
  r.lease_id = "aws/creds/r/abc";
  r.lease_duration = 3600;
  r.data = data_map{{"access_key", field_value{std::string{"AKIA"}}}};
  auto field = [&](std::string name) {
    auto c = table_call(r, output_shape::data);
    c.raw_field = std::move(name);
    return render_cli_output(c);
  };
  CHECK(field("lease_id") == "aws/creds/r/abc\n");
  CHECK(field("lease_duration") == "3600\n");
  CHECK(field("renewable") == "false\n");
  CHECK(field("data") == "map[access_key:AKIA]\n");
  // A write that answers 204 prints its success line, whatever -field says.
  api_response none;
  none.status = 204;
  auto c = table_call(none, output_shape::message);
  c.raw_field = "x";
  c.success_text = "Success! Data written to: a/b";
  CHECK(render_cli_output(c) == "Success! Data written to: a/b\n");
}
