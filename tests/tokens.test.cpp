// Service and root tokens end to end (issue: every rule of the token model): use limits,
// token roles, accessors, revocation modes, policies, cubbyholes — each in Vault's words.

#include "language/parser.hpp"
#include "runner/runner.hpp"
#include "tests/run_text.test.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using tokenlab::test::expectations;
using tokenlab::test::failed;
using tokenlab::test::run_text;

namespace {

const std::variant<api_response, vault_error>& result(const run_record& r, size_t step) {
  REQUIRE(r.steps.at(step).call);
  return r.steps.at(step).call->result;
}

const api_response& ok(const run_record& r, size_t step) {
  if (auto e = std::get_if<vault_error>(&result(r, step)))
    FAIL("step " << step << " failed: " << e->message());
  return std::get<api_response>(result(r, step));
}

vault_error failure(const run_record& r, size_t step) {
  if (!std::holds_alternative<vault_error>(result(r, step)))
    FAIL("step " << step << " succeeded");
  return std::get<vault_error>(result(r, step));
}


} // namespace

SCENARIO("every request made with a use-limited token spends a use, lookups included") {
  // The Tokens and Leases guide: -use-limit=2; lookup (use 1) shows num_uses 1; a cubbyhole
  // write (use 2) succeeds; the next request is denied.
  auto r = run_text("vault token create -policy=default -use-limit=2 => t\n"
                    "VAULT_TOKEN=$t vault token lookup => l\n"
                    "VAULT_TOKEN=$t vault write cubbyhole/token value=x\n"
                    "VAULT_TOKEN=$t vault read cubbyhole/token\n"
                    "expect l.num_uses == 1\n"
                    "expect token $t revoked\n");
  CHECK(failed(r) == 0);
  CHECK(ok(r, 2).status == 204);
  auto denied = failure(r, 3);
  CHECK(denied.status == 403);
  CHECK(denied.message() == "permission denied");
}

SCENARIO("a use-limited token cannot create children, with one use left it finds no parent") {
  auto r = run_text("vault token create -use-limit=3 => three\n"
                    "vault token create -use-limit=1 => one\n"
                    "VAULT_TOKEN=$three vault token create\n"
                    "VAULT_TOKEN=$one vault token create\n");
  CHECK(failure(r, 2).message() == "restricted use token cannot generate child tokens");
  CHECK(failure(r, 3).message() == "parent token lookup failed: no parent found");
}

SCENARIO("a leased secret read with a token's last use is withheld and its lease revoked") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault write aws/roles/r credential_type=iam_user\n"
                    "vault token create -use-limit=1 => t\n"
                    "VAULT_TOKEN=$t vault read aws/creds/r\n");
  auto err = failure(r, 3);
  CHECK(err.status == 400);
  CHECK(err.message() == "Secret cannot be returned; token had one use left, so leased credentials "
                         "were immediately revoked.");
  size_t credentials_deleted = 0;
  for (const auto& e : r.steps[3].effects)
    credentials_deleted += e.kind == trace_kind::credential_deleted ? 1 : 0;
  CHECK(credentials_deleted == 1);
}

SCENARIO("a token role decides policies, orphan status and period, and renewals read it again") {
  auto r =
    run_text("vault write auth/token/roles/zabbix allowed_policies=\"policy1, policy2, policy3\" "
             "orphan=true period=8h\n"
             "vault token create -role=zabbix -orphan => t\n"
             "expect t.token_duration == 8h\n");
  const auto& auth = *ok(r, 1).auth;
  CHECK(auth.policies() == std::vector<std::string>{"default", "policy1", "policy2", "policy3"});
  CHECK(auth.orphan);
  CHECK(auth.lease_duration == 8 * 3600);
}

SCENARIO("renewing a token whose role was deleted fails with Vault's text") {
  auto r = run_text("vault write auth/token/roles/app period=1h\n"
                    "vault token create -role=app => t\n"
                    "vault delete auth/token/roles/app\n"
                    "vault token renew $t\n");
  auto err = failure(r, 3);
  CHECK(err.status == 500);
  // authRenew's error, prefixed by renewAuthEntry, wrapped by request_handling.go.
  CHECK(err.message() == "1 error occurred:\n\t* failed to renew entry: original token role "
                         "\"app\" could not be found, not renewing\n\n");
}

SCENARIO("an unknown role is refused") {
  auto r = run_text("vault token create -role=nope\n");
  CHECK(failure(r, 0).message() == "unknown role nope");
}

