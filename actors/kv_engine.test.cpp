#include "actors/kv_engine.hpp"

#include "actors/sim.test.hpp"
#include "model/texts.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <optional>

using namespace tokenlab;

namespace {

// One kv mount at `secret/` on the deterministic scheduler, with its tracer and storage;
// `leased`: mounted with the option leased_passthrough=true.
class kv_fixture {
public:
  explicit kv_fixture(bool leased = false)
    : engine_(sim_.driver().system().spawn(kv_engine_actor, sim_.ctx(), std::string{"secret/"},
                                           leased)) {}

  ~kv_fixture() { caf::anon_send_exit(engine_, caf::exit_reason::user_shutdown); }

  kv_fixture(const kv_fixture&) = delete;
  kv_fixture& operator=(const kv_fixture&) = delete;

  template <class T, class... Ts>
  std::optional<T> ask(const logical_engine& dest, Ts&&... xs) {
    return sim_.ask<T>(dest, std::forward<Ts>(xs)...);
  }

  api_outcome write(std::string path, std::map<std::string, std::string> fields) {
    auto r = ask<api_outcome>(engine_, write_atom::value,
                              logical_write_request{std::move(path), std::move(fields)});
    REQUIRE(r);
    return *r;
  }

  outcome<secret_result> read(std::string path) {
    auto r =
      ask<outcome<secret_result>>(engine_, read_atom::value, engine_read{std::move(path), "root", {}, {}});
    REQUIRE(r);
    return *r;
  }

  api_outcome list(std::string path) {
    auto r = ask<api_outcome>(engine_, list_atom::value, std::move(path));
    REQUIRE(r);
    return *r;
  }

  api_outcome remove(std::string path) {
    auto r = ask<api_outcome>(engine_, delete_path_atom::value, std::move(path));
    REQUIRE(r);
    return *r;
  }

  std::vector<trace_event> effects() { return sim_.effects(); }

  std::vector<std::string> stored() { return sim_.stored(); }

  const logical_engine& engine() const { return engine_; }

private:
  actor_sim sim_{7};
  logical_engine engine_;
};

std::vector<std::string> keys_of(const api_response& r) {
  REQUIRE(r.data);
  return std::get<std::vector<std::string>>(r.data->at("keys"));
}

std::string str(const data_map& d, const std::string& key) {
  return std::get<std::string>(d.at(key));
}

} // namespace

TEST_CASE("kv engine: a written secret reads back unleased, stored under its mount") {
  kv_fixture f;
  auto w = f.write("secret/app/db", {{"user", "admin"}, {"pass", "s3cret"}});
  REQUIRE(w);
  CHECK(w->status == 204);
  CHECK(f.stored() == std::vector<std::string>{"logical/secret/app/db"});
  auto fx = f.effects();
  REQUIRE(fx.size() == 1);
  CHECK(fx[0].kind == trace_kind::storage_put);
  CHECK(fx[0].subject == "logical/secret/app/db");

  auto r = f.read("secret/app/db");
  REQUIRE(r);
  CHECK(r->handle.empty());
  CHECK_FALSE(r->renewable);
  CHECK_FALSE(r->ttl_from_data);
  CHECK(r->ttl == sim_duration::zero());
  CHECK(r->data.size() == 2);
  CHECK(str(r->data, "user") == "admin");
  CHECK(str(r->data, "pass") == "s3cret");
  CHECK(f.effects().empty());
}

