// The KV v2 commands' output, after command/kv_helpers.go and kv_get.go.

#include "reports/kv_output.hpp"

#include "reports/cli_output.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

TEST_CASE("padEqualSigns: the header centred in runs of '=', at least two a side, even") {
  CHECK(pad_equal_signs("Secret Path", 15) == "= Secret Path =");         // secret/data/app
  CHECK(pad_equal_signs("Secret Path", 17) == "== Secret Path ==");       // secret/data/creds
  CHECK(pad_equal_signs("Secret Path", 18) == "=== Secret Path ===");     // odd: one more
  CHECK(pad_equal_signs("Metadata Path", 5) == "== Metadata Path ==");    // too short: 4
  CHECK(pad_equal_signs("Data", 12) == "=== Data ===");
}

TEST_CASE("getHeaderForMap: as wide as the map's table") {
  const data_map metadata{{"created_time", std::string{}}, {"custom_metadata", field_value{}},
                          {"deletion_time", std::string{}}, {"destroyed", false},
                          {"version", std::int64_t{1}}};
  CHECK(header_for_map("Metadata", metadata) == "======= Metadata =======");
  CHECK(header_for_map("Data", data_map{{"password", std::string{"x"}}}) ==
        "====== Data ======");
  CHECK(header_for_map("Data", data_map{}) == "== Data ==");
}

TEST_CASE("a list in JSON is its keys alone, as OutputList hands them to the formatter") {
  vault_call_record call;
  call.method = "LIST";
  call.path = "secret/metadata";
  call.shape = output_shape::list;
  call.json = true;
  api_response r;
  r.data = data_map{{"keys", std::vector<std::string>{"app", "db/"}}};
  call.result = r;
  CHECK(render_cli_output(call) == "[\n  \"app\",\n  \"db/\"\n]\n");
}

TEST_CASE("kv get prints the path, the version's metadata and the data, a deleted one no data") {
  vault_call_record call;
  call.method = "GET";
  call.path = "secret/data/app?version=2";
  call.shape = output_shape::kv_secret;
  api_response r;
  const data_map meta{{"created_time", std::string{"2024-01-01T00:00:00Z"}},
                      {"custom_metadata", field_value{}},
                      {"deletion_time", std::string{}},
                      {"destroyed", false},
                      {"version", std::int64_t{2}}};
  r.data = data_map{{"data", make_object({{"password", std::string{"s3cret"}}})},
                    {"metadata", make_object(meta)}};
  call.result = r;
  CHECK(render_cli_output(call) == "= Secret Path =\n"
                                   "secret/data/app\n"
                                   "\n"
                                   "======= Metadata =======\n"
                                   "Key                Value\n"
                                   "---                -----\n"
                                   "created_time       2024-01-01T00:00:00Z\n"
                                   "custom_metadata    <nil>\n"
                                   "deletion_time      n/a\n"
                                   "destroyed          false\n"
                                   "version            2\n"
                                   "\n"
                                   "====== Data ======\n"
                                   "Key         Value\n"
                                   "---         -----\n"
                                   "password    s3cret\n");
  r.status = 404;
  r.data = data_map{{"data", field_value{}}, {"metadata", make_object(meta)}};
  call.result = r;
  const auto out = render_cli_output(call);
  CHECK(out.find("version            2\n\n") != std::string::npos);
  CHECK(out.find("Data") == std::string::npos);
  call.print_field = "password";
  CHECK(render_cli_output(call) == "No data found at secret/data/app\n");
}

TEST_CASE("kv patch: the new version like kv put, an empty 404 is the success line, a 404 with "
          "a body the error alone") {
  // command/kv_patch.go Run and mergePatch; api/logical.go write.
  vault_call_record call;
  call.method = "PATCH";
  call.path = "secret/data/app";
  call.shape = output_shape::kv_secret;
  call.error_verb = "writing data to secret/data/app";
  call.success_text = "Success! Data written to: secret/data/app";
  call.success_table_only = true;
  call.not_found_text = call.success_text;
  const data_map fields{{"created_time", std::string{"2024-01-01T00:01:00Z"}},
                        {"custom_metadata", field_value{}},
                        {"deletion_time", std::string{}},
                        {"destroyed", false},
                        {"version", std::int64_t{2}}};
  api_response r;
  r.data = fields;
  call.result = r;
  CHECK(render_cli_output(call) == "= Secret Path =\n"
                                   "secret/data/app\n"
                                   "\n"
                                   "======= Metadata =======\n"
                                   "Key                Value\n"
                                   "---                -----\n"
                                   "created_time       2024-01-01T00:01:00Z\n"
                                   "custom_metadata    <nil>\n"
                                   "deletion_time      n/a\n"
                                   "destroyed          false\n"
                                   "version            2\n");
  // No secret at all: the plugin's 404 has no body, the client returns no secret and no error.
  call.result = vault_error{404, {}};
  CHECK(render_cli_output(call) == "Success! Data written to: secret/data/app\n");
  call.json = true;
  CHECK(render_cli_output(call).empty());
  call.json = false;
  // A deleted latest version: a 404 with the version's fields, which the CLI does not print.
  r.status = 404;
  call.result = r;
  CHECK(render_cli_output(call) == "Error writing data to secret/data/app: Error making API "
                                   "request.\n\nURL: PATCH http://127.0.0.1:8200/v1/secret/data/"
                                   "app\nCode: 404. Errors:\n\n\n");
}