SCENARIO("an accessor looks up, renews and revokes a token but never authenticates") {
  auto r = run_text("vault token create -policy=default -ttl=1h => t\n"
                    "vault token lookup -accessor $t.accessor => l\n"
                    "VAULT_TOKEN=$t.accessor vault token lookup\n"
                    "vault token renew -accessor $t.accessor => r\n"
                    "vault token revoke -accessor $t.accessor\n"
                    "expect l.id == \"\"\n"
                    "expect r.token == \"\"\n"
                    "expect token $t revoked\n");
  CHECK(failed(r) == 0);
  CHECK(failure(r, 2).status == 403);
}

SCENARIO("listing accessors needs sudo") {
  auto r = run_text("vault token create -policy=default => t\n"
                    "vault list auth/token/accessors => all\n"
                    "VAULT_TOKEN=$t vault list auth/token/accessors\n");
  CHECK(ok(r, 1).data->count("keys") == 1);
  CHECK(failure(r, 2).status == 403);
}

SCENARIO("revoke -mode=orphan revokes only the token, its children become orphans and live on") {
  auto r = run_text("vault token create -ttl=1h => p\n"
                    "VAULT_TOKEN=$p vault token create -ttl=2h => c\n"
                    "VAULT_TOKEN=$c vault token create -ttl=3h => g\n"
                    "vault token revoke -mode=orphan $p\n"
                    "vault token lookup $c => lc\n"
                    "vault token lookup $g => lg\n"
                    "expect token $p revoked\n"
                    "expect lc.orphan == true\n"
                    "expect lg.orphan == false\n"
                    "advance 1h\n"
                    "expect token $c valid\n");
  CHECK(failed(r) == 0);
}

SCENARIO("revoke-orphan without sudo is refused with Vault's text") {
  auto r = run_text("vault policy write revoker - <<EOF\n"
                    "path \"auth/token/revoke-orphan\" { capabilities = [\"update\"] }\n"
                    "EOF\n"
                    "vault token create -policy=revoker => t\n"
                    "vault token create -policy=default => other\n"
                    "VAULT_TOKEN=$t vault token revoke -mode=orphan $other\n"
                    "vault token create -policy=default => plain\n"
                    "VAULT_TOKEN=$plain vault token revoke -mode=orphan $other\n");
  auto err = failure(r, 3);
  CHECK(err.status == 400);
  CHECK(err.message() == "root or sudo privileges required to revoke and orphan");
  CHECK(failure(r, 5).status == 403); // the default policy has no update on revoke-orphan
}

SCENARIO("a written policy grants exactly its paths, and sudo on the create path allows orphans") {
  auto r =
    run_text("vault policy write test - <<EOF\n"
             "path \"auth/token/create\" {\n"
             "  capabilities = [\"create\", \"read\", \"update\", \"delete\", \"list\", \"sudo\"]\n"
             "}\n"
             "EOF\n"
             "vault token create -ttl=60 -policy=test => parent\n"
             "VAULT_TOKEN=$parent vault token create -ttl=180 -policy=default => child\n"
             "VAULT_TOKEN=$parent vault token create -orphan -ttl=180 -policy=default => orphan\n"
             "vault token capabilities $parent auth/token/create => caps\n"
             "vault token revoke $parent\n"
             "expect token $child revoked\n"
             "expect token $orphan valid\n");
  CHECK(failed(r) == 0);
  CHECK(ok(r, 3).auth->orphan);
  CHECK(std::get<std::vector<std::string>>(ok(r, 4).data->at("capabilities")) ==
        std::vector<std::string>{"create", "delete", "list", "read", "sudo", "update"});
}

SCENARIO("a cubbyhole is private to its token and destroyed with it") {
  auto r = run_text("vault token create -policy=default => a\n"
                    "vault token create -policy=default => b\n"
                    "VAULT_TOKEN=$a vault write cubbyhole/secret value=1\n"
                    "VAULT_TOKEN=$b vault read cubbyhole/secret\n"
                    "VAULT_TOKEN=$a vault read cubbyhole/secret => mine\n"
                    "vault token revoke $a\n"
                    "expect mine.value == \"1\"\n");
  CHECK(failed(r) == 0);
  CHECK(failure(r, 3).status == 404);
  bool destroyed = false;
  for (const auto& e : r.steps[5].effects)
    destroyed |= e.kind == trace_kind::cubbyhole_destroyed;
  CHECK(destroyed);
}

