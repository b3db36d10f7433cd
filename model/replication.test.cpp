#include "model/replication.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

vault_request write(std::string path) {
  vault_request r;
  r.op = logical_write_request{std::move(path), {}};
  return r;
}

vault_request erase(std::string path) {
  vault_request r;
  r.op = logical_delete_request{std::move(path)};
  return r;
}

template <class Op>
vault_request call(Op op) {
  vault_request r;
  r.op = std::move(op);
  return r;
}

} // namespace

TEST_CASE("performance replication copies configuration to a secondary") {
  CHECK(replicated(call(policy_write_request{"app", "path \"x\" {}"})));
  CHECK(replicated(call(secrets_enable_request{"aws", "aws/"})));
  CHECK(replicated(call(auth_enable_request{"userpass", "userpass/"})));
  CHECK(replicated(call(mount_tune_request{})));
  CHECK(replicated(write("auth/userpass/users/pod")));
  CHECK(replicated(write("aws/roles/app")));
  CHECK(replicated(write("secret/data/app")));
  CHECK(replicated(write("auth/token/roles/ci")));
  CHECK(replicated(erase("aws/roles/app")));
}

TEST_CASE("tokens, leases, cubbyholes and logins stay on their cluster") {
  CHECK_FALSE(replicated(call(token_create_request{})));
  CHECK_FALSE(replicated(call(token_renew_request{})));
  CHECK_FALSE(replicated(call(token_revoke_request{})));
  CHECK_FALSE(replicated(call(lease_revoke_request{})));
  CHECK_FALSE(replicated(call(login_request{"auth/userpass/", "auth/userpass/login/pod", {}})));
  CHECK_FALSE(replicated(write("auth/token/create")));
  CHECK_FALSE(replicated(write("auth/token/revoke-orphan")));
  CHECK_FALSE(replicated(write("auth/token/renew-self")));
  CHECK_FALSE(replicated(write("auth/token/lookup")));
  CHECK_FALSE(replicated(write("sys/leases/revoke")));
  CHECK_FALSE(replicated(write("sys/renew/aws/creds/app/abc")));
  CHECK_FALSE(replicated(write("sys/revoke/aws/creds/app/abc")));
  CHECK_FALSE(replicated(write("cubbyhole/notes")));
  CHECK_FALSE(replicated(erase("cubbyhole/notes")));
  CHECK_FALSE(replicated(write("auth/userpass/login/pod")));
  CHECK_FALSE(replicated(write("auth/approle/login")));
}

TEST_CASE("reads replicate nothing") {
  CHECK_FALSE(replicated(call(logical_read_request{"aws/creds/app"})));
  CHECK_FALSE(replicated(call(logical_list_request{"auth/token/accessors"})));
  CHECK_FALSE(replicated(call(policy_read_request{"app"})));
}
