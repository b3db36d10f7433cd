#include "actors/keys.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace tokenlab;

namespace {

// A context that traces (its keys whole) and one that counts (its keys only their prefix).
sim_context traced() {
  sim_context c;
  c.salt_key = "salt";
  return c;
}

sim_context counted() {
  auto c = traced();
  c.counter = std::make_shared<trace_counter>();
  c.counter->on = true;
  return c;
}

// What a counted run adds the key's operation to: the tally's group of the whole key.
std::string group_of(const storage_key& whole) {
  REQUIRE_FALSE(whole.counted_only());
  return std::string{storage_key_prefix(whole.counted_as())};
}

std::string counted_as(const storage_key& k) {
  REQUIRE(k.counted_only());
  return std::string{k.counted_as()};
}

} // namespace

TEST_CASE("a key made while events are counted is the prefix its whole key is grouped under") {
  const auto t = traced();
  const auto c = counted();
  const std::string id = "hvs.t4deoUg22tSImr1eePbsc80k";
  const std::string child = "hvs.qcbwcIjNDrOPAIJx5H6Cam1z";
  const std::string lease = "aws/creds/app/7mKZGUQ3w9dRTx0WZ1ec2nXo";
  token_entry e;
  e.id = id;
  e.origin = token_origin{"token", "auth/userpass/login/alice", "", ""};

  CHECK(counted_as(keys::token(c, id)) == group_of(keys::token(t, id)));
  CHECK(counted_as(keys::token(c, id)) == "sys/token/id/");
  CHECK(counted_as(keys::accessor(c, "qcbwcIjNDrOPAIJx5H6Cam1z")) ==
        group_of(keys::accessor(t, "qcbwcIjNDrOPAIJx5H6Cam1z")));
  CHECK(counted_as(keys::parent(c, id, child)) == group_of(keys::parent(t, id, child)));
  CHECK(counted_as(keys::lease(c, lease)) == group_of(keys::lease(t, lease)));
  CHECK(counted_as(keys::token_lease(c, id, e)) == group_of(keys::token_lease(t, id, e)));
  CHECK(counted_as(keys::token_lease_index(c, id, lease)) ==
        group_of(keys::token_lease_index(t, id, lease)));
  // Each prefix is a group of its own (storage_key_prefix keeps it whole).
  for (const auto& k : {keys::token(c, id), keys::accessor(c, id), keys::parent(c, id, child),
                        keys::lease(c, lease), keys::token_lease_index(c, id, lease)})
    CHECK(storage_key_prefix(k.counted_as()) == k.counted_as());
}

TEST_CASE("a traced key is the whole key, salted as Vault's token store salts it") {
  const auto t = traced();
  const std::string lease = "aws/creds/app/7mKZGUQ3w9dRTx0WZ1ec2nXo";
  auto whole = keys::lease(t, lease);
  CHECK_FALSE(whole.counted_only());
  CHECK(std::move(whole).take() == "sys/expire/id/" + lease);
  auto token = keys::token(t, "hvs.t4deoUg22tSImr1eePbsc80k");
  CHECK(std::string{token.counted_as()} ==
        "sys/token/id/" + token_store_salted(t, "hvs.t4deoUg22tSImr1eePbsc80k"));
  CHECK(token.counted_as().size() == 13 + 65); // "h" and 64 hex digits of HMAC-SHA256
  // A key given whole is counted by its group, as before.
  const storage_key given = std::string{"core/mounts"};
  CHECK_FALSE(given.counted_only());
  CHECK(storage_key_prefix(given.counted_as()) == "core/");
}
