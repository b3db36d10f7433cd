#include "model/kv2.hpp"

#include "clock/calendar.hpp"
#include "model/texts.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using namespace tokenlab::kv2;

namespace {

constexpr std::int64_t epoch = default_epoch_unix; // 2024-01-01T00:00:00Z

sim_time at_s(std::int64_t s) {
  return sim_time{secs(s)};
}

// A mount and a clock, with the CLI's way of sending requests.
struct mount {
  versioned_store store;
  storage_change last;

  outcome<api_response> call(operation op, std::string path, data_map body, std::int64_t now,
                             std::map<std::string, std::string> params = {}) {
    last = storage_change{};
    return store.handle(request{op, std::move(path), std::move(body), std::move(params)},
                        at_s(now), epoch, last);
  }
  // `vault kv put [-cas=N] secret/KEY k=v …`
  outcome<api_response> put(const std::string& key, std::map<std::string, std::string> data,
                            std::int64_t now, std::optional<int> cas = std::nullopt) {
    std::map<std::string, std::string> options;
    if (cas)
      options["cas"] = std::to_string(*cas);
    return call(operation::write, "data/" + key, {{"data", data}, {"options", options}}, now);
  }
  outcome<api_response> get(const std::string& key, std::int64_t now, int version = 0) {
    std::map<std::string, std::string> params;
    if (version > 0)
      params["version"] = std::to_string(version);
    return call(operation::read, "data/" + key, {}, now, params);
  }
  outcome<api_response> versions(const char* verb, const std::string& key,
                                 std::vector<std::string> vs, std::int64_t now) {
    return call(operation::write, std::string{verb} + key, {{"versions", vs}}, now);
  }
};

const data_map& object(const data_map& d, const std::string& key) {
  return std::get<field_object>(d.at(key)).get();
}

std::int64_t num(const data_map& d, const std::string& key) {
  return std::get<std::int64_t>(d.at(key));
}

std::string str(const data_map& d, const std::string& key) {
  return std::get<std::string>(d.at(key));
}

} // namespace

TEST_CASE("kv v2: every put makes a version, a get reads the latest or the one asked for") {
  mount m;
  auto w1 = m.put("app", {{"password", "one"}}, 10);
  REQUIRE(w1);
  CHECK(w1->status == 200);
  CHECK(num(*w1->data, "version") == 1);
  CHECK(str(*w1->data, "created_time") == "2024-01-01T00:00:10Z");
  CHECK(str(*w1->data, "deletion_time").empty());
  CHECK(std::get<bool>(w1->data->at("destroyed")) == false);
  CHECK(std::holds_alternative<std::monostate>(w1->data->at("custom_metadata")));
  CHECK(m.last.version_put == std::vector<std::pair<std::string, std::uint64_t>>{{"app", 1}});
  CHECK(m.last.metadata_put == std::vector<std::string>{"app"});
  REQUIRE(m.put("app", {{"password", "two"}}, 20));

  auto latest = m.get("app", 30);
  REQUIRE(latest);
  CHECK(str(object(*latest->data, "data"), "password") == "two");
  CHECK(num(object(*latest->data, "metadata"), "version") == 2);
  auto first = m.get("app", 30, 1);
  REQUIRE(first);
  CHECK(str(object(*first->data, "data"), "password") == "one");
  auto none = m.get("app", 30, 3);
  REQUIRE_FALSE(none);
  CHECK(none.error() == vault_error{404, {}});
  CHECK(m.get("nothing", 30).error() == vault_error{404, {}});
}

TEST_CASE("kv v2: a delete hides the latest version, the read answers 404 with its metadata") {
  mount m;
  REQUIRE(m.put("app", {{"k", "v1"}}, 0));
  REQUIRE(m.put("app", {{"k", "v2"}}, 60));
  auto d = m.call(operation::del, "data/app", {}, 120);
  REQUIRE(d);
  CHECK(d->status == 204);
  auto gone = m.get("app", 120);
  REQUIRE(gone);
  CHECK(gone->status == 404);
  CHECK(std::holds_alternative<std::monostate>(gone->data->at("data")));
  CHECK(str(object(*gone->data, "metadata"), "deletion_time") == "2024-01-01T00:02:00Z");
  CHECK(m.get("app", 120, 1)->status == 200); // the older version is untouched

  REQUIRE(m.versions("undelete/", "app", {"2"}, 180));
  auto back = m.get("app", 180);
  REQUIRE(back);
  CHECK(back->status == 200);
  CHECK(str(object(*back->data, "metadata"), "deletion_time").empty());

  REQUIRE(m.versions("destroy/", "app", {"2"}, 240));
  CHECK(m.last.version_deleted == std::vector<std::pair<std::string, std::uint64_t>>{{"app", 2}});
  auto destroyed = m.get("app", 240);
  REQUIRE(destroyed);
  CHECK(destroyed->status == 404);
  CHECK(std::get<bool>(object(*destroyed->data, "metadata").at("destroyed")));
  // A destroyed version cannot come back.
  REQUIRE(m.versions("undelete/", "app", {"2"}, 300));
  CHECK(m.get("app", 300)->status == 404);
}

