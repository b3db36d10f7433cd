// The vault kv commands, vault secrets list|disable, vault auth disable and vault status, as
// the parser reads them (command/kv_*.go, secrets_*.go, auth_disable.go, status.go).

#include "language/parser.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

vault_command command_of(const std::string& line) {
  auto result = parse_scenario_text("vault token create => t1\n" + line + "\n", "k.scn");
  if (const auto* err = std::get_if<parse_error>(&result))
    FAIL(err->render());
  const auto& sc = std::get<scenario>(result);
  REQUIRE(sc.steps.size() == 2);
  return std::get<vault_step>(sc.steps[1].body).cmd;
}

template <class Cmd>
Cmd only(const std::string& line) {
  auto cmd = command_of(line);
  const auto* c = std::get_if<Cmd>(&cmd);
  REQUIRE(c != nullptr);
  return *c;
}

std::string error_of(const std::string& line) {
  auto result = parse_scenario_text("vault token create => t1\n" + line + "\n", "k.scn");
  const auto* err = std::get_if<parse_error>(&result);
  return err ? err->render() : std::string{};
}

} // namespace

TEST_CASE("vault kv put: the path as the CLI sanitises it, the data, and -cas") {
  const auto put = only<cmd_kv>("vault kv put -cas=0 /secret/app/ password=$t1 user=admin");
  CHECK(put.op == kv_op::put);
  CHECK(put.path == "secret/app");
  REQUIRE(put.fields.size() == 2);
  CHECK(put.fields[0].first == "password");
  CHECK(put.fields[0].second.ref_name == "t1");
  CHECK(put.cas == std::optional<std::int64_t>{0});
  // -cas=-1 is the CLI's default: not sent.
  CHECK_FALSE(only<cmd_kv>("vault kv put -cas=-1 secret/app a=b").cas);
  CHECK(error_of("vault kv put secret/app") == "k.scn:2:24: Must supply data");
  CHECK(error_of("vault kv put") ==
        "k.scn:2:7: Not enough arguments (expected >1, got 0); usage: vault kv put [-mount=M] "
        "[-cas=N] PATH key=value ...");
}

TEST_CASE("vault kv patch: the data, -method as written, -cas only above 0") {
  const auto patch = only<cmd_kv>("vault kv patch -cas=2 -method=rw secret/app region=eu");
  CHECK(patch.op == kv_op::patch);
  CHECK(patch.path == "secret/app");
  REQUIRE(patch.fields.size() == 1);
  CHECK(patch.fields[0].first == "region");
  CHECK(patch.cas == std::optional<std::int64_t>{2});
  CHECK(patch.method == "rw");
  // KVPatchCommand sends cas only when -cas > 0 (its default is 0); the method is checked
  // once the mount is known, not here.
  CHECK_FALSE(only<cmd_kv>("vault kv patch -cas=0 secret/app a=b").cas);
  CHECK(only<cmd_kv>("vault kv patch -method=merge secret/app a=b").method == "merge");
  CHECK(only<cmd_kv>("vault kv patch -mount=secret app a=b").mount == "secret");
  CHECK(error_of("vault kv patch secret/app") == "k.scn:2:26: Must supply data");
  CHECK(error_of("vault kv patch -remove-data=a secret/app") ==
        "k.scn:2:16: flag -remove-data is not modelled by tokenlab yet");
}

TEST_CASE("vault kv get, delete, undelete, destroy, list and metadata: their flags") {
  const auto get = only<cmd_kv>("vault kv get -version=2 -field=password secret/app");
  CHECK(get.op == kv_op::get);
  CHECK(get.version == 2);
  CHECK(get.field == "password");
  const auto del = only<cmd_kv>("vault kv delete -versions=1,2 -versions=4 secret/app");
  CHECK(del.op == kv_op::del);
  CHECK(del.versions == std::vector<std::string>{"1", "2", "4"});
  CHECK(only<cmd_kv>("vault kv delete secret/app").versions.empty());
  CHECK(only<cmd_kv>("vault kv undelete -versions=3 secret/app").op == kv_op::undelete);
  CHECK(only<cmd_kv>("vault kv destroy -versions=3 secret/app").op == kv_op::destroy);
  CHECK(only<cmd_kv>("vault kv list secret/").path == "secret");
  CHECK(only<cmd_kv>("vault kv metadata get secret/app").op == kv_op::metadata_get);
  CHECK(only<cmd_kv>("vault kv metadata delete secret/app").op == kv_op::metadata_delete);
  const auto meta = only<cmd_kv>("vault kv metadata put -max-versions=5 -cas-required "
                                 "-delete-version-after=3h -custom-metadata=team=web "
                                 "-custom-metadata=owner=ops secret/app");
  CHECK(meta.op == kv_op::metadata_put);
  CHECK(meta.max_versions == std::optional<std::int64_t>{5});
  CHECK(meta.cas_required == std::optional<bool>{true});
  CHECK(meta.delete_version_after == std::optional<sim_duration>{secs(3 * 3600)});
  CHECK(meta.custom_metadata ==
        std::map<std::string, std::string>{{"owner", "ops"}, {"team", "web"}});
  const auto bare = only<cmd_kv>("vault kv metadata put secret/app");
  CHECK_FALSE(bare.max_versions);
  CHECK_FALSE(bare.cas_required);
  CHECK_FALSE(bare.delete_version_after);
}

