#include "actors/database_engine.hpp"

#include "actors/sim.test.hpp"
#include "model/texts.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <optional>
#include <regex>

using namespace tokenlab;

namespace {

using fields = std::map<std::string, std::string>;

const std::string templated_url = "postgresql://{{username}}:{{password}}@localhost:5432/postgres";
const std::string create_sql =
  "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'; "
  "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{{name}}\";";

// One database mount on the deterministic scheduler, with its tracer and storage.
class db_fixture {
public:
  explicit db_fixture(std::uint64_t seed = 7, std::string mount = "database/")
    : mount_(std::move(mount))
    , sim_(seed)
    , engine_(sim_.driver().system().spawn(database_engine_actor, sim_.ctx(), mount_)) {}

  ~db_fixture() { caf::anon_send_exit(engine_, caf::exit_reason::user_shutdown); }

  db_fixture(const db_fixture&) = delete;
  db_fixture& operator=(const db_fixture&) = delete;

  template <class T, class... Ts>
  std::optional<T> ask(const logical_engine& dest, Ts&&... xs) {
    return sim_.ask<T>(dest, std::forward<Ts>(xs)...);
  }

  api_outcome write(const std::string& sub, fields f) {
    auto r = ask<api_outcome>(engine_, write_atom::value,
                              logical_write_request{mount_ + sub, std::move(f)});
    REQUIRE(r);
    return *r;
  }

  outcome<secret_result> read(const std::string& sub, std::string display_name = "root") {
    auto r = ask<outcome<secret_result>>(
      engine_, read_atom::value, engine_read{mount_ + sub, std::move(display_name), {}, {}});
    REQUIRE(r);
    return *r;
  }

  api_outcome list(const std::string& sub) {
    auto r = ask<api_outcome>(engine_, list_atom::value, mount_ + sub);
    REQUIRE(r);
    return *r;
  }

  api_outcome remove(const std::string& sub) {
    auto r = ask<api_outcome>(engine_, delete_path_atom::value, mount_ + sub);
    REQUIRE(r);
    return *r;
  }

  bool unsecret(const std::string& handle) {
    return ask<bool>(engine_, unsecret_atom::value, handle).value_or(false);
  }

  life_state state(const std::string& name) {
    return ask<life_state>(engine_, state_atom::value, name).value_or(life_state::valid);
  }

  std::vector<trace_event> effects() { return sim_.effects(); }

  void advance(sim_duration d) { sim_.driver().advance_to(sim_.driver().now() + d); }

  // The documented setup: a connection that allows `allowed`, and the role `readonly`.
  void setup(const std::string& allowed = "readonly") {
    auto c = write("config/my-db", {{"plugin_name", "postgresql-database-plugin"},
                                    {"connection_url", templated_url},
                                    {"allowed_roles", allowed},
                                    {"username", "vault"},
                                    {"password", "vault-pw"}});
    REQUIRE(c);
    REQUIRE(c->status == 204);
    auto r = write("roles/readonly", {{"db_name", "my-db"},
                                      {"creation_statements", create_sql},
                                      {"default_ttl", "1h"},
                                      {"max_ttl", "24h"}});
    REQUIRE(r);
    REQUIRE(r->status == 204);
    effects();
  }

private:
  std::string mount_;
  actor_sim sim_;
  logical_engine engine_;
};

std::string str(const data_map& d, const std::string& key) {
  return std::get<std::string>(d.at(key));
}

std::vector<std::string> strs(const data_map& d, const std::string& key) {
  return std::get<std::vector<std::string>>(d.at(key));
}

std::string wrapped(const std::string& msg) {
  return "1 error occurred:\n\t* " + msg + "\n\n";
}

} // namespace