TEST_CASE("kv v2: delete, undelete and destroy need versions, with the plugin's texts") {
  mount m;
  REQUIRE(m.put("app", {{"k", "v"}}, 0));
  CHECK(m.versions("delete/", "app", {}, 1).error() ==
        vault_error::invalid(std::string{texts::kv2_no_versions}));
  CHECK(m.versions("undelete/", "app", {}, 1).error().message() == "No version number provided");
  CHECK(m.versions("destroy/", "app", {}, 1).error().message() == "no version number provided");
  // "1,2" in one item, as the CLI sends -versions=1,2 split or not.
  REQUIRE(m.put("app", {{"k", "w"}}, 2));
  REQUIRE(m.versions("delete/", "app", {"1,2"}, 3));
  CHECK(m.get("app", 3, 1)->status == 404);
  CHECK(m.get("app", 3, 2)->status == 404);
}

TEST_CASE("kv v2: check-and-set") {
  mount m;
  // cas=0: only if the key does not exist yet.
  REQUIRE(m.put("app", {{"k", "v"}}, 0, 0));
  auto again = m.put("app", {{"k", "w"}}, 1, 0);
  REQUIRE_FALSE(again);
  CHECK(again.error() == vault_error::invalid(std::string{texts::kv2_cas_mismatch}));
  REQUIRE(m.put("app", {{"k", "w"}}, 2, 1));
  // A key that requires cas refuses a write without it.
  REQUIRE(m.call(operation::write, "metadata/app", {{"cas_required", true}}, 3));
  auto plain = m.put("app", {{"k", "x"}}, 4);
  REQUIRE_FALSE(plain);
  CHECK(plain.error().message() == "check-and-set parameter required for this call");
  CHECK(m.call(operation::write, "data/app",
               {{"data", std::map<std::string, std::string>{{"k", "x"}}},
                {"options", std::map<std::string, std::string>{{"cas", "two"}}}},
               5)
          .error()
          .message() == "error parsing check-and-set parameter");
}

TEST_CASE("kv v2: a patch merges into the latest version and writes a new one") {
  // vault-plugin-secrets-kv path_data.go pathDataPatch.
  mount m;
  auto patch = [&](const std::string& key, std::map<std::string, std::string> data,
                   std::int64_t now, std::optional<int> cas = std::nullopt) {
    std::map<std::string, std::string> options;
    if (cas)
      options["cas"] = std::to_string(*cas);
    return m.call(operation::patch, "data/" + key, {{"data", data}, {"options", options}}, now);
  };
  // Nothing there: a 404 with no body (RespondWithStatusCode(nil, req, 404)); nothing written.
  auto missing = patch("app", {{"k", "v"}}, 0);
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == vault_error{404, {}});
  CHECK(m.last.version_put.empty());
  CHECK(m.store.metadata("app") == nullptr);

  REQUIRE(m.put("app", {{"user", "admin"}, {"password", "one"}}, 0));
  auto p = patch("app", {{"password", "two"}, {"region", "eu"}}, 60);
  REQUIRE(p);
  CHECK(num(*p->data, "version") == 2);
  CHECK(str(*p->data, "created_time") == "2024-01-01T00:01:00Z");
  CHECK(m.last.version_put == std::vector<std::pair<std::string, std::uint64_t>>{{"app", 2}});
  auto g = m.get("app", 60);
  REQUIRE(g);
  const auto& data = object(*g->data, "data");
  CHECK(str(data, "user") == "admin"); // kept
  CHECK(str(data, "password") == "two");
  CHECK(str(data, "region") == "eu");
  CHECK(str(object(*m.get("app", 60, 1)->data, "data"), "password") == "one");

  // Check-and-set as for a write.
  CHECK(patch("app", {{"k", "v"}}, 61, 1).error().message() ==
        "check-and-set parameter did not match the current version");
  REQUIRE(patch("app", {{"k", "v"}}, 62, 2));
  CHECK(m.call(operation::patch, "data/app", {{"options", std::map<std::string, std::string>{}}},
               63)
          .error() == vault_error::invalid(std::string{texts::kv2_no_data}));

  // A deleted or destroyed latest version: 404 with its fields, and no new version.
  REQUIRE(m.call(operation::del, "data/app", {}, 70));
  auto deleted = patch("app", {{"k", "w"}}, 71);
  REQUIRE(deleted);
  CHECK(deleted->status == 404);
  CHECK(num(*deleted->data, "version") == 3);
  CHECK(str(*deleted->data, "deletion_time") == "2024-01-01T00:01:10Z");
  CHECK(m.last.version_put.empty());

  // Only data/ takes a patch.
  CHECK(m.call(operation::patch, "metadata/app", {}, 72).error() ==
        vault_error{405, {"unsupported operation"}});
}

