#include "model/lease_fields.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

lease_api_request request_of(const std::string& path, const field_map& fields) {
  auto r = lease_request_from_fields(path, fields);
  REQUIRE(r);
  REQUIRE(r->ok());
  return **r;
}

std::string error_of(const std::string& path, const field_map& fields) {
  auto r = lease_request_from_fields(path, fields);
  REQUIRE(r);
  REQUIRE_FALSE(r->ok());
  CHECK(r->error().status == 400);
  return r->error().message();
}

} // namespace

TEST_CASE("lease writes: the increment is a TypeDurationSecond, sync a TypeBool") {
  auto renew = std::get<lease_renew_request>(
    request_of("sys/leases/renew", {{"lease_id", "db/creds/r/x"}, {"increment", "1h"}}));
  CHECK(renew.lease_id == "db/creds/r/x");
  CHECK(renew.increment == secs(3600));
  CHECK(error_of("sys/leases/renew", {{"increment", "-5"}}) ==
        "Field validation failed: error converting input -5 for field \"increment\": cannot "
        "provide negative value '-5'");
  CHECK(error_of("sys/leases/revoke", {{"sync", "maybe"}}) ==
        "Field validation failed: error converting input maybe for field \"sync\": cannot parse "
        "'' as bool: strconv.ParseBool: parsing \"maybe\": invalid syntax");
  auto revoke =
    std::get<lease_revoke_request>(request_of("sys/leases/revoke", {{"lease_id", "a/b"}}));
  CHECK(revoke.sync); // the schema's default
  CHECK_FALSE(revoke.prefix);
}

TEST_CASE("lease writes: the ID may come in the URL, the body's lease_id wins, 0.x paths too") {
  auto url = std::get<lease_renew_request>(request_of("sys/leases/renew/db/creds/r/x", {}));
  CHECK(url.lease_id == "db/creds/r/x");
  auto body = std::get<lease_renew_request>(
    request_of("sys/renew/db/creds/r/x", {{"lease_id", "db/creds/r/y"}}));
  CHECK(body.lease_id == "db/creds/r/y");
  auto prefix = std::get<lease_revoke_request>(
    request_of("sys/leases/revoke-prefix/db/creds", {{"sync", "false"}}));
  CHECK(prefix.prefix);
  CHECK_FALSE(prefix.force);
  CHECK(prefix.lease_id == "db/creds");
  CHECK_FALSE(prefix.sync);
  auto force = std::get<lease_revoke_request>(request_of("sys/revoke-force/db", {}));
  CHECK(force.force);
  CHECK(std::get<lease_lookup_request>(request_of("sys/leases/lookup", {{"lease_id", "a"}}))
          .lease_id == "a");
  CHECK_FALSE(lease_request_from_fields("sys/leases/revoke-prefix", {}));
  CHECK_FALSE(lease_request_from_fields("sys/policy/x", {}));
}