TEST_CASE("database engine: creds create a user named by postgresql's default template") {
  db_fixture f;
  f.setup();
  f.advance(secs(90));
  auto s = f.read("creds/readonly");
  REQUIRE(s);
  auto user = str(s->data, "username");
  // v-<display name:8>-<role:8>-<random 20>-<unix time>
  CHECK(std::regex_match(user, std::regex{"v-root-readonly-[0-9A-Za-z]{20}-1704067290"}));
  CHECK(s->handle == user);
  CHECK(s->credential == user);
  CHECK(s->ttl == secs(3600));
  CHECK(s->max_ttl == secs(86400));
  CHECK(s->renewable);
  CHECK_FALSE(s->ttl_from_data);
  CHECK(s->data.size() == 2);

  auto fx = f.effects();
  REQUIRE(fx.size() == 1);
  CHECK(fx[0].kind == trace_kind::credential_created);
  CHECK(fx[0].subject == user);
  REQUIRE(fx[0].credential);
  CHECK(fx[0].credential->what == credential_facts::type::database_user);
  CHECK(fx[0].at == sim_time{secs(90)});
  CHECK(f.state(user) == life_state::active);
}

TEST_CASE("database engine: passwords follow Vault's default password generator") {
  db_fixture f;
  f.setup();
  for (int i = 0; i < 20; ++i) {
    auto s = f.read("creds/readonly");
    REQUIRE(s);
    auto pw = str(s->data, "password");
    CHECK(std::regex_match(pw, std::regex{"[-0-9A-Za-z]{20}"}));
    CHECK(std::regex_search(pw, std::regex{"[a-z]"}));
    CHECK(std::regex_search(pw, std::regex{"[A-Z]"}));
    CHECK(std::regex_search(pw, std::regex{"[0-9]"}));
    CHECK(pw.find('-') != std::string::npos);
  }
}

TEST_CASE("database engine: display and role names are cut to 8 characters") {
  db_fixture f;
  f.setup("*");
  REQUIRE(
    f.write("roles/analytics-reader", {{"db_name", "my-db"}, {"creation_statements", create_sql}}));
  auto s = f.read("creds/analytics-reader", "token-ci-pipeline");
  REQUIRE(s);
  CHECK(std::regex_match(str(s->data, "username"),
                         std::regex{"v-token-ci-analytic-[0-9A-Za-z]{20}-1704067200"}));
  // No role TTLs: the core applies the mount's defaults.
  CHECK(s->ttl == sim_duration::zero());
  CHECK(s->max_ttl == sim_duration::zero());
}

TEST_CASE("database engine: ids come from the mount's own seeded stream") {
  auto first_user = [](std::uint64_t seed, const std::string& mount) {
    db_fixture f{seed, mount};
    f.setup();
    auto s = f.read("creds/readonly");
    REQUIRE(s);
    return str(s->data, "username") + "/" + str(s->data, "password");
  };
  auto a = first_user(7, "database/");
  CHECK(a == first_user(7, "database/"));
  CHECK(a != first_user(8, "database/"));
  CHECK(a != first_user(7, "postgres/"));
}

TEST_CASE("database engine: revoking drops the user once") {
  db_fixture f;
  f.setup();
  auto s = f.read("creds/readonly");
  REQUIRE(s);
  f.effects();
  CHECK(f.unsecret(s->handle));
  auto fx = f.effects();
  REQUIRE(fx.size() == 1);
  CHECK(fx[0].kind == trace_kind::credential_deleted);
  CHECK(fx[0].subject == s->handle);
  REQUIRE(fx[0].credential);
  CHECK(fx[0].credential->what == credential_facts::type::database_user);
  CHECK(f.state(s->handle) == life_state::deleted);
  CHECK(f.unsecret(s->handle));
  CHECK(f.effects().empty());
  CHECK(f.unsecret("v-nobody"));
  CHECK(f.state("v-nobody") == life_state::unknown);
  CHECK(f.effects().empty());
}

