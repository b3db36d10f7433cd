// The line language: header directives, every vault command and flag form, references,
// time steps, notes and expectations (errors are in parser_errors.test.cpp).

#include "language/parser.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

using namespace tokenlab;
using namespace std::chrono_literals;

namespace {

scenario parse_ok(std::string_view text, const std::string& file = "t.scn") {
  auto result = parse_scenario_text(text, file);
  if (const auto* err = std::get_if<parse_error>(&result))
    FAIL(err->render());
  return std::get<scenario>(std::move(result));
}

const vault_step& vault_at(const scenario& sc, std::size_t i) {
  REQUIRE(i < sc.steps.size());
  const auto* v = std::get_if<vault_step>(&sc.steps[i].body);
  REQUIRE(v != nullptr);
  return *v;
}

template <class Cmd>
const Cmd& command(const scenario& sc, std::size_t i = 0) {
  const auto* c = std::get_if<Cmd>(&vault_at(sc, i).cmd);
  REQUIRE(c != nullptr);
  return *c;
}

/// The only step of `line` (after a step defining t1 and c), as command type Cmd.
template <class Cmd>
Cmd only(std::string_view line) {
  const std::string text =
    "vault token create => t1\nvault read aws/creds/r => c\n" + std::string(line) + "\n";
  return command<Cmd>(parse_ok(text), 2);
}

/// A fresh directory under /tmp, removed with its files when the test ends.
class temp_dir {
public:
  temp_dir() {
    char pattern[] = "/tmp/tokenlab-parser-test-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    path_ = pattern;
  }
  ~temp_dir() {
    for (auto it = files_.rbegin(); it != files_.rend(); ++it)
      std::remove(it->c_str());
    std::remove(path_.c_str());
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::string& path() const { return path_; }

  /// Writes `text` to `name` inside the directory (a subdirectory is created if needed).
  std::string write(const std::string& name, std::string_view text) {
    const std::size_t slash = name.find('/');
    if (slash != std::string::npos) {
      const std::string sub = path_ + "/" + name.substr(0, slash);
      mkdir_once(sub);
    }
    const std::string file = path_ + "/" + name;
    std::FILE* f = std::fopen(file.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
    files_.push_back(file);
    return file;
  }

private:
  void mkdir_once(const std::string& dir) {
    for (const auto& f : files_)
      if (f == dir)
        return;
    REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    files_.push_back(dir);
  }

  std::string path_;
  std::vector<std::string> files_; ///< files and directories, in creation order
};

} // namespace

TEST_CASE("header directives set the title, sources, seed, epoch and server config") {
  const auto sc = parse_ok("# A01\n"
                           "title \"Renewal is capped by the max TTL\"\n"
                           "source tokens.html.md (2016)\n"
                           "source 'PR #1375'\n"
                           "seed 7\n"
                           "epoch 2018-01-11T20:20:47Z\n"
                           "config default_lease_ttl=1h max_lease_ttl=10h\n");
  CHECK(sc.file == "t.scn");
  CHECK(sc.title == "Renewal is capped by the max TTL");
  CHECK(sc.sources == std::vector<std::string>{"tokens.html.md (2016)", "PR #1375"});
  CHECK(sc.seed == 7);
  CHECK(sc.epoch_unix == 1515702047);
  CHECK(sc.config.default_lease_ttl == 1h);
  CHECK(sc.config.max_lease_ttl == 10h);
  CHECK(sc.steps.empty());
}

TEST_CASE("a scenario without a header keeps Vault's defaults") {
  const auto sc = parse_ok("advance 1s\n");
  CHECK(sc.seed == 1);
  CHECK(sc.epoch_unix == default_epoch_unix);
  CHECK(sc.config.default_lease_ttl == 768h);
  CHECK(sc.config.max_lease_ttl == 768h);
}

TEST_CASE("a config value of zero means Vault's 768h default") {
  const auto sc = parse_ok("config default_lease_ttl=0 max_lease_ttl=1000h\n");
  CHECK(sc.config.default_lease_ttl == 768h);
}

TEST_CASE("token create turns every flag into the create request") {
  const auto sc = parse_ok(
    "vault token create -policy=default -policy=\"web, db\" -metadata=team=ops "
    "-metadata user=bob -ttl=1h -explicit-max-ttl 2h -period=30m --orphan -no-default-policy "
    "-renewable=false -display-name=web -use-limit=2 -type=service -id=my-token -format=json "
    "=> t1\n");
  const auto& v = vault_at(sc, 0);
  CHECK(v.spelling == "token create");
  CHECK(v.json);
  CHECK(v.name == "t1");
  CHECK_FALSE(v.vault_token);
  const auto& req = command<cmd_token_create>(sc).req;
  CHECK(req.policies == std::vector<std::string>{"default", "web", "db"});
  CHECK(req.meta == std::map<std::string, std::string>{{"team", "ops"}, {"user", "bob"}});
  CHECK(req.ttl == 1h);
  CHECK(req.explicit_max_ttl == 2h);
  CHECK(req.period == 30min);
  CHECK(req.no_parent);
  CHECK(req.no_default_policy);
  CHECK_FALSE(req.renewable);
  CHECK(req.display_name == "web");
  CHECK(req.num_uses == 2);
  CHECK(req.type == "service");
  CHECK(req.id == "my-token");
  CHECK_FALSE(req.orphan_endpoint);
}

TEST_CASE("token create without flags asks for nothing and is renewable") {
  const auto sc = parse_ok("vault token create\n");
  const auto& req = command<cmd_token_create>(sc).req;
  CHECK(req.policies.empty());
  CHECK(req.ttl == 0s);
  CHECK(req.renewable);
  CHECK(req.type == "service");
  CHECK_FALSE(vault_at(sc, 0).json);
}

TEST_CASE("the 0.x token-create spelling and its -lease flag still work") {
  const auto sc = parse_ok("vault token-create -lease=30s -format=table\n"
                           "vault token-create -ttl=1m -lease=30s\n");
  CHECK(vault_at(sc, 0).spelling == "token-create");
  CHECK(command<cmd_token_create>(sc, 0).req.ttl == 30s);
  CHECK(command<cmd_token_create>(sc, 1).req.ttl == 1min); // -ttl wins over -lease
}

TEST_CASE("a batch token is created non-renewable, as the CLI sends it") {
  const auto req = only<cmd_token_create>("vault token create -type=batch -renewable=true").req;
  CHECK(req.type == "batch");
  CHECK_FALSE(req.renewable);
}

TEST_CASE("boolean flags take -flag, -flag=true or -flag=false, and the last use wins") {
  CHECK(only<cmd_token_create>("vault token create -orphan=true").req.no_parent);
  CHECK_FALSE(only<cmd_token_create>("vault token create -orphan -orphan=false").req.no_parent);
  CHECK(only<cmd_token_create>("vault token create -ttl=1h -ttl=2h").req.ttl == 2h);
}

TEST_CASE("login takes a token, literal or referenced") {
  const auto a = only<cmd_login>("vault login -method=token $t1");
  CHECK(a.token.ref_name == "t1");
  CHECK(a.method == "token");
  CHECK(a.path == "token/");
  CHECK(a.fields.empty());
  const auto b = only<cmd_login>("vault login s.abc");
  CHECK(b.token.literal == "s.abc");
  CHECK_FALSE(b.token.is_ref());
  CHECK(b.method == "token");
}

TEST_CASE("login with a token also takes token=, other pairs and an empty -method") {
  const auto a = only<cmd_login>("vault login token=$t1");
  CHECK(a.token.ref_name == "t1");
  CHECK(a.token.loc.col == 19);
  CHECK(a.fields.empty());
  const auto b = only<cmd_login>("vault login -method= -path=/tok/ s.abc note=x");
  CHECK(b.method == "token");
  CHECK(b.path == "tok/");
  CHECK(b.token.literal == "s.abc");
  REQUIRE(b.fields.size() == 1);
  CHECK(b.fields[0].first == "note");
  CHECK(b.fields[0].second.literal == "x");
}

TEST_CASE("login -method=userpass keeps its pairs as fields and finds its mount") {
  const auto a = only<cmd_login>("vault login -method=userpass username=alice password=$t1");
  CHECK(a.method == "userpass");
  CHECK(a.path == "userpass/");
  CHECK(a.token.literal.empty());
  CHECK_FALSE(a.token.is_ref());
  REQUIRE(a.fields.size() == 2);
  CHECK(a.fields[0].first == "username");
  CHECK(a.fields[0].second.literal == "alice");
  CHECK(a.fields[1].first == "password");
  CHECK(a.fields[1].second.ref_name == "t1");
  CHECK(a.fields[1].second.loc.col == 54);
  CHECK(
    only<cmd_login>("vault login -method=/userpass/ -path=/people/ username=a password=p").path ==
    "people/");
  CHECK(only<cmd_login>("vault login -method userpass username=$t1.accessor password=p")
          .fields[0]
          .second.ref_field == "accessor");
  // A mount= pair names the mount as -path does, and wins over it (login.go); it is no field.
  const auto m = only<cmd_login>("vault login -method=userpass -path=a mount=b/ username=u "
                                 "password=p");
  CHECK(m.path == "b/");
  CHECK(m.fields.size() == 2);
  CHECK(only<cmd_login>("vault login -method=userpass -format=json username=u password=p "
                        "passcode=123")
          .fields.size() == 3);
}

TEST_CASE("token lookup looks up self, a token or an accessor") {
  const auto self = only<cmd_token_lookup>("vault token lookup");
  CHECK(self.by == token_selector::self);
  CHECK_FALSE(self.value);
  const auto tok = only<cmd_token_lookup>("vault token-lookup $t1");
  CHECK(tok.by == token_selector::token);
  CHECK(tok.value->ref_name == "t1");
  const auto acc = only<cmd_token_lookup>("vault token lookup -accessor $t1.accessor");
  CHECK(acc.by == token_selector::accessor);
  CHECK(acc.value->ref_field == "accessor");
}

TEST_CASE("token renew takes an increment as a flag or as the 0.x second argument") {
  const auto a = only<cmd_token_renew>("vault token renew -increment=9h $t1");
  CHECK(a.by == token_selector::token);
  CHECK(a.increment == 9h);
  CHECK(only<cmd_token_renew>("vault token renew -i 120s $t1").increment == 120s);
  CHECK(only<cmd_token_renew>("vault token-renew $t1 1h").increment == 1h);
  // Vault 0.6: "If both are specified prefer the argument".
  CHECK(only<cmd_token_renew>("vault token-renew -increment=5m $t1 1h").increment == 1h);
  const auto self = only<cmd_token_renew>("vault token renew");
  CHECK(self.by == token_selector::self);
  CHECK(self.increment == 0s);
  const auto acc = only<cmd_token_renew>("vault token renew -accessor $t1.accessor");
  CHECK(acc.by == token_selector::accessor);
  // Vault renews the calling token when no argument is given, even with -accessor.
  CHECK(only<cmd_token_renew>("vault token renew -accessor").by == token_selector::self);
}

TEST_CASE("token revoke revokes a tree, orphans children, a path, by accessor or self") {
  const auto tree = only<cmd_token_revoke>("vault token revoke $t1");
  CHECK(tree.by == token_selector::token);
  CHECK(tree.mode.empty());
  CHECK(tree.value->ref_name == "t1");
  CHECK(only<cmd_token_revoke>("vault token revoke -mode=orphan $t1").mode == "orphan");
  CHECK(only<cmd_token_revoke>("vault token-revoke -mode path auth/token/create").mode == "path");
  const auto acc = only<cmd_token_revoke>("vault token revoke -accessor $t1.accessor");
  CHECK(acc.by == token_selector::accessor);
  const auto self = only<cmd_token_revoke>("vault token revoke -self");
  CHECK(self.by == token_selector::self);
  CHECK_FALSE(self.value);
}

TEST_CASE("auth tune normalises every spelling of the token mount to auth/token/") {
  for (const char* path : {"token", "token/", "auth/token", "auth/token/", "/auth/token/"}) {
    INFO(path);
    const auto tune = only<cmd_auth_tune>(std::string("vault auth tune -max-lease-ttl=2h ") + path);
    CHECK(tune.req.mount == "auth/token/");
    CHECK(tune.req.max_lease_ttl == std::optional<sim_duration>{2h});
    CHECK_FALSE(tune.req.default_lease_ttl);
  }
  CHECK(only<cmd_auth_tune>("vault auth tune userpass").req.mount == "auth/userpass/");
}

TEST_CASE("a tune value of system resets to the inherited value") {
  const auto tune = only<cmd_auth_tune>("vault auth tune -default-lease-ttl=system token/");
  CHECK(tune.req.default_lease_ttl == std::optional<sim_duration>{0s});
}

TEST_CASE("a tune sends what the CLI's ttlToAPI sends: a negative resets, 0 leaves the value") {
  // -1 (and any negative) is sent as "system"; 0, the flag's default, as "" (no change).
  const auto minus = only<cmd_auth_tune>("vault auth tune -default-lease-ttl=-1 -max-lease-ttl=-5m token/");
  CHECK(minus.req.default_lease_ttl == std::optional<sim_duration>{0s});
  CHECK(minus.req.max_lease_ttl == std::optional<sim_duration>{0s});
  const auto zero = only<cmd_secrets_tune>("vault secrets tune -max-lease-ttl=0 aws");
  CHECK_FALSE(zero.req.max_lease_ttl);
  // -token-type is sent only when given a value.
  CHECK(only<cmd_auth_tune>("vault auth tune -token-type=batch userpass").req.token_type ==
        std::optional<std::string>{"batch"});
  CHECK_FALSE(only<cmd_auth_tune>("vault auth tune -token-type= userpass").req.token_type);
  CHECK_FALSE(only<cmd_auth_tune>("vault auth tune -max-lease-ttl=1h userpass").req.token_type);
}

TEST_CASE("the 0.x mount-tune takes the full path of an auth method") {
  const auto sc = parse_ok("vault mount-tune -max-lease-ttl=\"2h\" auth/token\n"
                           "vault mount-tune -default-lease-ttl=1h token\n"
                           "vault mount-tune -default-lease-ttl=1h auth/userpass/\n");
  CHECK(vault_at(sc, 0).spelling == "mount-tune");
  CHECK(command<cmd_auth_tune>(sc, 0).req.mount == "auth/token/");
  CHECK(command<cmd_auth_tune>(sc, 1).req.mount == "auth/token/");
  CHECK(command<cmd_auth_tune>(sc, 2).req.mount == "auth/userpass/");
}

TEST_CASE("secrets enable mounts at the type unless -path says otherwise") {
  const auto a = only<cmd_secrets_enable>("vault secrets enable aws");
  CHECK(a.type == "aws");
  CHECK(a.path == "aws/");
  const auto b = only<cmd_secrets_enable>("vault secrets enable -path=/team/aws// aws");
  CHECK(b.path == "team/aws/");
}

TEST_CASE("auth enable mounts at the type unless -path says otherwise") {
  const auto a = only<cmd_auth_enable>("vault auth enable userpass");
  CHECK(a.type == "userpass");
  CHECK(a.path == "userpass/");
  const auto b = only<cmd_auth_enable>("vault auth enable -path=/people// userpass");
  CHECK(b.type == "userpass");
  CHECK(b.path == "people/");
  const auto sc = parse_ok("vault auth enable -path people userpass\n");
  CHECK(vault_at(sc, 0).spelling == "auth enable");
  CHECK(command<cmd_auth_enable>(sc).path == "people/");
}

TEST_CASE("auth list takes -detailed") {
  CHECK_FALSE(only<cmd_auth_list>("vault auth list").detailed);
  CHECK(only<cmd_auth_list>("vault auth list -detailed").detailed);
  CHECK(only<cmd_auth_list>("vault auth list -detailed -format=table").detailed);
}

TEST_CASE("secrets tune normalises the mount path with one trailing slash") {
  for (const char* path : {"aws", "aws/", "/aws/", "aws//"}) {
    INFO(path);
    const auto tune =
      only<cmd_secrets_tune>(std::string("vault secrets tune -max-lease-ttl=1h ") + path);
    CHECK(tune.req.mount == "aws/");
    CHECK(tune.req.max_lease_ttl == std::optional<sim_duration>{1h});
    CHECK_FALSE(tune.req.default_lease_ttl);
  }
  const auto reset =
    only<cmd_secrets_tune>("vault secrets tune -default-lease-ttl=system -max-lease-ttl 2h aws");
  CHECK(reset.req.default_lease_ttl == std::optional<sim_duration>{0s});
  CHECK(reset.req.max_lease_ttl == std::optional<sim_duration>{2h});
  CHECK(only<cmd_secrets_tune>("vault secrets tune secret/data").req.mount == "secret/data/");
  CHECK(only<cmd_secrets_tune>("vault secrets tune auth/token").req.mount == "auth/token/");
  const auto none = only<cmd_secrets_tune>("vault secrets tune aws");
  CHECK_FALSE(none.req.default_lease_ttl);
  CHECK_FALSE(none.req.max_lease_ttl);
}

TEST_CASE("write keeps its fields in order, with literal and referenced values") {
  const auto w = only<cmd_write>("vault write cubbyhole/token value=$t1 note='$t1' other=\"a b\"");
  CHECK(w.path == "cubbyhole/token");
  REQUIRE(w.fields.size() == 3);
  CHECK(w.fields[0].first == "value");
  CHECK(w.fields[0].second.ref_name == "t1");
  CHECK(w.fields[1].second.literal == "$t1"); // single quotes keep a literal $
  CHECK(w.fields[2].second.literal == "a b");
}

TEST_CASE("read and lease revoke take a path and a lease id") {
  CHECK(only<cmd_read>("vault read aws/creds/deploy").path == "aws/creds/deploy");
  const auto lease = only<cmd_lease_revoke>("vault lease revoke $c.lease_id");
  CHECK(lease.lease_id.ref_name == "c");
  CHECK(lease.lease_id.ref_field == "lease_id");
  CHECK_FALSE(lease.prefix);
  CHECK_FALSE(lease.force);
  CHECK_FALSE(lease.sync);
  const auto prefix = only<cmd_lease_revoke>("vault lease revoke -prefix aws/creds");
  CHECK(prefix.prefix);
  CHECK(prefix.lease_id.literal == "aws/creds");
}

TEST_CASE("lease revoke takes -force with -prefix, and -sync") {
  const auto force = only<cmd_lease_revoke>("vault lease revoke -force -prefix aws/creds/deploy");
  CHECK(force.force);
  CHECK(force.prefix);
  CHECK_FALSE(force.sync);
  CHECK(only<cmd_lease_revoke>("vault lease revoke -prefix -f aws/creds").force);
  const auto sync = only<cmd_lease_revoke>("vault lease revoke -sync $c.lease_id");
  CHECK(sync.sync);
  CHECK_FALSE(sync.prefix);
  CHECK(sync.lease_id.ref_field == "lease_id");
  CHECK_FALSE(only<cmd_lease_revoke>("vault lease revoke -sync=false $c").sync);
}

TEST_CASE("lease lookup and lease renew take a lease id, renew an -increment") {
  const auto lookup = only<cmd_lease_lookup>("vault lease lookup $c.lease_id");
  CHECK(lookup.lease_id.ref_name == "c");
  CHECK(lookup.lease_id.ref_field == "lease_id");
  const auto sc = parse_ok("vault lease lookup -format=json aws/creds/deploy/abc\n"
                           "vault lease renew -increment=3600 aws/creds/deploy/abc\n");
  CHECK(vault_at(sc, 0).spelling == "lease lookup");
  CHECK(vault_at(sc, 0).json);
  CHECK(command<cmd_lease_lookup>(sc, 0).lease_id.literal == "aws/creds/deploy/abc");
  CHECK(vault_at(sc, 1).spelling == "lease renew");
  CHECK(command<cmd_lease_renew>(sc, 1).increment == 1h);
  const auto renew = only<cmd_lease_renew>("vault lease renew -increment 10m $c");
  CHECK(renew.lease_id.ref_name == "c");
  CHECK(renew.increment == 10min);
  CHECK(only<cmd_lease_renew>("vault lease renew $c").increment == 0s);
}

TEST_CASE("VAULT_TOKEN names the token a command is made with") {
  const auto sc = parse_ok("vault token create -ttl=30s => t\nVAULT_TOKEN=$t vault token-lookup\n"
                           "VAULT_TOKEN=$root vault token lookup\n");
  const auto& v = vault_at(sc, 1);
  REQUIRE(v.vault_token);
  CHECK(v.vault_token->ref_name == "t");
  CHECK(v.vault_token->loc.col == 13);
  CHECK(vault_at(sc, 2).vault_token->ref_name == "root");
}

TEST_CASE("references carry a field and point at their dollar sign") {
  const auto sc = parse_ok("vault token create => t1\nvault token lookup -accessor $t1.accessor\n");
  const auto& value = *command<cmd_token_lookup>(sc, 1).value;
  CHECK(value.ref_name == "t1");
  CHECK(value.ref_field == "accessor");
  CHECK(value.loc.file == "t.scn");
  CHECK(value.loc.line == 2);
  CHECK(value.loc.col == 30);
}

TEST_CASE("a later step may reuse a name and shadows the earlier one") {
  const auto sc = parse_ok("vault token create => t\nvault token create => t\n"
                           "vault token renew $t =>r\n");
  CHECK(vault_at(sc, 1).name == "t");
  CHECK(vault_at(sc, 2).name == "r");
}

TEST_CASE("time steps advance the virtual clock or jump to an offset") {
  const auto sc = parse_ok("advance 6h\nat 6h\nat 7h59m17s\nadvance 43\n");
  const auto time = [&](std::size_t i) { return std::get<time_step>(sc.steps[i].body); };
  CHECK_FALSE(time(0).absolute);
  CHECK(time(0).value == 6h);
  CHECK(time(1).absolute);
  CHECK(time(2).value == 7h + 59min + 17s);
  CHECK(time(3).value == 43s);
}

TEST_CASE("notes keep their text, apostrophes included") {
  const auto sc = parse_ok("note it's capped at \"4h\" # not this\nnote \"a # kept\"\n");
  CHECK(std::get<note_step>(sc.steps[0].body).text == "it's capped at \"4h\"");
  CHECK(std::get<note_step>(sc.steps[1].body).text == "a # kept");
  CHECK(sc.steps[0].text == "note it's capped at \"4h\"");
}

TEST_CASE("a step keeps its location and its text without the comment") {
  const auto sc = parse_ok("\n   vault token create   -ttl=1h   # why\n");
  CHECK(sc.steps[0].loc.line == 2);
  CHECK(sc.steps[0].loc.col == 4);
  CHECK(sc.steps[0].text == "vault token create   -ttl=1h");
}

TEST_CASE("a # inside a word or inside quotes does not start a comment") {
  const auto w = only<cmd_write>("vault write secret/x a=b#c d=\"e # f\"");
  CHECK(w.fields[0].second.literal == "b#c");
  CHECK(w.fields[1].second.literal == "e # f");
}

TEST_CASE("expect compares a named result's field with a typed literal") {
  const auto sc = parse_ok("vault token renew => r\n"
                           "expect r.ttl == 4h\n"
                           "expect r.auth.lease_duration >= 7157\n"
                           "expect r.warnings contains \"exceeded the effective max_ttl\"\n"
                           "expect r.renewable != false\n"
                           "expect r.error == null\n"
                           "expect $r.policies lacks 'root'\n"
                           "expect r.num_uses < -1\n");
  const auto cmp = [&](std::size_t i) {
    return std::get<expect_compare>(std::get<expect_step>(sc.steps[i].body).what);
  };
  using kind = expect_literal::kind;
  CHECK(cmp(1).name == "r");
  CHECK(cmp(1).field == "ttl");
  CHECK(cmp(1).op == expect_op::eq);
  CHECK(cmp(1).value.k == kind::duration);
  CHECK(cmp(1).value.duration == 4h);
  CHECK(cmp(2).field == "auth.lease_duration");
  CHECK(cmp(2).op == expect_op::ge);
  CHECK(cmp(2).value.k == kind::number);
  CHECK(cmp(2).value.number == 7157);
  CHECK(cmp(2).value.duration == 7157s);
  CHECK(cmp(3).op == expect_op::contains);
  CHECK(cmp(3).value.k == kind::string);
  CHECK(cmp(3).value.text == "exceeded the effective max_ttl");
  CHECK(cmp(4).value.k == kind::boolean);
  CHECK_FALSE(cmp(4).value.boolean);
  CHECK(cmp(5).value.k == kind::null);
  CHECK(cmp(6).op == expect_op::lacks);
  CHECK(cmp(6).value.text == "root");
  CHECK(cmp(7).op == expect_op::lt);
  CHECK(cmp(7).value.number == -1);
}

TEST_CASE("a quoted number in an expectation is a string") {
  const auto sc = parse_ok("vault token create => t\nexpect t.ttl == \"4h\"\n");
  const auto cmp = std::get<expect_compare>(std::get<expect_step>(sc.steps[1].body).what);
  CHECK(cmp.value.k == expect_literal::kind::string);
}

TEST_CASE("expect checks the state of a token, a lease or a credential") {
  const auto sc = parse_ok("vault read aws/creds/r => c\n"
                           "expect token $root valid\n"
                           "expect lease $c.lease_id revoked\n"
                           "expect credential $c deleted\n");
  const auto state = [&](std::size_t i) {
    return std::get<expect_state>(std::get<expect_step>(sc.steps[i].body).what);
  };
  CHECK(state(1).kind == object_kind::token);
  CHECK(state(1).subject.ref_name == "root");
  CHECK(state(1).state == object_state::valid);
  CHECK(state(2).kind == object_kind::lease);
  CHECK(state(2).subject.ref_field == "lease_id");
  CHECK(state(2).state == object_state::revoked);
  CHECK(state(3).kind == object_kind::credential);
  CHECK(state(3).state == object_state::deleted);
}

TEST_CASE("the enums print as the scenario language spells them") {
  CHECK(std::string(to_string(expect_op::le)) == "<=");
  CHECK(std::string(to_string(expect_op::lacks)) == "lacks");
  CHECK(std::string(to_string(object_kind::credential)) == "credential");
  CHECK(std::string(to_string(object_state::expired)) == "expired");
  CHECK(std::string(to_string(object_state::active)) == "active");
}

TEST_CASE("a file ending in CRLF lines parses like LF lines") {
  const auto sc = parse_ok("title \"x\"\r\nvault token create -ttl=1h => t1\r\n");
  CHECK(sc.title == "x");
  CHECK(vault_at(sc, 0).name == "t1");
  CHECK(sc.steps[0].text == "vault token create -ttl=1h => t1");
}

TEST_CASE("token create -role creates the token through the named role") {
  const auto req = only<cmd_token_create>("vault token create -role=zabbix -ttl=1h").req;
  CHECK(req.role == "zabbix");
  CHECK(req.ttl == 1h);
  CHECK(only<cmd_token_create>("vault token create -role ops").req.role == "ops");
  CHECK(only<cmd_token_create>("vault token create").req.role.empty());
}

TEST_CASE("policy write reads the policy file relative to the scenario's directory") {
  temp_dir dir;
  const std::string hcl = "path \"secret/*\" {\n  capabilities = [\"read\"]\n}\n";
  const std::string absolute = dir.write("policies/app.hcl", hcl);
  const auto sc = parse_ok("vault policy write app policies/app.hcl => w\nvault policy write abs " +
                             absolute + "\n",
                           dir.path() + "/s.vlab");
  const auto& rel = command<cmd_policy_write>(sc, 0);
  CHECK(rel.name == "app");
  CHECK(rel.origin == "policies/app.hcl");
  CHECK(rel.text == hcl);
  CHECK(vault_at(sc, 0).spelling == "policy write");
  CHECK(vault_at(sc, 0).name == "w");
  CHECK(command<cmd_policy_write>(sc, 1).origin == absolute);
  CHECK(command<cmd_policy_write>(sc, 1).text == hcl);
}

TEST_CASE("a scenario loaded from a file finds its policy files next to it") {
  temp_dir dir;
  dir.write("app.hcl", "path \"auth/token/lookup-self\" { capabilities = [\"read\"] }\n");
  const std::string file = dir.write("s.vlab", "vault policy write App app.hcl\n");
  const auto result = load_scenario(file);
  const auto* sc = std::get_if<scenario>(&result);
  REQUIRE(sc != nullptr);
  CHECK(command<cmd_policy_write>(*sc).name == "App"); // Vault lower-cases it; we keep it
  CHECK(command<cmd_policy_write>(*sc).text ==
        "path \"auth/token/lookup-self\" { capabilities = [\"read\"] }\n");
}

TEST_CASE("policy write - takes the policy verbatim from the heredoc that follows the line") {
  const auto sc = parse_ok("vault policy write test - => w <<EOF\n"
                           "# a comment stays\n"
                           "path \"secret/*\" {\n"
                           "  capabilities = [\"read\", 'list']   \n"
                           "\n"
                           "}\n"
                           " EOF\n"
                           "EOF\n"
                           "vault policy read test\n");
  REQUIRE(sc.steps.size() == 2);
  const auto& write = command<cmd_policy_write>(sc, 0);
  CHECK(write.name == "test");
  CHECK(write.origin == "-");
  CHECK(write.text == "# a comment stays\n"
                      "path \"secret/*\" {\n"
                      "  capabilities = [\"read\", 'list']   \n"
                      "\n"
                      "}\n"
                      " EOF\n");
  CHECK(vault_at(sc, 0).name == "w");
  CHECK(sc.steps[0].text == "vault policy write test - => w <<EOF");
  CHECK(sc.steps[0].loc.line == 1);
  CHECK(sc.steps[1].loc.line == 9);
  CHECK(command<cmd_policy_read>(sc, 1).name == "test");
}

TEST_CASE("a heredoc may be empty, and its word may be spaced, quoted or any name") {
  const auto sc =
    parse_ok("vault policy write a - <<EOF\nEOF\n"
             "vault policy write b - << END_1 # a comment after the marker\nx\nEND_1\n"
             "vault policy write c - <<'HCL'\ny\nHCL\n");
  CHECK(command<cmd_policy_write>(sc, 0).text.empty());
  CHECK(command<cmd_policy_write>(sc, 1).text == "x\n");
  CHECK(sc.steps[1].text == "vault policy write b - << END_1");
  CHECK(command<cmd_policy_write>(sc, 2).text == "y\n");
}

TEST_CASE("a heredoc in a CRLF file has LF lines and ends at its word") {
  const auto sc =
    parse_ok("vault policy write a - <<EOF\r\npath \"x\" {}\r\nEOF\r\nadvance 1s\r\n");
  CHECK(command<cmd_policy_write>(sc, 0).text == "path \"x\" {}\n");
  CHECK(sc.steps.size() == 2);
}

TEST_CASE("a quoted << is an ordinary word, not a heredoc") {
  const auto w = only<cmd_write>("vault write secret/x a='<<EOF'");
  CHECK(w.fields[0].second.literal == "<<EOF");
}

TEST_CASE("policy read takes a policy name") {
  const auto sc = parse_ok("vault policy read -format=json default\n");
  CHECK(command<cmd_policy_read>(sc).name == "default");
  CHECK(vault_at(sc, 0).json);
  CHECK(vault_at(sc, 0).spelling == "policy read");
}

TEST_CASE("token capabilities asks for the caller, a token or an accessor on a path") {
  const auto self = only<cmd_token_capabilities>("vault token capabilities secret/foo");
  CHECK(self.by == token_selector::self);
  CHECK_FALSE(self.value);
  CHECK(self.path == "secret/foo");
  const auto tok = only<cmd_token_capabilities>("vault token capabilities $t1 cubbyhole/foo/");
  CHECK(tok.by == token_selector::token);
  CHECK(tok.value->ref_name == "t1");
  CHECK(tok.path == "cubbyhole/foo/"); // as written: a trailing slash matters to policies
  const auto acc =
    only<cmd_token_capabilities>("vault token capabilities -accessor $t1.accessor auth/token/x");
  CHECK(acc.by == token_selector::accessor);
  CHECK(acc.value->ref_field == "accessor");
  CHECK(acc.path == "auth/token/x");
  const auto literal = only<cmd_token_capabilities>("vault token capabilities s.abc sys/mounts");
  CHECK(literal.value->literal == "s.abc");
  const auto sc = parse_ok("vault token capabilities -format=json secret/foo\n");
  CHECK(vault_at(sc, 0).json);
  CHECK(vault_at(sc, 0).spelling == "token capabilities");
}

TEST_CASE("list and delete take a path, without its outer slashes as Vault sends it") {
  CHECK(only<cmd_list>("vault list auth/token/accessors/").path == "auth/token/accessors");
  CHECK(only<cmd_list>("vault list -format=json sys/policies/acl").path == "sys/policies/acl");
  CHECK(only<cmd_delete>("vault delete /secret/x").path == "secret/x");
  const auto sc = parse_ok("vault list -format=json secret/\nvault delete secret/x => d\n");
  CHECK(vault_at(sc, 0).spelling == "list");
  CHECK(vault_at(sc, 0).json);
  CHECK(vault_at(sc, 1).spelling == "delete");
  CHECK(vault_at(sc, 1).name == "d");
}

TEST_CASE("a ? in place of the value is a prediction still to make, in both forms") {
  auto sc = parse_ok("vault token create -ttl=1h => t\n"
                     "expect t.token_duration == ?\n"
                     "expect token $t ?\n"
                     "expect t.error == \"?\"\n");
  const auto& open_field = std::get<expect_step>(sc.steps[1].body);
  REQUIRE(open_field.open_at);
  CHECK(*open_field.open_at == 28);
  CHECK(std::get<expect_compare>(open_field.what).field == "token_duration");
  const auto& open_state = std::get<expect_step>(sc.steps[2].body);
  REQUIRE(open_state.open_at);
  CHECK(*open_state.open_at == 17);
  CHECK(std::get<expect_state>(open_state.what).kind == object_kind::token);
  // Quoted, it is the one-character string "?".
  const auto& quoted = std::get<expect_step>(sc.steps[3].body);
  CHECK_FALSE(quoted.open_at);
  CHECK(std::get<expect_compare>(quoted.what).value.text == "?");
}

TEST_CASE("a flag after the first argument is an argument, as Go's flag package reads it") {
  // vault write sends it as a field; the CLI warns about it first.
  const auto sc = parse_ok("vault write auth/token/create policies=default -ttl=1h => a\n");
  const auto& w = command<cmd_write>(sc);
  REQUIRE(w.fields.size() == 2);
  CHECK(w.fields[1].first == "-ttl");
  CHECK(w.fields[1].second.literal == "1h");
  CHECK(vault_at(sc, 0).flag_warning ==
        "Command flags must be provided before positional arguments. The following arguments "
        "will not be parsed as flags: [-ttl=1h]");
  // A `--` ends the flags too; what follows it is an argument, warned about all the same.
  const auto dash = parse_ok("vault write -- secret/x -a=1 -b=2\n");
  CHECK(command<cmd_write>(dash).fields.size() == 2);
  CHECK(vault_at(dash, 0).flag_warning ==
        "Command flags must be provided before positional arguments. The following arguments "
        "will not be parsed as flags: [-a=1,-b=2]");
  // Before the first argument, flags are flags and nothing is warned about.
  const auto before = parse_ok("vault write -format=json secret/x a=1\n");
  CHECK(vault_at(before, 0).json);
  CHECK(vault_at(before, 0).flag_warning.empty());
  // A token login keeps the pairs after the token; the token method ignores them.
  const auto login = only<cmd_login>("vault login $t1 -method=userpass");
  CHECK(login.method == "token");
  CHECK(login.token.ref_name == "t1");
  REQUIRE(login.fields.size() == 1);
  CHECK(login.fields[0].first == "-method");
}

TEST_CASE("the CLI's global -format is read wherever it is, and draws no warning") {
  const auto sc = parse_ok("vault write secret/x a=1 -format=json\n"
                           "vault write secret/x a=1 --format=json\n"
                           "vault write -format=json secret/x a=1 -format=table\n"
                           "vault write -- secret/x a=1 -format=json\n");
  CHECK(vault_at(sc, 0).json);
  CHECK(vault_at(sc, 0).flag_warning.empty());
  CHECK(command<cmd_write>(sc, 0).fields[1].first == "-format"); // sent as a field too
  CHECK(vault_at(sc, 1).json);
  CHECK_FALSE(vault_at(sc, 2).json); // the later one wins
  CHECK_FALSE(vault_at(sc, 3).json); // setupEnv stops at the `--`
}

TEST_CASE("a vault step notes where its references are, for the report's echo") {
  const std::string line = "VAULT_TOKEN=$t1 vault write secret/x a=$t1 b='$t1' c=\"$t1.accessor\" "
                           "d=x$t1 => w";
  const auto sc = parse_ok("vault token create => t1\n" + line + "\n");
  const auto& v = vault_at(sc, 1);
  REQUIRE(v.refs.size() == 3); // b='$t1' is text, and so is the $ inside x$t1
  CHECK(line.substr(v.refs[0].at, v.refs[0].size) == "$t1");
  CHECK(v.refs[0].at == 12);
  CHECK(line.substr(v.refs[1].at, v.refs[1].size) == "$t1");
  CHECK(v.refs[1].at == line.find("a=$t1") + 2);
  CHECK(line.substr(v.refs[2].at, v.refs[2].size) == "$t1.accessor");
  CHECK(v.refs[2].ref.ref_field == "accessor");
  CHECK(line.substr(v.name_at) == "=> w");
  CHECK(command<cmd_write>(sc, 1).fields[1].second.literal == "$t1");
}

TEST_CASE("expect reads lengths, absence and another result's field") {
  const auto sc = parse_ok("vault token create => t\n"
                           "vault token lookup $t => l\n"
                           "expect t.policies.length == 2\n"
                           "expect l.period absent\n"
                           "expect l.meta.team present\n"
                           "expect l.accessor == $t.accessor\n"
                           "expect l.id != $t\n"
                           "expect l.accessor == \"$t.accessor\"\n"
                           "expect l.period ?\n");
  const auto cmp = [&](std::size_t i) {
    return std::get<expect_compare>(std::get<expect_step>(sc.steps[i].body).what);
  };
  CHECK(cmp(2).field == "policies.length");
  CHECK(cmp(2).value.number == 2);
  CHECK(cmp(3).op == expect_op::absent);
  CHECK(cmp(4).op == expect_op::present);
  CHECK(cmp(4).field == "meta.team");
  REQUIRE(cmp(5).other);
  CHECK(cmp(5).other->ref_name == "t");
  CHECK(cmp(5).other->ref_field == "accessor");
  REQUIRE(cmp(6).other);
  CHECK(cmp(6).other->ref_field.empty());
  CHECK_FALSE(cmp(7).other); // quoted: the text $t.accessor
  CHECK(cmp(7).value.text == "$t.accessor");
  CHECK(std::get<expect_step>(sc.steps[8].body).open_at == 17);
  CHECK(to_string(expect_op::absent) == std::string{"absent"});
}

TEST_CASE("config after the first step restarts the server with the keys it names changed") {
  const auto sc = parse_ok("config default_lease_ttl=2h max_lease_ttl=10h\n"
                           "vault token create\n"
                           "config max_lease_ttl=3h\n"
                           "config default_lease_ttl=0 max_lease_ttl=0\n");
  CHECK(sc.config.default_lease_ttl == 2h); // the header's config is the start's
  CHECK(sc.config.max_lease_ttl == 10h);
  REQUIRE(sc.steps.size() == 3);
  const auto& first = std::get<restart_step>(sc.steps[1].body);
  CHECK(first.config.default_lease_ttl == 2h);
  CHECK(first.config.max_lease_ttl == 3h);
  CHECK(sc.steps[1].text == "config max_lease_ttl=3h");
  const auto& second = std::get<restart_step>(sc.steps[2].body);
  CHECK(second.config.default_lease_ttl == 768h);
  CHECK(second.config.max_lease_ttl == 768h);
}

TEST_CASE("github lines declare GitHub's organizations and users") {
  const auto sc = parse_ok("github org=acme id=42\n"
                           "github org=other\n"
                           "github user=alice token=ghp_a orgs=acme,other "
                           "teams=\"acme/Dev Team,other/ops\"\n"
                           "vault login -method=github token=ghp_a\n");
  REQUIRE(sc.github.orgs.size() == 2);
  CHECK(sc.github.orgs[1].id == 1002); // numbered in declaration order
  const auto* alice = sc.github.user_with_token("ghp_a");
  REQUIRE(alice);
  CHECK(alice->orgs == std::vector<std::string>{"acme", "other"});
  REQUIRE(alice->teams.size() == 2);
  CHECK(alice->teams[0].name == "Dev Team");
  CHECK(alice->teams[0].slug == "dev-team");
  const auto& login = command<cmd_login>(sc);
  CHECK(login.method == "github");
  CHECK(login.path == "github/");
}

TEST_CASE("VAULT_FORMAT sets the step's format, a -format flag wins, -field on read, write and "
          "token create") {
  const auto sc = parse_ok("VAULT_FORMAT=json vault token lookup\n"
                           "VAULT_FORMAT=json vault token lookup -format=table\n"
                           "VAULT_TOKEN=$root VAULT_FORMAT=table vault read -format=json x/y\n");
  CHECK(vault_at(sc, 0).json);
  CHECK_FALSE(vault_at(sc, 1).json);
  CHECK(vault_at(sc, 2).json);
  CHECK_FALSE(vault_at(sc, 0).yaml);
  CHECK(only<cmd_read>("vault read -field=ttl auth/token/lookup-self").field == "ttl");
  CHECK(only<cmd_write>("vault write -field=k a/b c=d").field == "k");
  CHECK(only<cmd_token_create>("vault token create -field=token").field == "token");
}

TEST_CASE("yaml and yml, with -format or VAULT_FORMAT, ask for the YAML form of the output") {
  const auto sc = parse_ok("vault token lookup -format=yaml\n"
                           "VAULT_FORMAT=yml vault token lookup\n"
                           "VAULT_FORMAT=yaml vault token lookup -format=json\n"
                           "vault auth list -format=yaml\n"
                           "vault read -format=yml secret/x\n"
                           "vault status -format=json\n"
                           "VAULT_FORMAT=json vault secrets list\n");
  for (const std::size_t i : {0, 1, 3, 4}) {
    CHECK(vault_at(sc, i).json);
    CHECK(vault_at(sc, i).yaml);
  }
  for (const std::size_t i : {2, 5, 6}) {
    CHECK(vault_at(sc, i).json);
    CHECK_FALSE(vault_at(sc, i).yaml);
  }
}

TEST_CASE("an empty VAULT_TOKEN= sends the CLI's current token, as its token helper does") {
  const auto sc = parse_ok("VAULT_TOKEN= vault token lookup\nVAULT_TOKEN=$root vault token lookup\n");
  CHECK_FALSE(vault_at(sc, 0).vault_token);
  CHECK(vault_at(sc, 1).vault_token);
}

TEST_CASE("rm ~/.vault-token is a step of its own, no other file can be removed") {
  const auto sc = parse_ok("rm ~/.vault-token\nrm -f ~/.vault-token\nvault token lookup\n");
  REQUIRE(sc.steps.size() == 3);
  CHECK(std::holds_alternative<token_helper_step>(sc.steps[0].body));
  CHECK(std::holds_alternative<token_helper_step>(sc.steps[1].body));
  const auto bad = parse_scenario_text("rm /etc/passwd\n", "e.scn");
  REQUIRE(std::holds_alternative<parse_error>(bad));
  CHECK(std::get<parse_error>(bad).render() ==
        "e.scn:1:4: tokenlab's rm removes only the token helper's ~/.vault-token (the CLI's "
        "stored token); got \"/etc/passwd\"");
}

TEST_CASE("vault operator generate-root: the first mode flag given decides, as Run's switch "
          "does, values may be references") {
  using m = generate_root_mode;
  CHECK(only<cmd_generate_root>("vault operator generate-root -status").mode == m::status);
  CHECK(only<cmd_generate_root>("vault operator generate-root -init -status").mode == m::init);
  CHECK(only<cmd_generate_root>("vault operator generate-root -cancel -init").mode == m::cancel);
  CHECK(only<cmd_generate_root>("vault operator generate-root -decode=x -otp=y -cancel").mode ==
        m::decode);
  CHECK(only<cmd_generate_root>("vault operator generate-root -generate-otp -decode=x").mode ==
        m::generate_otp);
  // An empty -decode is no decode (flagDecode == ""): the key is provided.
  const auto provide = only<cmd_generate_root>("vault operator generate-root -decode= -nonce=$t1 k");
  CHECK(provide.mode == m::provide);
  REQUIRE(provide.nonce);
  CHECK(provide.nonce->ref_name == "t1");
  REQUIRE(provide.key);
  CHECK(provide.key->literal == "k");
  const auto sc = parse_ok("vault operator generate-root -nonce=n $unseal_key\n");
  CHECK(command<cmd_generate_root>(sc).key->ref_name == "unseal_key");
}
