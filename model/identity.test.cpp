#include "model/identity.hpp"

#include "clock/calendar.hpp"
#include "model/token_role.hpp"
#include "model/token_rules.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace tokenlab;

namespace {

const sim_time t0{};

identity_store with_mounts() {
  identity_store s{7};
  s.add_mount({"auth_token_0a1b2c3d", "auth/token/", "token"});
  s.add_mount({"auth_userpass_11223344", "auth/userpass/", "userpass"});
  return s;
}

const data_map& data_of(const outcome<api_response>& r) {
  REQUIRE(r.ok());
  REQUIRE(r->data);
  return *r->data;
}

std::string text(const data_map& d, const std::string& k) {
  return std::get<std::string>(d.at(k));
}

} // namespace

SCENARIO("a login's alias creates an entity once, then finds it") {
  auto s = with_mounts();
  auto first = s.create_or_fetch("auth/userpass/", "alice", {}, t0);
  REQUIRE(first.ok());
  CHECK(first->created);
  CHECK(first->id.size() == 36);
  const auto* e = s.find(first->id);
  REQUIRE(e);
  // generateName: "entity_" and 8 hex digits.
  CHECK(e->name.rfind("entity_", 0) == 0);
  CHECK(e->name.size() == 15);
  CHECK(e->name.find_first_not_of("0123456789abcdef", 7) == std::string::npos);
  REQUIRE(e->aliases.size() == 1);
  CHECK(e->aliases[0].mount_accessor == "auth_userpass_11223344");
  CHECK(e->aliases[0].canonical_id == first->id);

  // The alias is matched without regard to case (the memdb index lowers names).
  auto again = s.create_or_fetch("auth/userpass/", "ALICE", {}, t0 + secs(5));
  REQUIRE(again.ok());
  CHECK_FALSE(again->created);
  CHECK(again->id == first->id);
  const auto changes = s.take_changes();
  REQUIRE(changes.size() == 1); // only the creation wrote the bucket
  // The trace's facts: the entity made with its first alias, on its mount.
  CHECK(changes[0].entity_id == first->id);
  CHECK(changes[0].what.what == config_facts::change::entity_created);
  CHECK(changes[0].what.entity == e->name);
  CHECK(changes[0].what.alias == "alice");
  CHECK(changes[0].what.mount == "auth/userpass/");

  // The same name on another mount is another alias, so another entity.
  auto other = s.create_or_fetch("auth/token/", "alice", {}, t0);
  REQUIRE(other.ok());
  CHECK(other->created);
  CHECK(other->id != first->id);
}

SCENARIO("an alias whose metadata changed is updated on its entity (changedAliasIndex)") {
  auto s = with_mounts();
  auto first = s.create_or_fetch("auth/userpass/", "r1", {{"role_name", "a"}}, t0);
  s.take_changes();
  auto same = s.create_or_fetch("auth/userpass/", "r1", {{"role_name", "a"}}, t0);
  CHECK(s.take_changes().empty());
  auto changed = s.create_or_fetch("auth/userpass/", "r1", {{"role_name", "b"}}, t0 + secs(1));
  REQUIRE(changed.ok());
  CHECK(changed->id == first->id);
  const auto changes = s.take_changes();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].what.what == config_facts::change::alias_updated);
  CHECK(changes[0].what.alias == "r1");
  CHECK(s.find(first->id)->aliases[0].metadata->at("role_name") == "b");
}

SCENARIO("identity/entity creates, updates by name, and refuses what Vault refuses") {
  auto s = with_mounts();
  auto created = s.write("entity", {{"name", "bob"}, {"policies", "dev,ops,dev"}}, t0, 0);
  const auto& d = data_of(created);
  CHECK(created->status == 200);
  CHECK(text(d, "name") == "bob");
  CHECK(std::holds_alternative<std::monostate>(d.at("aliases"))); // no aliases: null
  auto id = text(d, "id");
  CHECK(*s.policies_of(id) == std::vector<std::string>{"dev", "ops"});

  // The same name again updates that entity: 204.
  auto updated = s.write("entity", {{"name", "BOB"}, {"metadata", "team=web"}}, t0, 0);
  REQUIRE(updated.ok());
  CHECK(updated->status == 204);
  CHECK(s.find(id)->metadata->at("team") == "web");
  CHECK(s.find(id)->name == "BOB");

  CHECK(s.write("entity", {{"name", "x"}, {"policies", "root"}}, t0, 0).error().message() ==
        "policies cannot contain root");
  CHECK(s.write("entity/id/nope", {{"name", "x"}}, t0, 0).error().message() ==
        "entity not found from id");
  s.write("entity", {{"name", "carol"}}, t0, 0);
  CHECK(s.write("entity/id/" + id, {{"name", "carol"}}, t0, 0).error().message() ==
        "entity name is already in use");
  CHECK(s.write("entity", {{"disabled", "maybe"}}, t0, 0).error().message() ==
        "Field validation failed: error converting input maybe for field \"disabled\": "
        "cannot parse '' as bool: strconv.ParseBool: parsing \"maybe\": invalid syntax");
}

