#include "model/mount_table.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

const std::map<std::string, std::string>& row(const data_map& d, const std::string& path) {
  return std::get<std::map<std::string, std::string>>(d.at(path));
}

} // namespace

TEST_CASE("a mount's accessor is auth_<type>_ and 8 hex digits, its UUID another draw",
          "[mounts]") {
  id_source ids{1, id_stream::mount_table};
  const auto m = new_auth_mount(ids, "token/", "token", "token based credentials");
  REQUIRE(m.accessor.size() == std::string{"auth_token_"}.size() + 8);
  CHECK(m.accessor.rfind("auth_token_", 0) == 0);
  CHECK(m.accessor.find_first_not_of("0123456789abcdef", 11) == std::string::npos);
  CHECK(m.uuid.size() == 36);
  CHECK(m.uuid.substr(0, 8) != m.accessor.substr(11));
  id_source again{1, id_stream::mount_table};
  CHECK(new_auth_mount(again, "token/", "token", "").accessor == m.accessor);
}

TEST_CASE("the mount table shows system for a TTL the mount leaves to the system, else seconds",
          "[mounts]") {
  id_source ids{1, id_stream::mount_table};
  auto token = new_auth_mount(ids, "token/", "token", "token based credentials");
  auto up = new_auth_mount(ids, "userpass/", "userpass", "");
  token.tune.default_lease_ttl = std::chrono::hours(8);
  token.tune.max_lease_ttl = std::chrono::hours(720);
  const auto d = auth_list_data({token, up});
  CHECK(row(d, "token/").at("default_ttl") == "28800");
  CHECK(row(d, "token/").at("max_ttl") == "2592000");
  CHECK(row(d, "userpass/").at("default_ttl") == "system");
  CHECK(row(d, "userpass/").at("max_ttl") == "system");
  CHECK(row(d, "token/").at("token_type") == "default-service");
  CHECK(row(d, "token/").at("description") == "token based credentials");
  CHECK(row(d, "userpass/").at("plugin") == "userpass");
  CHECK(row(d, "userpass/").at("deprecation_status") == "supported");
  CHECK(row(d, "token/").at("deprecation_status").empty());
}