SCENARIO(
  "every error the spec lists for token operations is reachable and printed with Vault's text") {
  struct row {
    const char* steps; // the last step is the failing one
    int status;
    const char* message;
  };
  auto c = GENERATE(values<row>({
    {"vault token create -policy=response-wrapping\n", 400,
     "cannot assign policy \"response-wrapping\""},
    {"vault token create -id=hvs.mine\n", 400, "custom token ID cannot have the 'hvs.' prefix"},
    {"vault token create -id=s.mine\n", 400, "custom token ID cannot have the 's.' prefix"},
    {"vault token create -id=my.token\n", 400, "custom token ID cannot have a '.' in the value"},
    {"vault token create -id=mine\nvault token create -id=mine\n", 400,
     "cannot create a token with a duplicate ID"},
    {"vault token create -ttl=1h => t\nVAULT_TOKEN=$t vault token create\n", 400,
     "expiring root tokens cannot create non-expiring root tokens"},
    {"vault token create -policy=default => t\nVAULT_TOKEN=$t vault token create -policy=root\n",
     403, "permission denied"},
    {"vault token lookup hvs.000000000000000000000000\n", 403, "bad token"},
    {"vault token lookup -accessor 000000000000000000000000\n", 400, "invalid accessor"},
    {"vault token renew hvs.000000000000000000000000\n", 400, "token not found"},
    {"vault token renew $root\n", 400, "invalid lease ID"},
    {"vault token create => r\nvault token renew $r\n", 400, "lease is not renewable"},
    {"vault token create -policy=default -renewable=false => t\nvault token renew $t\n", 400,
     "lease is not renewable"},
    {"vault token revoke -mode=orphan hvs.000000000000000000000000\n", 400,
     "token to revoke not found"},
    {"vault token create -policy=default -period=-1s\n", 400, "period must be positive"},
  }));
  CAPTURE(c.steps);
  auto r = run_text(c.steps);
  auto err = failure(r, r.steps.size() - 1);
  CHECK(err.status == c.status);
  CHECK(err.message() == c.message);
}

SCENARIO("a custom token ID is accepted from a sudo caller with Vault's SHA1 warning") {
  auto r = run_text("vault token create -id=my-token -policy=default => t\n"
                    "vault token lookup my-token => l\n"
                    "expect l.id == \"my-token\"\n");
  const auto& created = ok(r, 0);
  CHECK(created.auth->client_token() == "my-token");
  REQUIRE(created.warnings.size() == 1);
  CHECK(created.warnings[0].rfind(
          "Supplying a custom ID for the token uses the weaker SHA1 hashing", 0) == 0);
  CHECK(failed(r) == 0);
}

SCENARIO("revoking by an unknown accessor succeeds with Vault's warning") {
  auto r = run_text("vault token revoke -accessor 000000000000000000000000\n");
  const auto& resp = ok(r, 0);
  CHECK(resp.warnings == std::vector<std::string>{"No token found with this accessor"});
}

SCENARIO("a token on its last use can look itself up (num_uses -1) but cannot renew itself") {
  // Lookups use Vault's tainted lookup; renewal uses the normal one (spec §4.1, §3.4).
  auto r = run_text("vault token create -policy=default -use-limit=1 => t\n"
                    "VAULT_TOKEN=$t vault token lookup => l\n"
                    "vault token create -policy=default -use-limit=1 => u\n"
                    "VAULT_TOKEN=$u vault token renew\n"
                    "expect l.num_uses == -1\n"
                    "expect token $t revoked\n"
                    "expect token $u revoked\n");
  CHECK(failed(r) == 0);
  auto err = failure(r, 3);
  CHECK((err.status == 400 && err.message() == "token not found"));
}

SCENARIO("vault auth list reads sys/auth: the mount table, for callers with read on it") {
  auto r = run_text("vault auth enable -path=people userpass\n"
                    "vault auth tune -max-lease-ttl=2h people/\n"
                    "vault auth list -detailed => all\n"
                    "vault token create -policy=default => t\n"
                    "VAULT_TOKEN=$t vault auth list\n"
                    "expect all.people/.max_ttl == \"7200\"\n"
                    "expect all.people/.default_ttl == \"system\"\n"
                    "expect all.token/.max_ttl == \"system\"\n");
  CHECK(failed(r) == 0);
  const auto& mounts = *ok(r, 2).data;
  REQUIRE(mounts.size() == 2);
  CHECK(mounts.count("people/") == 1);
  CHECK(mounts.count("token/") == 1);
  auto denied = failure(r, 4);
  CHECK(denied.status == 403);
  CHECK(denied.message() == "permission denied");
  REQUIRE(r.steps.at(4).call);
  CHECK(r.steps.at(4).call->path == "sys/auth");
  CHECK(r.steps.at(4).call->error_verb == "listing enabled authentications");
}