TEST_CASE("database engine: creds errors in Vault's words and order") {
  db_fixture f;
  f.setup();
  auto unknown = f.read("creds/nope");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error() == vault_error{400, {"unknown role: nope"}});

  REQUIRE(f.write("roles/orphan", {{"db_name", "other-db"}, {"creation_statements", create_sql}}));
  auto no_conn = f.read("creds/orphan");
  REQUIRE_FALSE(no_conn);
  CHECK(no_conn.error() ==
        vault_error{500, {wrapped("failed to find entry for connection with name: \"other-db\"")}});

  REQUIRE(f.write("roles/writer", {{"db_name", "my-db"}, {"creation_statements", create_sql}}));
  auto denied = f.read("creds/writer");
  REQUIRE_FALSE(denied);
  CHECK(denied.error() == vault_error{500, {wrapped("\"writer\" is not an allowed role")}});

  REQUIRE(f.write("roles/lazy", {{"db_name", "my-db"}}));
  REQUIRE(f.write("config/my-db", {{"allowed_roles", "readonly,lazy"}}));
  auto empty = f.read("creds/lazy");
  REQUIRE_FALSE(empty);
  CHECK(empty.error() == vault_error{500, {wrapped("empty creation statements")}});
  CHECK(empty.error().message() == texts::handler_error(texts::db_empty_creation_statements));
  // No user was created by any of them.
  for (const auto& ev : f.effects())
    CHECK(ev.kind != trace_kind::credential_created);
}

TEST_CASE("database engine: allowed_roles takes a comma list, * and globs") {
  struct row {
    std::string allowed;
    bool readonly;
  };
  for (const auto& r : std::vector<row>{{"", false},
                                        {"readonly", true},
                                        {"writer, readonly", true},
                                        {"*", true},
                                        {"read*", true},
                                        {"*only", true},
                                        {"r*d*y", true},
                                        {"write*", false},
                                        {"readonl", false}}) {
    db_fixture f;
    f.setup(r.allowed);
    CAPTURE(r.allowed);
    CHECK(bool(f.read("creds/readonly")) == r.readonly);
  }
}

TEST_CASE("database engine: config writes refused with Vault's texts") {
  db_fixture f;
  auto no_plugin = f.write("config/db", {{"connection_url", templated_url}});
  REQUIRE_FALSE(no_plugin);
  CHECK(no_plugin.error() == vault_error{400, {"empty plugin name"}});

  auto mysql = f.write(
    "config/db", {{"plugin_name", "mysql-database-plugin"}, {"connection_url", templated_url}});
  REQUIRE_FALSE(mysql);
  CHECK(mysql.error() ==
        vault_error{400,
                    {"database plugin \"mysql-database-plugin\" is not modelled by tokenlab yet "
                     "(postgresql-database-plugin is)"}});

  auto no_url = f.write("config/db", {{"plugin_name", "postgresql-database-plugin"}});
  REQUIRE_FALSE(no_url);
  CHECK(no_url.error() ==
        vault_error{400, {"error creating database object: connection_url cannot be empty"}});

  auto templated = f.write("config/db", {{"plugin_name", "postgresql-database-plugin"},
                                         {"connection_url", templated_url},
                                         {"username", "{{username}}"}});
  REQUIRE_FALSE(templated);
  CHECK(templated.error() ==
        vault_error{400,
                    {"error creating database object: username and/or password cannot contain "
                     "the template variables"}});

  auto bad_bool = f.write("config/db", {{"plugin_name", "postgresql-database-plugin"},
                                        {"connection_url", templated_url},
                                        {"verify_connection", "maybe"}});
  REQUIRE_FALSE(bad_bool);
  CHECK(bad_bool.error() ==
        vault_error{400,
                    {"error converting input maybe for field \"verify_connection\": cannot parse "
                     "'' as bool: strconv.ParseBool: parsing \"maybe\": invalid syntax"}});

  auto policy = f.write("config/db", {{"plugin_name", "postgresql-database-plugin"},
                                      {"connection_url", templated_url},
                                      {"password_policy", "strict"}});
  REQUIRE_FALSE(policy);
  CHECK(policy.error() == vault_error{400, {"password policies are not modelled by tokenlab yet"}});
  CHECK(f.effects().empty());
}