TEST_CASE("kv v2: a write without a data map is refused") {
  mount m;
  auto w = m.call(operation::write, "data/app", {{"password", std::string{"x"}}}, 0);
  REQUIRE_FALSE(w);
  CHECK(w.error() == vault_error::invalid("no data provided"));
}

TEST_CASE("kv v2: max_versions keeps the newest ten by default, oldest_version lags") {
  mount m;
  for (int i = 1; i <= 9; ++i)
    REQUIRE(m.put("app", {{"n", std::to_string(i)}}, i));
  CHECK(m.store.metadata("app")->oldest_version == 0); // AddVersion starts it at 0
  REQUIRE(m.put("app", {{"n", "10"}}, 10));
  CHECK(m.store.metadata("app")->oldest_version == 1);
  CHECK(m.last.version_deleted.empty());
  REQUIRE(m.put("app", {{"n", "11"}}, 11));
  CHECK(m.store.metadata("app")->oldest_version == 2);
  CHECK(m.last.version_deleted == std::vector<std::pair<std::string, std::uint64_t>>{{"app", 1}});
  CHECK(m.get("app", 12, 1).error() == vault_error{404, {}});
  CHECK(m.store.metadata("app")->versions.size() == 10);
}

TEST_CASE("kv v2: a key's own max_versions, and a smaller one dropping several at once") {
  mount m;
  for (int i = 1; i <= 5; ++i)
    REQUIRE(m.put("app", {{"n", std::to_string(i)}}, i));
  REQUIRE(m.call(operation::write, "metadata/app", {{"max_versions", std::int64_t{2}}}, 6));
  REQUIRE(m.put("app", {{"n", "6"}}, 7));
  const auto* meta = m.store.metadata("app");
  CHECK(meta->oldest_version == 5);
  CHECK(meta->versions.size() == 2);
  CHECK(m.last.version_deleted ==
        std::vector<std::pair<std::string, std::uint64_t>>{{"app", 1}, {"app", 2}, {"app", 3}, {"app", 4}});
}

TEST_CASE("kv v2: metadata read, write and delete") {
  mount m;
  REQUIRE(m.put("app", {{"k", "v"}}, 0));
  REQUIRE(m.call(operation::del, "data/app", {}, 30));
  REQUIRE(m.call(operation::write, "metadata/app",
                 {{"delete_version_after", std::string{"1h0m0s"}},
                  {"custom_metadata", std::map<std::string, std::string>{{"team", "web"}}}},
                 60));
  auto r = m.call(operation::read, "metadata/app", {}, 90);
  REQUIRE(r);
  const auto& d = *r->data;
  CHECK(num(d, "current_version") == 1);
  CHECK(num(d, "oldest_version") == 0);
  CHECK(num(d, "max_versions") == 0);
  CHECK(std::get<bool>(d.at("cas_required")) == false);
  CHECK(str(d, "delete_version_after") == "1h0m0s");
  CHECK(str(d, "created_time") == "2024-01-01T00:00:00Z");
  CHECK(str(d, "updated_time") == "2024-01-01T00:00:00Z"); // a metadata write leaves it
  CHECK(std::get<std::map<std::string, std::string>>(d.at("custom_metadata")).at("team") == "web");
  const auto& v1 = object(object(d, "versions"), "1");
  CHECK(str(v1, "deletion_time") == "2024-01-01T00:00:30Z");

  // A new version now gets a deletion_time an hour after its creation.
  auto w = m.put("app", {{"k", "w"}}, 120);
  REQUIRE(w);
  CHECK(str(*w->data, "deletion_time") == "2024-01-01T01:02:00Z");
  CHECK(m.get("app", 120 + 3599)->status == 200);
  CHECK(m.get("app", 120 + 3600)->status == 404);

  REQUIRE(m.call(operation::del, "metadata/app", {}, 200));
  CHECK(m.last.metadata_deleted == std::vector<std::string>{"app"});
  CHECK(m.last.version_deleted.size() == 2);
  CHECK(m.call(operation::read, "metadata/app", {}, 200).error() == vault_error{404, {}});
}

