#include "model/texts.hpp"
#include "model/trace.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace tokenlab;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

TEST_CASE("the TTL cap warning names both durations as the CLI prints them") {
  CHECK(texts::ttl_capped(hours{9}, hours{4}) ==
        R"(TTL of "9h" exceeded the effective max_ttl of "4h"; TTL value is capped accordingly)");
  CHECK(
    texts::ttl_capped(hours{768}, secs(7157)) ==
    R"(TTL of "768h" exceeded the effective max_ttl of "1h59m17s"; TTL value is capped accordingly)");
  CHECK(
    texts::ttl_capped(hours{1000}, hours{768}) ==
    R"(TTL of "1000h" exceeded the effective max_ttl of "768h"; TTL value is capped accordingly)");
  CHECK(
    texts::ttl_capped(minutes{90}, secs(3605)) ==
    R"(TTL of "1h30m" exceeded the effective max_ttl of "1h5s"; TTL value is capped accordingly)");
}

TEST_CASE("the period cap warning names the period and the effective max") {
  CHECK(
    texts::period_capped(hours{2}, hours{1}) ==
    R"(period of "2h" exceeded the effective max_ttl of "1h"; period value is capped accordingly)");
  CHECK(
    texts::period_capped(hours{24}, milliseconds{1500}) ==
    R"(period of "24h" exceeded the effective max_ttl of "1.5s"; period value is capped accordingly)");
}

TEST_CASE("a tune with max below default is refused in whole seconds") {
  CHECK(texts::tune_max_below_default(hours{1}, hours{2}) ==
        "backend max lease TTL of 3600 would be less than backend default lease TTL of 7200");
  CHECK(texts::tune_max_below_default(milliseconds{1999}, secs(3)) ==
        "backend max lease TTL of 1 would be less than backend default lease TTL of 3");
}

TEST_CASE("mount and routing errors name the path as Vault does") {
  CHECK(texts::path_in_use("aws/") == "path is already in use at aws/");
  CHECK(texts::path_in_use("aws") == "path is already in use at aws/");
  CHECK(texts::no_handler_for_route("aws2/creds/deploy") ==
        R"(no handler for route "aws2/creds/deploy". route entry not found.)");
  CHECK(texts::policy_missing("dev") == R"(Policy "dev" does not exist)");
}

TEST_CASE("the CLI's success lines name what was done and where") {
  CHECK(texts::tuned_auth("token/") == "Success! Tuned the auth method at: token/");
  CHECK(texts::tuned_auth("token") == "Success! Tuned the auth method at: token/");
  CHECK(texts::enabled_secrets("aws", "aws/") ==
        "Success! Enabled the aws secrets engine at: aws/");
  CHECK(texts::enabled_secrets("aws", "cloud") ==
        "Success! Enabled the aws secrets engine at: cloud/");
  CHECK(texts::data_written("aws/roles/deploy") == "Success! Data written to: aws/roles/deploy");
  CHECK(texts::revoked_lease("aws/creds/deploy/abc") ==
        "Success! Revoked lease: aws/creds/deploy/abc");
  CHECK(texts::revoked_lease_prefix("aws/creds") ==
        "Success! Revoked any leases with prefix: aws/creds");
}

TEST_CASE("a failed CLI command starts with the verb and the API request error") {
  CHECK(texts::cli_error_head("renewing token") ==
        "Error renewing token: Error making API request.");
  CHECK(texts::cli_error_head("creating token") ==
        "Error creating token: Error making API request.");
}

TEST_CASE("Vault's prefixes: a renewal's backend error, a token login's lookup, a tune's path") {
  CHECK(texts::handler_error(texts::renew_entry_failed(texts::role_gone_not_renewing("app"))) ==
        "1 error occurred:\n\t* failed to renew entry: original token role \"app\" could not "
        "be found, not renewing\n\n");
  CHECK(texts::login_lookup_error_head == "Error authenticating: error looking up token");
  CHECK(texts::no_mount_to_tune("auth/nope") ==
        "tune of path \"auth/nope/\" failed: no mount entry found");
  CHECK(texts::no_sysview("nope/") == "cannot fetch sysview for path \"nope/\"");
}

TEST_CASE("mapstructure's errors are counted, sorted and bulleted") {
  CHECK(texts::decoding_errors({"'b' bad", "'a' bad"}) ==
        "2 error(s) decoding:\n\n* 'a' bad\n* 'b' bad");
  CHECK(texts::decoding_request_failed(texts::decoding_errors({"x"})) ==
        "Error decoding request: 1 error(s) decoding:\n\n* x");
}

TEST_CASE("trace events and causes have stable report names") {
  CHECK(std::string{to_string(trace_kind::token_created)} == "token_created");
  CHECK(std::string{to_string(trace_kind::token_renewed)} == "token_renewed");
  CHECK(std::string{to_string(trace_kind::token_expired)} == "token_expired");
  CHECK(std::string{to_string(trace_kind::token_revoked)} == "token_revoked");
  CHECK(std::string{to_string(trace_kind::token_orphaned)} == "token_orphaned");
  CHECK(std::string{to_string(trace_kind::lease_created)} == "lease_created");
  CHECK(std::string{to_string(trace_kind::lease_renewed)} == "lease_renewed");
  CHECK(std::string{to_string(trace_kind::lease_expired)} == "lease_expired");
  CHECK(std::string{to_string(trace_kind::lease_revoked)} == "lease_revoked");
  CHECK(std::string{to_string(trace_kind::credential_created)} == "credential_created");
  CHECK(std::string{to_string(trace_kind::credential_deleted)} == "credential_deleted");
  CHECK(std::string{to_string(trace_kind::storage_put)} == "storage_put");
  CHECK(std::string{to_string(trace_kind::storage_delete)} == "storage_delete");
  CHECK(std::string{to_string(trace_kind::timer_fired)} == "timer_fired");
  CHECK(std::string{to_string(trace_kind::mount_tuned)} == "mount_tuned");
  CHECK(std::string{to_string(trace_kind::engine_enabled)} == "engine_enabled");
  CHECK(std::string{to_string(trace_kind::config_written)} == "config_written");
  CHECK(std::string{to_string(trace_cause::none)} == "none");
  CHECK(std::string{to_string(trace_cause::request)} == "request");
  CHECK(std::string{to_string(trace_cause::ttl_expired)} == "ttl_expired");
  CHECK(std::string{to_string(trace_cause::parent_revoked)} == "parent_revoked");
  CHECK(std::string{to_string(trace_cause::owner_revoked)} == "owner_revoked");
}