SCENARIO("an entity reads as handleEntityReadCommon answers") {
  auto s = with_mounts();
  auto e = s.create_or_fetch("auth/userpass/", "alice", {}, t0 + secs(3));
  auto r = s.read("entity/id/" + e->id, default_epoch_unix);
  const auto& d = data_of(r);
  CHECK(text(d, "namespace_id") == "root");
  CHECK(text(d, "creation_time") == "2024-01-01T00:00:03Z");
  CHECK(std::get<std::vector<std::string>>(d.at("policies")).empty()); // [] not null
  CHECK(std::holds_alternative<std::monostate>(d.at("metadata")));
  CHECK(std::get<std::vector<std::string>>(d.at("group_ids")).empty());
  const auto& aliases = std::get<field_list>(d.at("aliases")).get();
  REQUIRE(aliases.size() == 1);
  const auto& alias = std::get<field_object>(aliases[0]).get();
  CHECK(std::get<std::string>(alias.at("mount_path")) == "auth/userpass/");
  CHECK(std::get<std::string>(alias.at("mount_type")) == "userpass");
  CHECK(std::get<std::string>(alias.at("name")) == "alice");
  CHECK(std::get<bool>(alias.at("local")) == false);

  auto by_name = s.read("entity/name/" + s.find(e->id)->name, default_epoch_unix);
  CHECK(text(data_of(by_name), "id") == e->id);
  CHECK(s.read("entity/id/nope", default_epoch_unix).error().status == 404);

  auto ids = s.list("entity/id");
  CHECK(std::get<std::vector<std::string>>(data_of(ids).at("keys")) ==
        std::vector<std::string>{e->id});
  identity_store empty{1};
  CHECK(empty.list("entity/name/").error().status == 404); // an empty list is a 404
}

SCENARIO("identity/entity-alias adds an alias to an entity, or creates one") {
  auto s = with_mounts();
  auto bob = text(data_of(s.write("entity", {{"name", "bob"}}, t0, 0)), "id");
  auto made = s.write(
    "entity-alias",
    {{"name", "bob"}, {"canonical_id", bob}, {"mount_accessor", "auth_userpass_11223344"}}, t0, 0);
  CHECK(text(data_of(made), "canonical_id") == bob);
  // A login as that user now finds bob.
  auto login = s.create_or_fetch("auth/userpass/", "bob", {}, t0);
  CHECK(login->id == bob);
  CHECK_FALSE(login->created);

  CHECK(s.write("entity-alias", {{"name", "bob"}}, t0, 0).error().message() ==
        "'id' or 'mount_accessor' and 'name' must be provided");
  CHECK(s.write("entity-alias", {{"name", "x"}, {"mount_accessor", "auth_nope"}}, t0, 0)
          .error()
          .message() == "invalid mount accessor \"auth_nope\"");
  CHECK(s.write("entity-alias",
                {{"name", "x"}, {"mount_accessor", "auth_token_0a1b2c3d"}, {"canonical_id", "no"}},
                t0, 0)
          .error()
          .message() == "invalid canonical ID");
  CHECK(
    s.write("entity-alias",
            {{"name", "bob2"}, {"mount_accessor", "auth_userpass_11223344"}, {"canonical_id", bob}},
            t0, 0)
      .error()
      .message() == "Alias already exists for requested entity and mount accessor");
  // The same alias again: nothing to do, 204.
  CHECK(
    s.write("entity-alias", {{"name", "BOB"}, {"mount_accessor", "auth_userpass_11223344"}}, t0, 0)
      ->status == 204);
}