namespace {

std::string text_of(const api_response& r, const char* key) {
  return std::get<std::string>(r.data->at(key));
}

} // namespace

SCENARIO("generate-root makes a working root token from the unseal key, its OTP, nonce and token "
         "come from the seed") {
  const std::string flow = "vault operator generate-root -generate-otp => g\n"
                           "vault operator generate-root -init -otp=$g.otp => i\n"
                           "vault operator generate-root -nonce=$i.nonce $unseal_key => u\n"
                           "vault operator generate-root -decode=$u.encoded_token -otp=$g.otp => d\n"
                           "VAULT_TOKEN=$d.token vault token create -policy=root -ttl=1h => c\n";
  auto a = run_text("seed 5\n" + flow);
  auto b = run_text("seed 5\n" + flow);
  auto other = run_text("seed 6\n" + flow);
  const auto otp = text_of(ok(a, 0), "otp");
  CHECK(otp.size() == 28);
  CHECK(otp.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") ==
        std::string::npos);
  CHECK(otp == text_of(ok(b, 0), "otp"));
  CHECK(otp != text_of(ok(other, 0), "otp"));
  CHECK(text_of(ok(a, 1), "nonce") == text_of(ok(b, 1), "nonce"));
  const auto token = text_of(ok(a, 3), "token");
  CHECK(token.rfind("hvs.", 0) == 0);
  CHECK(token == text_of(ok(b, 3), "token"));
  // The encoded token is the token XORed with the OTP: no byte of it is the token's.
  CHECK(text_of(ok(a, 2), "encoded_token").find(token.substr(4)) == std::string::npos);
  // Only a root token may create a root token.
  CHECK(ok(a, 4).auth->policies() == std::vector<std::string>{"root"});
}

SCENARIO("after rm ~/.vault-token a step sends no token: 403, until a login stores one") {
  auto r = run_text("rm ~/.vault-token\n"
                    "vault token lookup\n"
                    "VAULT_TOKEN= vault read sys/mounts\n"
                    "vault status\n"
                    "vault login $root\n"
                    "vault token lookup\n");
  CHECK(r.steps.at(1).call->caller.empty());
  CHECK(failure(r, 1) == vault_error{403, {"permission denied"}});
  CHECK(failure(r, 2) == vault_error{403, {"permission denied"}});
  ok(r, 3);
  ok(r, 5);
  CHECK_FALSE(r.steps.at(5).call->caller.empty());
}

// The token store authenticates and looks up from its own snapshot of each token's entry,
// which the token's actor replaces at every change (actors/token_store.hpp).
SCENARIO("a token renewed, then used in the same instant and past its first expiry, is seen "
         "with its new expiry") {
  auto r = run_text("vault token create -policy=default -ttl=1h -explicit-max-ttl=5h => t\n"
                    "advance 50m\n"
                    "VAULT_TOKEN=$t vault token renew -increment=1h\n"
                    "VAULT_TOKEN=$t vault token lookup => same\n"
                    "vault token lookup -accessor $t.accessor => by_accessor\n"
                    "advance 20m\n"
                    "VAULT_TOKEN=$t vault token lookup => later\n"
                    "expect same.ttl == 1h\n"
                    "expect by_accessor.ttl == 1h\n"
                    "expect later.ttl == 40m\n");
  CHECK(failed(r) == 0);
  ok(r, 6); // at t+70m, past the first expiry (t+1h): authenticated with the renewed one
}

SCENARIO("a use-limited token spends its uses exactly, and the store sees each use") {
  auto r = run_text("vault token create -policy=default -use-limit=3 => t\n"
                    "VAULT_TOKEN=$t vault token lookup => first\n"
                    "vault token lookup -accessor $t.accessor => seen\n"
                    "VAULT_TOKEN=$t vault write cubbyhole/x value=1\n"
                    "vault token lookup -accessor $t.accessor => seen_again\n"
                    "VAULT_TOKEN=$t vault token lookup => last\n"
                    "VAULT_TOKEN=$t vault token lookup\n"
                    "expect first.num_uses == 2\n"
                    "expect seen.num_uses == 2\n"
                    "expect seen_again.num_uses == 1\n"
                    "expect last.num_uses == -1\n"
                    "expect token $t revoked\n");
  CHECK(failed(r) == 0);
  CHECK(ok(r, 3).status == 204);
  CHECK(failure(r, 6).status == 403);
}

