#include "model/acl.hpp"
#include "model/secrets_table.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

policy_store with(const std::string& name, const std::string& hcl) {
  policy_store store;
  REQUIRE(store.put(name, hcl));
  return store;
}

} // namespace

TEST_CASE("hasMountAccess: any capability on the mount or under it, or a glob over it") {
  struct row {
    std::string hcl;
    bool access;
  };
  for (const auto& r : std::vector<row>{
         {"path \"secret/app\" { capabilities = [\"read\"] }", true},
         {"path \"secret/data/app\" { capabilities = [\"read\"] }", true},
         {"path \"secret/*\" { capabilities = [\"list\"] }", true},
         {"path \"sec*\" { capabilities = [\"read\"] }", true},
         {"path \"secret/\" { capabilities = [\"read\"] }", true},
         {"path \"secret/app\" { capabilities = [\"deny\"] }", false},
         {"path \"kv/app\" { capabilities = [\"read\"] }", false},
       }) {
    auto store = with("p", r.hcl);
    CAPTURE(r.hcl);
    CHECK(any_access_under(store, {"p"}, "secret/") == r.access);
  }
  policy_store store;
  CHECK(any_access_under(store, {"root"}, "secret/"));
  CHECK_FALSE(any_access_under(store, {"default"}, "secret/"));
  CHECK(any_access_under(store, {"default"}, "cubbyhole/")); // default: cubbyhole/*
}

TEST_CASE("the dev server's built-in mounts and a mount's accessor") {
  const auto mounts = builtin_secrets_mounts(7);
  REQUIRE(mounts.size() == 3);
  CHECK(mounts[0].path == "cubbyhole/");
  CHECK(mounts[0].description == "per-token private secret storage");
  CHECK(mounts[2].type == "system");
  const auto kv = new_secrets_mount(7, "secret/", "kv", "key/value secret storage",
                                    {{"version", "2"}});
  CHECK(kv.accessor.rfind("kv_", 0) == 0);
  CHECK(kv.accessor.size() == 11);
  CHECK(kv.uuid.size() == 36);
  const auto rows = secrets_list_data({kv});
  const auto& row = std::get<std::map<std::string, std::string>>(rows.at("secret/"));
  CHECK(row.at("options") == "map[version:2]");
  CHECK(row.at("default_ttl") == "system");
  CHECK(row.at("deprecation_status") == "supported");
  CHECK(running_version("kv") == "v0.15.0+builtin");
  CHECK(running_version("aws") == "v1.14.0+builtin.vault");
}