TEST_CASE("kv v2: list names keys one level down under metadata/") {
  mount m;
  for (auto k : {"app/db", "app/web", "top"})
    REQUIRE(m.put(k, {{"k", "v"}}, 0));
  auto root = m.call(operation::list, "metadata/", {}, 1);
  REQUIRE(root);
  CHECK(std::get<std::vector<std::string>>(root->data->at("keys")) ==
        std::vector<std::string>{"app/", "top"});
  auto app = m.call(operation::list, "metadata/app/", {}, 1);
  REQUIRE(app);
  CHECK(std::get<std::vector<std::string>>(app->data->at("keys")) ==
        std::vector<std::string>{"db", "web"});
  CHECK(m.call(operation::list, "metadata/none/", {}, 1).error() == vault_error{404, {}});
}

TEST_CASE("kv v2: other paths answer 404 with the plugin's warning") {
  mount m;
  struct row {
    operation op;
    std::string path;
    std::string warning;
  };
  for (const auto& r : std::vector<row>{
         {operation::read, "app", texts::kv2_invalid_path("get")},
         {operation::write, "app", texts::kv2_invalid_path("put")},
         {operation::list, "", texts::kv2_invalid_path("list")},
         {operation::del, "app", texts::kv2_invalid_path("delete")},
         {operation::read, "data", std::string{texts::kv2_mount_root}},
       }) {
    auto out = m.call(r.op, r.path, {{"k", std::string{"v"}}}, 0);
    REQUIRE(out);
    CHECK(out->status == 404);
    CHECK(out->warnings == std::vector<std::string>{r.warning});
    CHECK_FALSE(out->data);
  }
  CHECK(texts::kv2_invalid_path("get") ==
        "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate "
        "API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.");
}

TEST_CASE("kv v2: the mount's config") {
  mount m;
  REQUIRE(m.call(operation::write, "config", {{"max_versions", std::string{"3"}},
                                              {"cas_required", std::string{"true"}}},
                 0));
  CHECK(m.last.config_put);
  auto c = m.call(operation::read, "config", {}, 0);
  REQUIRE(c);
  CHECK(num(*c->data, "max_versions") == 3);
  CHECK(std::get<bool>(c->data->at("cas_required")));
  CHECK(str(*c->data, "delete_version_after") == "0s");
  CHECK(m.put("app", {{"k", "v"}}, 1).error().message() ==
        "check-and-set parameter required for this call");
  // Turning a key's cas_required off under a mount that requires it warns.
  auto w = m.call(operation::write, "metadata/app", {{"cas_required", false}}, 2);
  REQUIRE(w);
  CHECK(w->warnings == std::vector<std::string>{std::string{texts::kv2_cas_mandated}});
}

TEST_CASE("kv v2: Go's Duration.String") {
  CHECK(go_duration_string(sim_duration::zero()) == "0s");
  CHECK(go_duration_string(secs(3600)) == "1h0m0s");
  CHECK(go_duration_string(secs(1800)) == "30m0s");
  CHECK(go_duration_string(secs(90)) == "1m30s");
  CHECK(go_duration_string(secs(45)) == "45s");
  CHECK(go_duration_string(sim_duration{1500}) == "1.5s");
  CHECK(go_duration_string(sim_duration{250}) == "250ms");
  CHECK(go_duration_string(secs(-1)) == "-1s");
}