TEST_CASE("kv engine with leased_passthrough: a read is a lease, renewable with a ttl key") {
  kv_fixture f{true};
  REQUIRE(f.write("secret/app/db", {{"pass", "s3cret"}, {"ttl", "30m"}}));
  REQUIRE(f.write("secret/app/old", {{"pass", "x"}, {"lease", "90"}}));
  REQUIRE(f.write("secret/app/bad", {{"pass", "x"}, {"ttl", "soon"}}));
  REQUIRE(f.write("secret/app/none", {{"pass", "x"}}));
  (void)f.effects();

  // The ttl key: the lease's TTL, renewable; the data keeps the key.
  auto db = f.read("secret/app/db");
  REQUIRE(db);
  CHECK(db->handle == "app/db");
  CHECK(db->renewable);
  CHECK(db->ttl == std::chrono::minutes(30));
  CHECK(str(db->data, "ttl") == "30m");
  CHECK(db->renew_panics);
  // `lease` when there is no `ttl`, in seconds as ParseDurationSecond reads a bare number.
  auto old = f.read("secret/app/old");
  REQUIRE(old);
  CHECK(old->renewable);
  CHECK(old->ttl == std::chrono::seconds(90));
  // A key that does not parse: the mount's default (0 here), yet renewable, as the key is there.
  auto bad = f.read("secret/app/bad");
  REQUIRE(bad);
  CHECK(bad->renewable);
  CHECK(bad->ttl == sim_duration::zero());
  // No key: the mount's default, not renewable.
  auto none = f.read("secret/app/none");
  REQUIRE(none);
  CHECK(none->handle == "app/none");
  CHECK_FALSE(none->renewable);
  CHECK(none->ttl == sim_duration::zero());

  // Revoking the secret (the kv secret's Revoke) leaves the data.
  CHECK(f.ask<bool>(f.engine(), unsecret_atom::value, std::string{"app/db"}) == true);
  auto again = f.read("secret/app/db");
  REQUIRE(again);
  CHECK(str(again->data, "pass") == "s3cret");
  CHECK(f.effects().empty());
}

TEST_CASE("kv engine without leased_passthrough: a ttl key is a refresh interval, not a lease") {
  kv_fixture f;
  REQUIRE(f.write("secret/app/db", {{"pass", "s3cret"}, {"ttl", "30m"}}));
  auto r = f.read("secret/app/db");
  REQUIRE(r);
  CHECK(r->handle.empty());
  CHECK_FALSE(r->renewable);
  CHECK_FALSE(r->renew_panics);
  CHECK(r->ttl_from_data);
  CHECK(r->ttl == std::chrono::minutes(30));
}

TEST_CASE("kv engine: a write replaces the whole secret") {
  kv_fixture f;
  REQUIRE(f.write("secret/a", {{"x", "1"}, {"y", "2"}}));
  REQUIRE(f.write("secret/a", {{"z", "3"}}));
  auto r = f.read("secret/a");
  REQUIRE(r);
  CHECK(r->data.size() == 1);
  CHECK(str(r->data, "z") == "3");
}

TEST_CASE("kv engine: writes refused with passthrough's texts") {
  kv_fixture f;
  auto no_data = f.write("secret/a", {});
  REQUIRE_FALSE(no_data);
  CHECK(no_data.error() == vault_error{400, {"missing data fields"}});
  CHECK(no_data.error().message() == texts::missing_data_fields);
  // The empty path is checked first.
  for (const auto& fields :
       {std::map<std::string, std::string>{}, std::map<std::string, std::string>{{"a", "b"}}}) {
    auto root = f.write("secret/", fields);
    REQUIRE_FALSE(root);
    CHECK(root.error() == vault_error{400, {"missing path"}});
  }
  CHECK(f.stored().empty());
}

TEST_CASE("kv engine: a missing secret is a 404 with no messages") {
  kv_fixture f;
  auto r = f.read("secret/nothing");
  REQUIRE_FALSE(r);
  CHECK(r.error() == vault_error{404, {}});
  auto root = f.read("secret/");
  REQUIRE_FALSE(root);
  CHECK(root.error() == vault_error{404, {}});
}