TEST_CASE("database engine: a password in connection_url is warned about and redacted") {
  db_fixture f;
  auto w =
    f.write("config/db", {{"plugin_name", "postgresql-database-plugin"},
                          {"connection_url", "postgresql://vault:pw@localhost:5432/postgres"},
                          {"allowed_roles", "*"}});
  REQUIRE(w);
  CHECK(w->status == 200);
  CHECK_FALSE(w->data);
  CHECK(w->warnings ==
        std::vector<std::string>{
          "Password found in connection_url, use a templated url to enable root rotation and "
          "prevent read access to password information.",
          "Endpoint ignored these unrecognized parameters: [connection_url]"});
  auto r = f.read("config/db");
  REQUIRE(r);
  auto details = std::get<std::map<std::string, std::string>>(r->data.at("connection_details"));
  CHECK(details == std::map<std::string, std::string>{
                     {"connection_url", "postgresql://vault:xxxxx@localhost:5432/postgres"}});

  // Templated, DSN-style, or without a password: no warning, shown as written.
  for (auto url : {templated_url, std::string{"host=localhost user=vault password=pw"},
                   std::string{"postgresql://vault@localhost:5432/postgres"},
                   std::string{"postgresql://vault:pw@localhost:port/postgres"}}) {
    CAPTURE(url);
    auto q =
      f.write("config/q", {{"plugin_name", "postgresql-database-plugin"}, {"connection_url", url}});
    REQUIRE(q);
    CHECK(q->status == 204);
    auto back = f.read("config/q");
    REQUIRE(back);
    CHECK(std::get<std::map<std::string, std::string>>(back->data.at("connection_details"))
            .at("connection_url") == url);
  }
}

TEST_CASE("database engine: config reads back without its password, updates merge") {
  db_fixture f;
  f.setup();
  auto fx = f.write("config/my-db", {{"allowed_roles", "readonly, writer"}});
  REQUIRE(fx);
  CHECK(fx->status == 204);
  auto r = f.read("config/my-db");
  REQUIRE(r);
  CHECK(r->handle.empty());
  CHECK(strs(r->data, "allowed_roles") == std::vector<std::string>{"readonly", "writer"});
  CHECK(
    std::get<std::map<std::string, std::string>>(r->data.at("connection_details")) ==
    std::map<std::string, std::string>{{"connection_url", templated_url}, {"username", "vault"}});
  CHECK(str(r->data, "plugin_name") == "postgresql-database-plugin");
  CHECK(str(r->data, "plugin_version").empty());
  CHECK(str(r->data, "password_policy").empty());
  CHECK(strs(r->data, "root_credentials_rotate_statements").empty());
  CHECK(std::get<bool>(r->data.at("verify_connection")));
  auto missing = f.read("config/none");
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == vault_error{404, {}});
  auto ev = f.effects();
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == trace_kind::config_written);
  CHECK(ev[0].subject == "database/config/my-db");
}

TEST_CASE("database engine: roles need a database name, their TTLs are Vault durations") {
  db_fixture f;
  auto no_db = f.write("roles/r", {{"creation_statements", create_sql}});
  REQUIRE_FALSE(no_db);
  CHECK(no_db.error() == vault_error{400, {"database name is required"}});

  // TypeDurationSecond: parseutil.ParseDurationSecond's Go errors, negatives refused.
  for (const auto& [value, error] : std::vector<std::pair<std::string, std::string>>{
         {"1x", "time: unknown unit \"x\" in duration \"1x\""},
         {"abc", "time: invalid duration \"abc\""},
         {"1h30", "time: missing unit in duration \"1h30\""},
         {"1 h", "time: unknown unit \" h\" in duration \"1 h\""},
         {"1.5d", "strconv.ParseInt: parsing \"1.5\": invalid syntax"},
         {"d", "strconv.ParseInt: parsing \"\": invalid syntax"},
         {"-5", "cannot provide negative value '-5'"},
         {"-1h", "cannot provide negative value '-3600'"}}) {
    CAPTURE(value);
    auto bad = f.write("roles/r", {{"db_name", "my-db"}, {"max_ttl", value}});
    REQUIRE_FALSE(bad);
    CHECK(
      bad.error() ==
      vault_error{400, {"error converting input " + value + " for field \"max_ttl\": " + error}});
  }
  // Both TTL fields are converted before the handler asks for db_name.
  auto order = f.write("roles/r", {{"default_ttl", "soon"}});
  REQUIRE_FALSE(order);
  CHECK(order.error().message() ==
        "error converting input soon for field \"default_ttl\": time: invalid duration \"soon\"");
  for (const auto& [value, seconds] :
       std::vector<std::pair<std::string, std::int64_t>>{{"", 0},
                                                         {"90", 90},
                                                         {"+90", 90},
                                                         {"90m", 5400},
                                                         {"1.5h", 5400},
                                                         {"1500ms", 1},
                                                         {"7d", 604800},
                                                         {"1h30m15s", 5415},
                                                         {"0", 0},
                                                         {".5h", 1800}}) {
    CAPTURE(value);
    REQUIRE(f.write("roles/ttl", {{"db_name", "my-db"}, {"default_ttl", value}}));
    auto r = f.read("roles/ttl");
    REQUIRE(r);
    CHECK(std::get<std::int64_t>(r->data.at("default_ttl")) == seconds);
  }

  auto ok = f.write("roles/r", {{"db_name", "my-db"},
                                {"creation_statements", create_sql},
                                {"default_ttl", "3600"},
                                {"max_ttl", "2d"}});
  REQUIRE(ok);
  CHECK(ok->status == 204);
  // An update keeps what it does not name.
  REQUIRE(f.write("roles/r", {{"max_ttl", "48h"}}));
  auto r = f.read("roles/r");
  REQUIRE(r);
  CHECK(r->handle.empty());
  CHECK(str(r->data, "db_name") == "my-db");
  CHECK(strs(r->data, "creation_statements") == std::vector<std::string>{create_sql});
  CHECK(strs(r->data, "revocation_statements").empty());
  CHECK(strs(r->data, "rollback_statements").empty());
  CHECK(strs(r->data, "renew_statements").empty());
  CHECK(std::get<std::int64_t>(r->data.at("default_ttl")) == 3600);
  CHECK(std::get<std::int64_t>(r->data.at("max_ttl")) == 172800);
  CHECK(str(r->data, "credential_type") == "password");
  auto missing = f.read("roles/none");
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == vault_error{404, {}});
}