SCENARIO("a login finds its alias's entity, refused while the entity is disabled") {
  // The first login creates the entity (the identity store); the others' alias is one the
  // published entities hold, so their entity is found without the identity store, disabled
  // or not, as the identity store would answer.
  auto r = run_text("vault auth enable userpass\n"
                    "vault write auth/userpass/users/bob password=pw\n"
                    "vault write auth/userpass/login/bob password=pw => first\n"
                    "vault write auth/userpass/login/BOB password=pw => again\n"
                    "expect again.entity_id == $first.entity_id\n"
                    "vault write identity/lookup/entity id=$first.entity_id => entity\n"
                    "vault write identity/entity name=$entity.name disabled=true => off\n"
                    "expect off.status == 204\n"
                    "vault write auth/userpass/login/bob password=pw => refused\n"
                    "expect refused.status == 403\n"
                    "vault write identity/entity name=$entity.name disabled=false\n"
                    "vault write auth/userpass/login/bob password=pw => back\n"
                    "expect back.entity_id == $first.entity_id\n");
  CHECK(failed(r) == 0);
  CHECK(expectations(r) == 4);
}

SCENARIO("a login token renews under its own auth mount's tune, also after the mount is "
         "enabled again") {
  // The store keeps the mount of each token it issues (spec §3.1): a token of up2/ follows
  // up2/'s max TTL, one of userpass/ follows userpass/'s, and a token of a userpass/ enabled
  // again follows the new mount's tune.
  auto r = run_text("vault auth enable userpass\n"
                    "vault auth enable -path=up2 userpass\n"
                    "vault write auth/userpass/users/u password=p\n"
                    "vault write auth/up2/users/u password=p\n"
                    "vault write auth/userpass/login/u password=p => a\n"
                    "vault write auth/up2/login/u password=p => b\n"
                    "vault auth tune -max-lease-ttl=1h userpass/\n"
                    "vault auth tune -max-lease-ttl=3h up2/\n"
                    "advance 10m\n"
                    "vault token renew -increment=5h $a => ra\n"
                    "expect ra.token_duration == 50m\n"
                    "vault token renew -increment=5h $b => rb\n"
                    "expect rb.token_duration == 2h50m\n"
                    "vault auth disable userpass\n"
                    "vault auth enable userpass\n"
                    "vault auth tune -max-lease-ttl=30m userpass/\n"
                    "vault write auth/userpass/users/u password=p\n"
                    "vault write auth/userpass/login/u password=p => c\n"
                    "advance 5m\n"
                    "vault token renew -increment=5h $c => rc\n"
                    "expect rc.token_duration == 25m\n");
  CHECK(failed(r) == 0);
  CHECK(expectations(r) == 3);
}

SCENARIO("a token's next request is checked against its policy and its entity as they are now") {
  // The store keeps what it found a token's request checked against (its ACL, its entity)
  // until a policy or an entity changes: a rewritten policy and a disabled entity count from
  // the next request on.
  auto r = run_text("vault policy write revoker - <<EOF\n"
                    "path \"auth/token/revoke\" { capabilities = [\"update\"] }\n"
                    "EOF\n"
                    "vault token create -policy=revoker => t\n"
                    "vault token create -policy=default => a\n"
                    "vault token create -policy=default => b\n"
                    "VAULT_TOKEN=$t vault token revoke $a\n"
                    "expect token $a revoked\n"
                    "vault policy write revoker - <<EOF\n"
                    "path \"auth/token/lookup\" { capabilities = [\"update\"] }\n"
                    "EOF\n"
                    "VAULT_TOKEN=$t vault token revoke $b => refused\n"
                    "expect refused.status == 403\n"
                    "expect token $b valid\n"
                    "vault auth enable userpass\n"
                    "vault write auth/userpass/users/u password=p\n"
                    "vault write auth/userpass/login/u password=p => u\n"
                    "VAULT_TOKEN=$u vault token renew => renewed\n"
                    "vault write identity/lookup/entity id=$u.entity_id => entity\n"
                    "vault write identity/entity name=$entity.name disabled=true\n"
                    "VAULT_TOKEN=$u vault token renew => disabled\n"
                    "expect disabled.status == 403\n"
                    "vault write identity/entity name=$entity.name disabled=false\n"
                    "VAULT_TOKEN=$u vault token renew => again\n"
                    "expect again.token_duration == 768h\n");
  CHECK(failed(r) == 0);
  CHECK(expectations(r) == 5);
  CHECK(ok(r, 13).auth->lease_duration == 768 * 3600); // the first renewal
}