TEST_CASE("kv engine: the secret's own ttl (else lease) key is its refresh interval") {
  kv_fixture f;
  struct row {
    std::map<std::string, std::string> data;
    bool from_data;
    sim_duration ttl;
  };
  std::vector<row> rows{
    {{{"v", "1"}}, false, sim_duration::zero()},
    {{{"ttl", "1h"}}, true, secs(3600)},
    {{{"ttl", "90"}}, true, secs(90)},
    {{{"lease", "30m"}}, true, secs(1800)},
    {{{"lease", "30m"}, {"ttl", "2h"}}, true, secs(7200)},
    {{{"ttl", "7d"}}, true, secs(7 * 86400)},
    {{{"ttl", ""}}, true, sim_duration::zero()},
    // A ttl that does not parse falls back to the mount default; lease is not consulted.
    {{{"ttl", "soon"}, {"lease", "30m"}}, false, sim_duration::zero()},
  };
  for (const auto& r : rows) {
    REQUIRE(f.write("secret/t", r.data));
    auto s = f.read("secret/t");
    REQUIRE(s);
    CHECK(s->ttl_from_data == r.from_data);
    CHECK(s->ttl == r.ttl);
    CHECK(s->handle.empty());
    CHECK(s->data.size() == r.data.size());
  }
}

TEST_CASE("kv engine: list names the keys one level down, folders with a slash") {
  kv_fixture f;
  for (auto p : {"secret/app/db", "secret/app/web/front", "secret/app/web/back", "secret/top",
                 "secret/app-old"})
    REQUIRE(f.write(p, {{"k", "v"}}));
  auto root = f.list("secret/");
  REQUIRE(root);
  CHECK(keys_of(*root) == std::vector<std::string>{"app-old", "app/", "top"});
  auto app = f.list("secret/app/");
  REQUIRE(app);
  CHECK(keys_of(*app) == std::vector<std::string>{"db", "web/"});
  // Without the trailing slash passthrough adds one.
  auto app2 = f.list("secret/app");
  REQUIRE(app2);
  CHECK(keys_of(*app2) == std::vector<std::string>{"db", "web/"});
  auto web = f.list("secret/app/web/");
  REQUIRE(web);
  CHECK(keys_of(*web) == std::vector<std::string>{"back", "front"});
  auto none = f.list("secret/nothing/");
  REQUIRE_FALSE(none);
  CHECK(none.error() == vault_error{404, {}});
  // A secret is not a folder.
  auto leaf = f.list("secret/top/");
  REQUIRE_FALSE(leaf);
  CHECK(leaf.error() == vault_error{404, {}});
}

TEST_CASE("kv engine: an empty mount lists as 404") {
  kv_fixture f;
  auto r = f.list("secret/");
  REQUIRE_FALSE(r);
  CHECK(r.error() == vault_error{404, {}});
}

TEST_CASE("kv engine: delete removes the secret and its storage key, 204 either way") {
  kv_fixture f;
  REQUIRE(f.write("secret/a", {{"k", "v"}}));
  f.effects();
  auto d = f.remove("secret/a");
  REQUIRE(d);
  CHECK(d->status == 204);
  auto fx = f.effects();
  REQUIRE(fx.size() == 1);
  CHECK(fx[0].kind == trace_kind::storage_delete);
  CHECK(fx[0].subject == "logical/secret/a");
  CHECK(f.stored().empty());
  auto r = f.read("secret/a");
  REQUIRE_FALSE(r);
  CHECK(r.error() == vault_error{404, {}});
  auto again = f.remove("secret/a");
  REQUIRE(again);
  CHECK(again->status == 204);
  CHECK(f.effects().empty());
}

TEST_CASE("kv engine: nothing is leased, so nothing is revoked or tracked") {
  kv_fixture f;
  REQUIRE(f.write("secret/a", {{"k", "v"}}));
  f.effects();
  CHECK(f.ask<bool>(f.engine(), unsecret_atom::value, std::string{"anything"}) ==
        std::optional<bool>{true});
  CHECK(f.ask<life_state>(f.engine(), state_atom::value, std::string{"a"}) ==
        std::optional<life_state>{life_state::unknown});
  CHECK(f.effects().empty());
}