TEST_CASE("vault kv undelete and destroy need -versions, with the CLI's texts") {
  CHECK(error_of("vault kv undelete secret/app") ==
        "k.scn:2:7: No versions provided, use the \"-versions\" flag to specify the version to "
        "undelete.");
  CHECK(error_of("vault kv destroy secret/app") ==
        "k.scn:2:7: No versions provided, use the \"-versions\" flag to specify the version to "
        "destroy.");
  CHECK(error_of("vault kv delete -versions=x secret/app") ==
        "k.scn:2:27: -versions takes version numbers (\"x\" is not one): write e.g. "
        "-versions=1,2");
  CHECK(error_of("vault kv put -field=version secret/app a=b") ==
        "k.scn:2:14: flag -field is not modelled by tokenlab yet");
}

TEST_CASE("every kv command takes -mount, the mount apart from the secret's path") {
  const auto get = only<cmd_kv>("vault kv get -mount=/secret/ app/db");
  CHECK(get.mount == "secret");
  CHECK(get.path == "app/db");
  const auto put = only<cmd_kv>("vault kv put -mount=secret app password=pw");
  CHECK(put.mount == "secret");
  CHECK(put.path == "app");
  CHECK(only<cmd_kv>("vault kv metadata delete -mount=kv app").mount == "kv");
  CHECK(only<cmd_kv>("vault kv undelete -mount=kv -versions=1 app").mount == "kv");
  CHECK(only<cmd_kv>("vault kv list -mount=kv app").mount == "kv");
  // Without it (or given empty: mountFlagSyntax is c.flagMount != ""), PATH holds the mount.
  CHECK(only<cmd_kv>("vault kv get secret/app").mount.empty());
  CHECK(only<cmd_kv>("vault kv get -mount= secret/app").mount.empty());
}

TEST_CASE("vault secrets list, secrets disable, auth disable, status, secrets enable -version") {
  CHECK(only<cmd_secrets_list>("vault secrets list -detailed").detailed);
  CHECK_FALSE(only<cmd_secrets_list>("vault secrets list").detailed);
  CHECK(only<cmd_secrets_disable>("vault secrets disable /kv").path == "kv/");
  CHECK(only<cmd_auth_disable>("vault auth disable userpass/").path == "userpass/");
  CHECK(std::holds_alternative<cmd_status>(command_of("vault status")));
  CHECK(only<cmd_secrets_enable>("vault secrets enable -version=2 kv").version == 2);
  CHECK(only<cmd_secrets_enable>("vault secrets enable kv").version == 0);
  CHECK(error_of("vault secrets enable -version=3 kv") ==
        "k.scn:2:31: kv -version=3 is not modelled by tokenlab yet: kv has versions 1 and 2");
  CHECK(error_of("vault status now") ==
        "k.scn:2:14: Too many arguments (expected 0, got 1); usage: vault status");
}

TEST_CASE("vault secrets enable -options: repeatable key=value, leased_passthrough and version") {
  const auto leased =
    only<cmd_secrets_enable>("vault secrets enable -options=leased_passthrough=true -path=l kv");
  CHECK(leased.options == std::map<std::string, std::string>{{"leased_passthrough", "true"}});
  CHECK(leased.path == "l/");
  // A StringMapVar: repeatable, the last value of a key wins; the value may hold '='.
  const auto both = only<cmd_secrets_enable>(
    "vault secrets enable -options=version=1 -options=leased_passthrough=false "
    "-options=leased_passthrough=a=b kv");
  CHECK(both.options == std::map<std::string, std::string>{{"leased_passthrough", "a=b"},
                                                           {"version", "1"}});
  CHECK(only<cmd_secrets_enable>("vault secrets enable kv").options.empty());
  CHECK(error_of("vault secrets enable -options=foo=bar kv") ==
        "k.scn:2:31: -options=foo is not modelled by tokenlab yet: only the options version and "
        "leased_passthrough are");
  CHECK(error_of("vault secrets enable -options=version=3 kv") ==
        "k.scn:2:31: kv -options=version=3 is not modelled by tokenlab yet: kv has versions 1 "
        "and 2");
  CHECK(error_of("vault secrets enable -options=leased_passthrough kv") ==
        "k.scn:2:31: invalid value \"leased_passthrough\" for flag -options: missing = in KV "
        "pair: \"leased_passthrough\"");
}