TEST_CASE("database engine: list and delete roles and connections") {
  db_fixture f;
  auto empty = f.list("roles/");
  REQUIRE_FALSE(empty);
  CHECK(empty.error() == vault_error{404, {}});
  f.setup();
  REQUIRE(f.write("roles/analyst", {{"db_name", "my-db"}}));
  auto roles = f.list("roles/");
  REQUIRE(roles);
  CHECK(strs(*roles->data, "keys") == std::vector<std::string>{"analyst", "readonly"});
  auto conns = f.list("config/");
  REQUIRE(conns);
  CHECK(strs(*conns->data, "keys") == std::vector<std::string>{"my-db"});

  auto d = f.remove("roles/readonly");
  REQUIRE(d);
  CHECK(d->status == 204);
  auto gone = f.read("creds/readonly");
  REQUIRE_FALSE(gone);
  CHECK(gone.error() == vault_error{400, {"unknown role: readonly"}});
  REQUIRE(f.remove("config/my-db"));
  auto no_conns = f.list("config/");
  REQUIRE_FALSE(no_conns);
  CHECK(no_conns.error() == vault_error{404, {}});
}

TEST_CASE("database engine: paths outside its routes, and operations they lack") {
  db_fixture f;
  f.setup();
  auto write_creds = f.write("creds/readonly", {{"a", "b"}});
  REQUIRE_FALSE(write_creds);
  CHECK(write_creds.error() == vault_error{405, {"unsupported operation"}});
  auto del_creds = f.remove("creds/readonly");
  REQUIRE_FALSE(del_creds);
  CHECK(del_creds.error() == vault_error{405, {"unsupported operation"}});
  auto read_list = f.read("roles/");
  REQUIRE_FALSE(read_list);
  CHECK(read_list.error() == vault_error{405, {"unsupported operation"}});
  for (auto sub : {"nothing", "roles/a/b", "creds/-bad", "config"}) {
    CAPTURE(sub);
    auto r = f.read(sub);
    if (std::string{sub} == "config") {
      CHECK(r.error() == vault_error{405, {"unsupported operation"}});
      continue;
    }
    REQUIRE_FALSE(r);
    CHECK(r.error() == vault_error{404, {"unsupported path"}});
  }
  auto static_role = f.write("static-roles/app", {{"db_name", "my-db"}});
  REQUIRE_FALSE(static_role);
  CHECK(static_role.error() ==
        vault_error{400,
                    {"the database engine's path \"static-roles/app\" is not modelled by "
                     "tokenlab yet"}});
}