SCENARIO("identity/lookup/entity takes one key, or an alias name with its mount accessor") {
  auto s = with_mounts();
  auto e = s.create_or_fetch("auth/userpass/", "alice", {}, t0);
  auto by_alias =
    s.write("lookup/entity",
            {{"alias_name", "alice"}, {"alias_mount_accessor", "auth_userpass_11223344"}}, t0, 0);
  CHECK(text(data_of(by_alias), "id") == e->id);
  CHECK(s.write("lookup/entity", {{"name", "nobody"}}, t0, 0)->status == 204);
  CHECK(s.write("lookup/entity", {}, t0, 0).error().message() == "query parameter not supplied");
  CHECK(s.write("lookup/entity", {{"name", "a"}, {"id", "b"}}, t0, 0).error().message() ==
        "query parameter conflict; please supply distinct set of query parameters");
  CHECK(s.write("lookup/entity", {{"alias_name", "alice"}}, t0, 0).error().message() ==
        "both 'alias_name' and 'alias_mount_accessor' needs to be set");
}

SCENARIO("an entity's bucket is the first byte of md5(id) (helper/storagepacker)") {
  // md5("") = d41d8cd9…: 0xd4 = 212; md5("abc") = 90015098…: 0x90 = 144.
  CHECK(entity_bucket("") == "packer/buckets/212");
  CHECK(entity_bucket("abc") == "packer/buckets/144");
}

SCENARIO("a role's allowed_entity_aliases match in lower case, exactly or as globs") {
  token_role role;
  role.allowed_entity_aliases = {"web-*", "ci"};
  CHECK(entity_alias_allowed(role, "web-1"));
  CHECK(entity_alias_allowed(role, "WEB-1"));
  CHECK(entity_alias_allowed(role, "CI"));
  CHECK_FALSE(entity_alias_allowed(role, "ci2"));
  CHECK_FALSE(entity_alias_allowed(token_role{}, "ci"));
}

SCENARIO("the published entities' aliases find a login's entity as the identity store would") {
  auto s = with_mounts();
  alias_index index;
  const std::map<std::string, std::string> role_meta{{"role_name", "web"}};
  auto made = s.create_or_fetch("auth/userpass/", "alice", role_meta, t0);
  REQUIRE(made.ok());
  const identity_entity published = *s.find(made->id);
  index.update(nullptr, &published);
  const std::string accessor = "auth_userpass_11223344";

  // Known, without regard to case, with the same metadata: the store's own answer.
  const auto* owner = index.owner(accessor, "ALICE");
  REQUIRE(owner);
  CHECK(*owner == made->id);
  auto known = fetch_unchanged(published, accessor, "Alice", role_meta);
  REQUIRE(known);
  auto fetched = s.create_or_fetch("auth/userpass/", "Alice", role_meta, t0 + secs(1));
  REQUIRE(fetched.ok());
  CHECK(known->id == fetched->id);
  CHECK(known->created == fetched->created);
  CHECK(known->disabled == fetched->disabled);
  CHECK(s.take_changes().size() == 1); // the creation only

  // Changed metadata, another mount's accessor, another name: only the store can answer.
  CHECK_FALSE(fetch_unchanged(published, accessor, "alice", {}));
  CHECK_FALSE(fetch_unchanged(published, "auth_token_0a1b2c3d", "alice", role_meta));
  CHECK_FALSE(fetch_unchanged(published, accessor, "bob", role_meta));
  CHECK(index.owner("auth_token_0a1b2c3d", "alice") == nullptr);
  CHECK(index.owner(accessor, "bob") == nullptr);

  // A disabled entity is fetched disabled (the core then refuses the login).
  identity_entity disabled = published;
  disabled.disabled = true;
  index.update(&published, &disabled);
  REQUIRE(fetch_unchanged(disabled, accessor, "alice", role_meta));
  CHECK(fetch_unchanged(disabled, accessor, "alice", role_meta)->disabled);
  CHECK(*index.owner(accessor, "alice") == made->id);

  // An alias that moves to another entity, then a deletion: the index follows what was
  // published.
  identity_entity other;
  other.id = "0a1b2c3d-0000-4000-8000-00000000e002";
  other.aliases = disabled.aliases;
  other.aliases[0].canonical_id = other.id;
  identity_entity bare = disabled;
  bare.aliases.clear();
  index.update(&disabled, &bare);
  index.update(nullptr, &other);
  CHECK(*index.owner(accessor, "alice") == other.id);
  index.update(&bare, nullptr); // the first entity deleted: the alias stays the other's
  CHECK(*index.owner(accessor, "alice") == other.id);
  index.update(&other, nullptr);
  CHECK(index.owner(accessor, "alice") == nullptr);
}
