// Every kind of error of the line language, rendered exactly as users see it.

#include "language/parser.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace tokenlab;

namespace {

/// The rendered error of parsing `text`, or "(parsed)".
std::string error_of(std::string_view text) {
  const auto result = parse_scenario_text(text, "e.scn");
  if (const auto* err = std::get_if<parse_error>(&result))
    return err->render();
  return "(parsed)";
}

/// The rendered error of `line` after a step that defines t1.
std::string step_error(const std::string& line) {
  return error_of("vault token create => t1\n" + line + "\n");
}

// What the parser says it models, after an unknown command.
const std::string supported_commands =
  "tokenlab models login, token create, token lookup, token renew, token revoke, token "
  "capabilities, auth enable, auth tune, auth list, auth disable, secrets enable, secrets "
  "tune, secrets list, secrets disable, write, read, list, delete, kv put, kv patch, kv get, kv "
  "delete, kv undelete, kv destroy, kv list, kv metadata get, kv metadata put, kv metadata "
  "delete, lease lookup, lease renew, lease revoke, policy write, policy read, status and "
  "operator generate-root (and the 0.x spellings token-create, token-lookup, token-renew, token-revoke and "
  "mount-tune)";

} // namespace

TEST_CASE("an unknown vault command is named, with a suggestion and the supported list") {
  CHECK(error_of("vault tokn create -ttl=1h\n") ==
        "e.scn:1:7: unknown vault command \"tokn create\" (did you mean \"token create\"?); " +
          supported_commands);
  CHECK(error_of("vault lease lokup x\n") ==
        "e.scn:1:7: unknown vault command \"lease lokup\" (did you mean \"lease lookup\"?); " +
          supported_commands);
  CHECK(error_of("vault\n") ==
        "e.scn:1:1: \"vault\" needs a command, e.g. vault token create -policy=default");
}

TEST_CASE("an unknown flag is Go's flag error at the flag") {
  CHECK(error_of("vault token create -foo\n") == "e.scn:1:20: flag provided but not defined: -foo");
  CHECK(error_of("vault token create -tll=1h\n") ==
        "e.scn:1:20: flag provided but not defined: -tll (did you mean -ttl?)");
  CHECK(error_of("vault token revoke -format=json $root\n") ==
        "e.scn:1:20: flag provided but not defined: -format");
}

TEST_CASE("a Vault flag that tokenlab does not model yet says so") {
  CHECK(error_of("vault token renew -fail-if-not-fulfilled\n") ==
        "e.scn:1:19: flag -fail-if-not-fulfilled is not modelled by tokenlab yet");
  CHECK(error_of("vault list -detailed auth/token/accessors\n") ==
        "e.scn:1:12: flag -detailed is not modelled by tokenlab yet");
  CHECK(error_of("vault token lookup -wrap-ttl=1m\n") ==
        "e.scn:1:20: flag -wrap-ttl is not modelled by tokenlab yet");
  CHECK(error_of("vault token create -format=pretty\n") ==
        "e.scn:1:28: -format=pretty is not modelled by tokenlab yet: use table, json or yaml");
  CHECK(error_of("vault login -method=ldap u\n") ==
        "e.scn:1:21: -method=ldap is not modelled by tokenlab yet: only -method=token, "
        "-method=userpass and -method=github");
  CHECK(error_of("vault lease revoke -sink -prefix aws/\n") ==
        "e.scn:1:20: flag provided but not defined: -sink (did you mean -sync?)");
}

TEST_CASE("bad flag values are reported at the value") {
  CHECK(error_of("vault token create -ttl=6x\n") ==
        "e.scn:1:25: invalid duration \"6x\" for -ttl: unknown unit \"x\"");
  CHECK(error_of("vault token create -ttl \"\"\n") ==
        "e.scn:1:25: invalid duration \"\" for -ttl: empty duration");
  CHECK(error_of("vault token create -use-limit=two\n") ==
        "e.scn:1:31: invalid integer \"two\" for -use-limit: write a whole number such as 2");
  CHECK(error_of("vault token create -orphan=yes\n") ==
        "e.scn:1:28: invalid boolean \"yes\" for -orphan: write -orphan, -orphan=true or "
        "-orphan=false");
  CHECK(error_of("vault token create -metadata=team\n") ==
        "e.scn:1:30: invalid value \"team\" for flag -metadata: missing = in KV pair: \"team\"");
  CHECK(error_of("vault token create -format=xml\n") ==
        "e.scn:1:28: invalid format \"xml\" for -format: use table, json or yaml");
  CHECK(error_of("vault token create -ttl\n") == "e.scn:1:20: flag needs an argument: -ttl");
  CHECK(step_error("vault token create -display-name=$t1") ==
        "e.scn:2:34: -display-name takes a plain value, not a reference: references ($name) "
        "work in token arguments, lease ids, write and login values and VAULT_TOKEN");
}

TEST_CASE("wrong argument counts use the Vault CLI's texts and show the usage") {
  CHECK(error_of("vault token create extra\n") ==
        "e.scn:1:20: Too many arguments (expected 0, got 1); usage: vault token create "
        "[-policy=P ...] [-ttl=D] [-explicit-max-ttl=D] [-period=D] [-orphan] "
        "[-no-default-policy] [-renewable=false] [-display-name=S] [-use-limit=N] [-type=batch] "
        "[-id=S] [-role=NAME] [-entity-alias=NAME] [-metadata=k=v ...] [-field=F]");
  CHECK(error_of("vault lease revoke\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault lease revoke "
        "[-prefix] [-force] [-sync] LEASE_ID");
  CHECK(step_error("vault token lookup $t1 $t1") ==
        "e.scn:2:24: Too many arguments (expected 0-1, got 2); usage: vault token lookup "
        "[-accessor] [TOKEN]");
  CHECK(error_of("vault token lookup -accessor\n") ==
        "e.scn:1:7: Not enough arguments with -accessor (expected 1, got 0)");
  // Vault 1.14's token renew takes one argument; 0.x's token-renew took the increment too.
  CHECK(step_error("vault token renew $t1 1h") ==
        "e.scn:2:23: Too many arguments (expected 1, got 2); usage: vault token renew "
        "[-increment=D] [-accessor] [TOKEN]");
  CHECK(step_error("vault token-renew $t1 1h 2h") ==
        "e.scn:2:26: Too many arguments (expected 0-2, got 3); usage: vault token-renew "
        "[-increment=D] [TOKEN [INCREMENT]]");
  CHECK(step_error("vault token-renew $t1 soon") ==
        "e.scn:2:23: invalid duration \"soon\" for the increment (the second argument): "
        "expected a number");
  CHECK(error_of("vault write secret/x\n") == "e.scn:1:21: Must supply data or use -force");
  CHECK(error_of("vault write -force auth/approle/role/r/secret-id\n") == "(parsed)");
  CHECK(error_of("vault write auth/token/create meta=a=1 meta=b=2\n") ==
        "e.scn:1:40: the key \"meta\" is given twice: Vault's CLI would send a list, which "
        "tokenlab does not model yet; keep one");
  CHECK(error_of("vault write secret/x novalue\n") ==
        "e.scn:1:22: Failed to parse K=V data: invalid key/value pair \"novalue\": format must "
        "be key=value");
  CHECK(error_of("vault login\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0): tokenlab cannot prompt for a "
        "token, so write it, e.g. vault login $t1");
}

TEST_CASE("tuning a secrets engine mount is not modelled yet") {
  CHECK(error_of("vault mount-tune -max-lease-ttl=1h aws\n") ==
        "e.scn:1:36: tuning the secrets engine mount \"aws/\" is not modelled by tokenlab yet: "
        "tokenlab tunes auth methods, e.g. auth/token");
  CHECK(error_of("vault auth tune -max-lease-ttl=1h $root\n") ==
        "e.scn:1:35: PATH is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
}

TEST_CASE("token revoke checks its flags with Vault's own texts") {
  CHECK(step_error("vault token revoke -mode=all $t1") == "e.scn:2:26: Invalid mode: all");
  CHECK(step_error("vault token revoke -self $t1") ==
        "e.scn:2:26: Too many arguments with -self (expected 0, got 1)");
  CHECK(step_error("vault token revoke $t1 $t1") ==
        "e.scn:2:24: Too many arguments (expected 1 or -self, got 2); usage: vault token revoke "
        "[-mode=orphan|path] [-self] [-accessor] [TOKEN]");
  CHECK(error_of("vault token revoke\n") ==
        "e.scn:1:7: Not enough arguments (expected 1 or -self, got 0); usage: vault token "
        "revoke [-mode=orphan|path] [-self] [-accessor] [TOKEN]");
  CHECK(error_of("vault token revoke -self -accessor\n") ==
        "e.scn:1:26: Cannot use -self with -accessor!");
  CHECK(error_of("vault token revoke -self -mode=orphan\n") ==
        "e.scn:1:26: Cannot use -self with -mode!");
  CHECK(step_error("vault token revoke -accessor -mode=orphan $t1.accessor") ==
        "e.scn:2:30: Cannot use -accessor with -mode=orphan!");
  CHECK(step_error("vault token revoke -accessor -mode=path $t1.accessor") ==
        "e.scn:2:30: Cannot use -accessor with -mode=path!");
}

TEST_CASE("a reference to a name no earlier step defined points at the dollar sign") {
  CHECK(error_of("vault token lookup $t9\n") ==
        "e.scn:1:20: unknown name \"t9\": no earlier step is named so (name a result with "
        "\"=> t9\")");
  CHECK(error_of("VAULT_TOKEN=$t vault token lookup\n") ==
        "e.scn:1:13: unknown name \"t\": no earlier step is named so (name a result with "
        "\"=> t\")");
  CHECK(error_of("expect r.ttl == 4h\n") ==
        "e.scn:1:8: unknown name \"r\": no earlier step is named so (name a result with "
        "\"=> r\")");
  CHECK(error_of("vault token create => t\nvault token lookup $t.9\n") ==
        "e.scn:2:20: \"$t.9\" is not a reference: write $name or $name.field, e.g. $t1 or "
        "$t1.accessor (use '...' for a literal $)");
}

TEST_CASE("a step cannot name its result badly") {
  CHECK(error_of("vault token create => 1t\n") ==
        "e.scn:1:23: \"1t\" is not a valid name: use letters, digits and _, starting with a "
        "letter or _");
  CHECK(error_of("vault token create => root\n") ==
        "e.scn:1:23: the name \"root\" is taken: $root is the dev server's root token; pick "
        "another name");
  CHECK(error_of("vault token create =>\n") ==
        "e.scn:1:22: \"=>\" needs a name after it, e.g. => t1");
  CHECK(error_of("vault token create => t -ttl=1h\n") ==
        "e.scn:1:25: \"=> NAME\" must end the line; move \"-ttl=1h\" before the =>");
  CHECK(error_of("advance 1h => t\n") ==
        "e.scn:1:12: only vault steps have results to name with \"=>\"");
}

TEST_CASE("a header directive after the first step is refused") {
  CHECK(error_of("advance 1h\nseed 7\n") == "e.scn:2:1: \"seed\" must come before the first step");
  CHECK(error_of("note x\ntitle \"y\"\n") ==
        "e.scn:2:1: \"title\" must come before the first step");
}

TEST_CASE("header values are checked") {
  CHECK(error_of("seed -1\n") ==
        "e.scn:1:6: the seed must be a whole number from 0 to 18446744073709551615, got \"-1\"");
  CHECK(error_of("seed 1\nseed 2\n") == "e.scn:2:1: \"seed\" is given twice (first on line 1)");
  CHECK(error_of("epoch 2024-01-01\n") ==
        "e.scn:1:7: the epoch must be a UTC time like 2024-01-01T00:00:00Z, got \"2024-01-01\"");
  CHECK(error_of("config max_ttl=1h\n") ==
        "e.scn:1:8: unknown config key \"max_ttl\": tokenlab models default_lease_ttl and "
        "max_lease_ttl");
  CHECK(error_of("config max_lease_tll=1h\n") ==
        "e.scn:1:8: unknown config key \"max_lease_tll\" (did you mean \"max_lease_ttl\"?): "
        "tokenlab models default_lease_ttl and max_lease_ttl");
  CHECK(error_of("config max_lease_ttl=10x\n") ==
        "e.scn:1:22: invalid duration \"10x\" for max_lease_ttl: unknown unit \"x\"");
  CHECK(error_of("title\n") == "e.scn:1:6: \"title\" needs a value, e.g. title \"...\"");
  CHECK(error_of("seed 1 2\n") ==
        "e.scn:1:8: unexpected \"2\": write seed 7 (quote a value that contains spaces)");
}

TEST_CASE("a default lease TTL above the max is Vault's startup error at the config line") {
  const std::string expected =
    "e.scn:2:1: cannot have DefaultLeaseTTL larger than MaxLeaseTTL: default_lease_ttl is "
    "768h but max_lease_ttl is 10h, so Vault would not start (lower default_lease_ttl too)";
  CHECK(error_of("seed 7\nconfig max_lease_ttl=10h\nvault token create\n") == expected);
  CHECK(error_of("seed 7\nconfig max_lease_ttl=10h\n") == expected); // no step at all
  CHECK(error_of("config default_lease_ttl=1h max_lease_ttl=10h\nadvance 1h\n") == "(parsed)");
}

TEST_CASE("a restart (config after a step) is checked as Vault's startup checks the file") {
  // The keys not named keep their values: 768h is above the new max.
  CHECK(error_of("advance 1h\nconfig max_lease_ttl=10h\n") ==
        "e.scn:2:1: cannot have DefaultLeaseTTL larger than MaxLeaseTTL: default_lease_ttl is "
        "768h but max_lease_ttl is 10h, so Vault would not start (lower default_lease_ttl too)");
  CHECK(error_of("advance 1h\nconfig default_lease_ttl=1h max_lease_ttl=10h\n") == "(parsed)");
  CHECK(error_of("advance 1h\nconfig max_lease_tll=1h\n") ==
        "e.scn:2:8: unknown config key \"max_lease_tll\" (did you mean \"max_lease_ttl\"?): "
        "tokenlab models default_lease_ttl and max_lease_ttl");
  CHECK(error_of("advance 1h\nconfig\n") ==
        "e.scn:2:7: \"config\" needs a value, e.g. config default_lease_ttl=1h max_lease_ttl=10h");
  CHECK(error_of("cluster standbys=1\nadvance 1h\nconfig max_lease_ttl=1000h\n") ==
        "e.scn:3:1: restarting the nodes of a cluster (config after the first step) is not "
        "modelled by tokenlab yet");
  CHECK(error_of("fleet clients=1 until=1h login=auth/userpass/login/u\n"
                 "config max_lease_ttl=1000h\n") ==
        "e.scn:2:1: a restart while a fleet runs (config after a fleet step) is not modelled by "
        "tokenlab yet");
}

TEST_CASE("time may not go back or stand still") {
  CHECK(error_of("advance 2h\nat 1h\n") == "e.scn:2:4: at 1h is before the current time t+2h");
  CHECK(error_of("advance 0s\n") ==
        "e.scn:1:9: advance needs a duration greater than zero, got \"0s\"");
  CHECK(error_of("advance -1h\n") ==
        "e.scn:1:9: advance needs a duration greater than zero, got \"-1h\"");
  CHECK(error_of("advance soon\n") ==
        "e.scn:1:9: invalid duration \"soon\" for advance: expected a number");
  CHECK(error_of("advance\n") == "e.scn:1:8: \"advance\" needs a value, e.g. advance 6h");
  CHECK(error_of("at 2h\nat 2h\n") == "(parsed)");
}

TEST_CASE("expectations refuse literals, operators and states they cannot check") {
  CHECK(step_error("expect t1.ttl == soon") ==
        "e.scn:2:18: cannot read the value \"soon\": write a \"quoted string\", a number (7157), "
        "a duration (4h), true, false, null or another result's $name.field");
  CHECK(step_error("expect t1.policies < \"root\"") ==
        "e.scn:2:22: the operator < compares numbers and durations, but \"root\" is a string");
  CHECK(step_error("expect t1.renewable >= true") ==
        "e.scn:2:24: the operator >= compares numbers and durations, but \"true\" is a boolean");
  CHECK(step_error("expect t1.ttl = 4h") ==
        "e.scn:2:15: unknown operator \"=\": use ==, !=, <, <=, >, >=, contains or lacks");
  CHECK(step_error("expect t1 == 4h") ==
        "e.scn:2:8: expect needs NAME.FIELD on the left, e.g. r.ttl or t1.auth.lease_duration; "
        "got \"t1\"");
  CHECK(step_error("expect t1.warnings contains capped at") ==
        "e.scn:2:36: unexpected \"at\" after the value: quote a value that contains spaces");
  CHECK(step_error("expect token $t1 active") ==
        "e.scn:2:18: \"active\" is not a state of a token: use valid, revoked or expired");
  CHECK(step_error("expect credential $t1 valid") ==
        "e.scn:2:23: \"valid\" is not a state of a credential: use active or deleted");
  CHECK(step_error("expect lease $t1") ==
        "e.scn:2:1: expect lease needs a subject and a state: expect lease $c.lease_id valid, "
        "revoked or expired");
}

TEST_CASE("an unterminated quote points at the opening quote") {
  CHECK(error_of("vault write secret/x a=\"b\n") ==
        "e.scn:1:24: unterminated quote: this \" has no closing \" (write \\\" for a quote inside "
        "a quoted word)");
  CHECK(error_of("vault write secret/x a='b\n") ==
        "e.scn:1:24: unterminated quote: this ' has no closing ' (inside double quotes an "
        "apostrophe is just a character)");
  CHECK(error_of("note \"abc\n") ==
        "e.scn:1:6: unterminated quote: this \" has no closing \" (write \\\" for a quote inside "
        "a quoted word)");
}

TEST_CASE("an unknown directive suggests the closest one") {
  CHECK(error_of("advnce 1h\n") ==
        "e.scn:1:1: unknown directive \"advnce\" (did you mean \"advance\"?)");
  CHECK(error_of("  frobnicate\n") ==
        "e.scn:1:3: unknown directive \"frobnicate\": a line starts with title, source, seed, "
        "epoch, config, cluster, github, advance, at, note, expect, fleet, rm or vault");
  CHECK(error_of("token create\n") ==
        "e.scn:1:1: unknown directive \"token\": Vault commands start with \"vault\", e.g. vault "
        "token");
  CHECK(error_of("VAULT_NAMESPACE=x vault read a\n") ==
        "e.scn:1:1: only VAULT_ADDR=..., VAULT_TOKEN=... and VAULT_FORMAT=... may come before \"vault\"; "
        "VAULT_NAMESPACE is not modelled by tokenlab");
  CHECK(error_of("VAULT_ADDR=x vault read a\n") ==
        "e.scn:1:12: VAULT_ADDR names a node of the scenario's cluster: active (declare more "
        "with cluster); got \"x\"");
  CHECK(error_of("cluster standbys=2\nVAULT_ADDR=secondary vault read a\n") ==
        "e.scn:2:12: VAULT_ADDR names a node of the scenario's cluster: active, standby-1, "
        "standby-2; got \"secondary\"");
  CHECK(error_of("cluster standbys=two\n") ==
        "e.scn:1:18: standbys needs a whole number from 0 to 16, got \"two\"");
  CHECK(error_of("cluster replicas=1\n") ==
        "e.scn:1:9: unknown cluster setting \"replicas\": cluster takes standbys=N and "
        "secondary=true|false, e.g. cluster standbys=2 secondary=true");
}

TEST_CASE("a file that cannot be read is reported without a line") {
  const auto result = load_scenario("/nonexistent/dir/x.scn");
  const auto* err = std::get_if<parse_error>(&result);
  REQUIRE(err != nullptr);
  CHECK(err->loc.line == 0);
  CHECK(err->render() == "/nonexistent/dir/x.scn: cannot read file: No such file or directory");
}

TEST_CASE("only a regular file of at most 16 MiB is read as a scenario") {
  auto error_loading = [](const std::string& path) {
    const auto result = load_scenario(path);
    const auto* err = std::get_if<parse_error>(&result);
    return err != nullptr ? err->render() : std::string{"(parsed)"};
  };
  CHECK(error_loading("/dev/zero") == "/dev/zero: cannot read file: not a regular file");
  CHECK(error_loading("/dev/urandom") == "/dev/urandom: cannot read file: not a regular file");
  char dir[] = "/tmp/tokenlab-files-XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  const std::string fifo = std::string{dir} + "/fifo.vlab";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0); // opening it would wait for a writer forever
  CHECK(error_loading(fifo) == fifo + ": cannot read file: not a regular file");
  const std::string big = std::string{dir} + "/big.vlab";
  {
    std::ofstream out{big};
    const std::string line(1023, '#');
    for (std::size_t i = 0; i <= max_file_size / 1024; ++i)
      out << line << '\n';
  }
  CHECK(error_loading(big) == big + ": cannot read file: larger than 16 MiB, the most tokenlab reads");
  std::remove(fifo.c_str());
  std::remove(big.c_str());
  ::rmdir(dir);
}

TEST_CASE("a lone CR ends a line, as LF and CRLF do") {
  // A file saved with old Mac line ends is three lines, not one comment.
  const auto result =
    parse_scenario_text("# a comment\rvault token create -ttl=1h => t\rexpect t.ttl == 1h\r", "e.scn");
  const auto* sc = std::get_if<scenario>(&result);
  REQUIRE(sc != nullptr);
  CHECK(sc->steps.size() == 2);
  CHECK(error_of("# a comment\rvault tokn create\r").rfind("e.scn:2:7: unknown vault command", 0) == 0);
  CHECK(error_of("advance 1h\r\nvault tokn\r\n").rfind("e.scn:2:7:", 0) == 0);
}

TEST_CASE("time ends where CAF's nanosecond clock does: t+2500000h") {
  CHECK(error_of("advance 2500000h\n") == "(parsed)");
  CHECK(error_of("advance 1h\nadvance 2500000h\n") ==
        "e.scn:2:9: advance 2500000h goes past t+2500000h, where tokenlab's clock ends (t+1h now)");
  CHECK(error_of("at 2500001h\n") ==
        "e.scn:1:4: at 2500001h goes past t+2500000h, where tokenlab's clock ends (t+0s now)");
  CHECK(error_of("advance 2000000h\nfleet clients=1 until=600000h login=auth/userpass/login/u\n") ==
        "e.scn:2:23: until=600000h goes past t+2500000h, where tokenlab's clock ends "
        "(t+2000000h now)");
}

TEST_CASE("a heredoc without its closing word is an error at the <<") {
  CHECK(error_of("vault token create => t\nvault policy write p - <<EOF\npath \"x\" {}\nEOFX\n") ==
        "e.scn:2:24: the heredoc <<EOF has no end: its text runs to the end of the file; end it "
        "with a line that is exactly EOF");
  CHECK(error_of("vault policy write p - <<EOF\n  EOF\n") ==
        "e.scn:1:24: the heredoc <<EOF has no end: its text runs to the end of the file; end it "
        "with a line that is exactly EOF");
}

TEST_CASE("a heredoc on a command that reads no standard input is refused at the <<") {
  CHECK(error_of("vault token create -ttl=1h <<EOF\nx\nEOF\n") ==
        "e.scn:1:28: this command reads no standard input, so it cannot have a heredoc (of the "
        "commands tokenlab models, only vault policy write NAME - reads one)");
  CHECK(error_of("vault write secret/x a=b <<EOF\nEOF\n") ==
        "e.scn:1:26: this command reads no standard input, so it cannot have a heredoc (of the "
        "commands tokenlab models, only vault policy write NAME - reads one)");
  CHECK(error_of("advance 1h <<EOF\nEOF\n") ==
        "e.scn:1:12: only vault steps read standard input: remove <<EOF");
  CHECK(error_of("seed 1 <<EOF\nEOF\n") == "e.scn:1:8: only vault steps read standard input: "
                                           "remove <<EOF");
  CHECK(error_of("<<EOF\n") ==
        "e.scn:1:1: a heredoc ends a vault step's line, e.g. vault policy write NAME - <<EOF");
}

TEST_CASE("a heredoc marker ends the line and names its closing word") {
  CHECK(error_of("vault policy write p - <<EOF => w\nEOF\n") ==
        "e.scn:1:30: the heredoc <<EOF must end the line; move \"=>\" before it");
  CHECK(error_of("vault policy write p - <<EOF <<END\nEOF\n") ==
        "e.scn:1:30: a line can have only one heredoc");
  CHECK(error_of("vault policy write p - <<\n") ==
        "e.scn:1:26: << needs the word that ends the text, e.g. <<EOF");
  CHECK(error_of("vault policy write p - <<-EOF\n\tEOF\n") ==
        "e.scn:1:26: the heredoc word \"-EOF\" must be letters, digits or _, e.g. <<EOF");
}

TEST_CASE("policy write needs a heredoc for - and refuses one for a file") {
  CHECK(error_of("vault policy write p -\n") ==
        "e.scn:1:22: FILE - reads the policy from standard input: end this line with <<EOF and "
        "write the policy on the lines below it, up to a line EOF (in a JSON step object: "
        "\"stdin\")");
  CHECK(error_of("vault policy write p p.hcl <<EOF\nEOF\n") ==
        "e.scn:1:28: vault policy write reads standard input only when FILE is -: write vault "
        "policy write p - to use the heredoc's text");
}

TEST_CASE("an unreadable policy file is an error at the file's name") {
  CHECK(error_of("vault policy write p nonexistent/p.hcl\n") ==
        "e.scn:1:22: cannot read policy file \"nonexistent/p.hcl\": No such file or directory");
  // Only regular files are read: a directory, a device (which never ends) or a FIFO (which
  // would wait for a writer) is refused without being opened.
  CHECK(error_of("vault policy write p /tmp\n") ==
        "e.scn:1:22: cannot read policy file \"/tmp\": not a regular file");
  CHECK(error_of("vault policy write p /dev/zero\n") ==
        "e.scn:1:22: cannot read policy file \"/dev/zero\": not a regular file");
}

TEST_CASE("policy commands check their arguments with Vault's texts") {
  CHECK(error_of("vault policy write p\n") ==
        "e.scn:1:7: Not enough arguments (expected 2, got 1); usage: vault policy write NAME "
        "FILE|-");
  CHECK(error_of("vault policy write p a.hcl b.hcl\n") ==
        "e.scn:1:28: Too many arguments (expected 2, got 3); usage: vault policy write NAME "
        "FILE|-");
  CHECK(step_error("vault policy write $t1 -") ==
        "e.scn:2:20: NAME is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
  CHECK(error_of("vault policy write -format=json p -\n") ==
        "e.scn:1:20: flag provided but not defined: -format");
  CHECK(error_of("vault policy read\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault policy read NAME");
  CHECK(error_of("vault policy read a b\n") ==
        "e.scn:1:21: Too many arguments (expected 1, got 2); usage: vault policy read NAME");
}

TEST_CASE("token capabilities checks its arguments with Vault's texts") {
  CHECK(error_of("vault token capabilities\n") ==
        "e.scn:1:7: Not enough arguments (expected 1-2, got 0); usage: vault token capabilities "
        "[-accessor] [TOKEN] PATH");
  CHECK(step_error("vault token capabilities $t1 a b") ==
        "e.scn:2:32: Too many arguments (expected 1-2, got 3); usage: vault token capabilities "
        "[-accessor] [TOKEN] PATH");
  CHECK(step_error("vault token capabilities -accessor secret/foo") ==
        "e.scn:2:7: Not enough arguments with -accessor (expected 2, got 1)");
  CHECK(step_error("vault token capabilities -accessor $t1.accessor a b") ==
        "e.scn:2:51: Too many arguments with -accessor (expected 2, got 3)");
  CHECK(step_error("vault token capabilities $t1 $t1") ==
        "e.scn:2:30: PATH is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
  CHECK(error_of("vault token capabilities $t9 secret/foo\n") ==
        "e.scn:1:26: unknown name \"t9\": no earlier step is named so (name a result with "
        "\"=> t9\")");
}

TEST_CASE("list and delete take exactly one path") {
  CHECK(error_of("vault list\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault list PATH");
  CHECK(error_of("vault list a b\n") ==
        "e.scn:1:14: Too many arguments (expected 1, got 2); usage: vault list PATH");
  CHECK(error_of("vault delete\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault delete PATH");
  CHECK(error_of("vault delete secret/x version=2\n") ==
        "e.scn:1:23: deleting with data (key=value after PATH) is not modelled by tokenlab yet: "
        "write vault delete PATH");
  CHECK(error_of("vault delete -format=json secret/x\n") ==
        "e.scn:1:14: flag provided but not defined: -format");
  CHECK(step_error("vault list $t1") ==
        "e.scn:2:12: PATH is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
}

TEST_CASE("lease revoke -force needs -prefix, with Vault's text at the flag") {
  CHECK(error_of("vault lease revoke -force aws/creds\n") ==
        "e.scn:1:20: Specifying -force requires also specifying -prefix");
  CHECK(error_of("vault lease revoke -sync -f aws/creds\n") ==
        "e.scn:1:26: Specifying -force requires also specifying -prefix");
  CHECK(error_of("vault lease revoke -prefix -force=false -force aws/creds\n") == "(parsed)");
  // Vault counts the arguments first.
  CHECK(error_of("vault lease revoke -force\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault lease revoke "
        "[-prefix] [-force] [-sync] LEASE_ID");
  CHECK(error_of("vault lease revoke -prefix=maybe aws/\n") ==
        "e.scn:1:28: invalid boolean \"maybe\" for -prefix: write -prefix, -prefix=true or "
        "-prefix=false");
}

TEST_CASE("lease lookup and lease renew want one lease id, with Vault's texts") {
  CHECK(error_of("vault lease lookup\n") ==
        "e.scn:1:7: Missing ID!; usage: vault lease lookup LEASE_ID");
  CHECK(error_of("vault lease lookup a b\n") ==
        "e.scn:1:22: Too many arguments (expected 1, got 2); usage: vault lease lookup LEASE_ID");
  CHECK(error_of("vault lease renew -increment=1h\n") ==
        "e.scn:1:7: Missing ID!; usage: vault lease renew [-increment=D] LEASE_ID");
  // Vault's own text says 1-2 (the 0.x `vault renew ID INCREMENT`); only -increment works.
  CHECK(error_of("vault lease renew a 1h\n") ==
        "e.scn:1:21: Too many arguments (expected 1-2, got 2); usage: vault lease renew "
        "[-increment=D] LEASE_ID");
  CHECK(error_of("vault lease renew -increment=6x a\n") ==
        "e.scn:1:30: invalid duration \"6x\" for -increment: unknown unit \"x\"");
  CHECK(error_of("vault lease lookup $c9\n") ==
        "e.scn:1:20: unknown name \"c9\": no earlier step is named so (name a result with "
        "\"=> c9\")");
  CHECK(error_of("vault lease lookup -format=raw a\n") ==
        "e.scn:1:28: -format=raw is not modelled by tokenlab yet: use table, json or yaml");
  CHECK(error_of("vault lease revoke -format=json a\n") ==
        "e.scn:1:20: flag provided but not defined: -format");
}

TEST_CASE("secrets tune takes one written-out mount path") {
  CHECK(error_of("vault secrets tune -max-lease-ttl=1h\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault secrets tune "
        "[-default-lease-ttl=D|system] [-max-lease-ttl=D|system] PATH");
  CHECK(error_of("vault secrets tune aws gcp\n") ==
        "e.scn:1:24: Too many arguments (expected 1, got 2); usage: vault secrets tune "
        "[-default-lease-ttl=D|system] [-max-lease-ttl=D|system] PATH");
  CHECK(error_of("vault secrets tune -max-lease-ttl=1h //\n") ==
        "e.scn:1:38: PATH names no mount: write the secrets engine's path, e.g. aws/");
  CHECK(error_of("vault secrets tune -max-lease-ttl=1h $root\n") ==
        "e.scn:1:38: PATH is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
  CHECK(error_of("vault secrets tune -max-lease-ttl=soon aws\n") ==
        "e.scn:1:35: invalid duration \"soon\" for -max-lease-ttl: expected a number");
  CHECK(error_of("vault secrets tune -description=x aws\n") ==
        "e.scn:1:20: flag -description is not modelled by tokenlab yet");
  CHECK(error_of("vault secrets tune -token-type=batch aws\n") ==
        "e.scn:1:20: flag provided but not defined: -token-type");
}

TEST_CASE("auth enable takes one written-out type and a mount path") {
  CHECK(error_of("vault auth enable\n") ==
        "e.scn:1:7: Not enough arguments (expected 1, got 0); usage: vault auth enable "
        "[-path=P] TYPE");
  CHECK(error_of("vault auth enable userpass ldap\n") ==
        "e.scn:1:28: Too many arguments (expected 1, got 2); usage: vault auth enable "
        "[-path=P] TYPE");
  CHECK(error_of("vault auth enable -path=/ userpass\n") ==
        "e.scn:1:25: the mount path is empty: write e.g. -path=userpass");
  CHECK(error_of("vault auth enable $root\n") ==
        "e.scn:1:19: TYPE is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
  CHECK(step_error("vault auth enable -path=$t1 userpass") ==
        "e.scn:2:25: -path takes a plain value, not a reference: references ($name) work in "
        "token arguments, lease ids, write and login values and VAULT_TOKEN");
  CHECK(error_of("vault auth enable -local userpass\n") ==
        "e.scn:1:19: flag -local is not modelled by tokenlab yet");
  CHECK(error_of("vault auth enable -max-lease-ttl=1h userpass\n") ==
        "e.scn:1:19: flag -max-lease-ttl is not modelled by tokenlab yet");
}

TEST_CASE("login checks its method and its key=value pairs with Vault's texts") {
  CHECK(error_of("vault login -method=approle role_id=r\n") ==
        "e.scn:1:21: Unknown auth method: approle. Use \"vault auth list\" to see the complete "
        "list of auth methods. Additionally, some auth methods are only available via the HTTP "
        "API.");
  CHECK(error_of("vault login -method=userpass u\n") ==
        "e.scn:1:30: Error parsing configuration: invalid key/value pair \"u\": format must be "
        "key=value");
  CHECK(error_of("vault login -method=userpass =alice password=p\n") ==
        "e.scn:1:30: Error parsing configuration: invalid key/value pair \"=alice\": format "
        "must be key=value");
  CHECK(error_of("vault login -method=userpass password=p\n") ==
        "e.scn:1:7: Error authenticating: 'username' must be specified");
  CHECK(error_of("vault login -method=userpass username= password=p\n") ==
        "e.scn:1:30: Error authenticating: 'username' must be specified");
  CHECK(error_of("vault login -method=userpass username=alice\n") ==
        "e.scn:1:7: tokenlab cannot prompt for a password, so write it, e.g. vault login "
        "-method=userpass username=alice password=secret");
  CHECK(error_of("vault login -method=userpass username=alice password=''\n") ==
        "e.scn:1:45: tokenlab cannot prompt for a password, so write it, e.g. vault login "
        "-method=userpass username=alice password=secret");
  CHECK(error_of("vault login -method=userpass username=a username=b password=p\n") ==
        "e.scn:1:41: the key \"username\" is given twice; keep one");
  CHECK(step_error("vault login -method=userpass mount=$t1 username=a password=p") ==
        "e.scn:2:36: mount= is written out, not a reference: references ($name) work in token "
        "arguments, lease ids, write and login values and VAULT_TOKEN");
  CHECK(error_of("vault login -method=userpass -path=// username=a password=p\n") ==
        "e.scn:1:36: the mount path is empty: write e.g. -path=userpass");
  CHECK(error_of("vault login -method=userpass @creds.json\n") ==
        "e.scn:1:30: reading login data from stdin or a file is not modelled by tokenlab yet: "
        "write key=value pairs");
  CHECK(error_of("vault login -method=userpass username=alice password=@pw.txt\n") ==
        "e.scn:1:54: reading a value from a file (@file) is not modelled by tokenlab yet: write "
        "the value");
  CHECK(error_of("vault login -no-store s.abc\n") ==
        "e.scn:1:13: flag -no-store is not modelled by tokenlab yet");
}

TEST_CASE("login with a token takes it as the first argument or as token=") {
  CHECK(error_of("vault login s.abc extra\n") ==
        "e.scn:1:19: Error parsing configuration: invalid key/value pair \"extra\": format "
        "must be key=value");
  CHECK(error_of("vault login s.abc token=s.def\n") ==
        "e.scn:1:19: the key \"token\" is given twice; keep one");
  CHECK(error_of("vault login foo=bar\n") ==
        "e.scn:1:7: no token given: tokenlab cannot prompt for a token, so write it, e.g. vault "
        "login $t1");
  CHECK(error_of("vault login \" \"\n") ==
        "e.scn:1:13: Error authenticating: a token must be passed to auth, please view the help "
        "for more information");
  CHECK(error_of("vault login token=\n") ==
        "e.scn:1:13: Error authenticating: a token must be passed to auth, please view the help "
        "for more information");
  CHECK(error_of("vault login -\n") ==
        "e.scn:1:13: reading the token from standard input (-) is not modelled by tokenlab yet: "
        "write the token, e.g. vault login $t1");
  CHECK(error_of("vault login s.abc lookup=false\n") ==
        "e.scn:1:19: lookup=false is not modelled by tokenlab yet: vault login looks the token "
        "up (lookup-self)");
  CHECK(error_of("vault login -method=token -path=/ s.abc\n") ==
        "e.scn:1:33: the mount path is empty: write e.g. -path=token");
}

TEST_CASE("auth list takes no arguments") {
  CHECK(error_of("vault auth list token/\n") ==
        "e.scn:1:17: Too many arguments (expected 0, got 1); usage: vault auth list [-detailed]");
}

TEST_CASE("a fleet needs its clients, horizon and login, each a valid value") {
  CHECK(error_of("fleet until=1h login=auth/userpass/login/pod\n") ==
        "e.scn:1:45: fleet needs clients=N, e.g. fleet clients=1000 until=15h "
        "login=auth/userpass/login/pod login.password=pw read=aws/creds/app => f");
  CHECK(error_of("fleet clients=0 until=1h login=auth/userpass/login/pod\n") ==
        "e.scn:1:15: clients needs a whole number from 1 to 10000000, got \"0\"");
  CHECK(error_of("fleet clients=5 until=1h login=secret/x\n") ==
        "e.scn:1:32: login needs an auth method's login path, e.g. "
        "login=auth/userpass/login/pod, got \"secret/x\"");
  CHECK(error_of("fleet clients=5 until=1h login=auth/userpass/login/p colour=red\n") ==
        "e.scn:1:54: unknown fleet setting \"colour\"; fleet takes clients, until, login, "
        "login.FIELD, read, arrival, lifetime, tick, renew and nodes");
  CHECK(error_of("fleet clients=5 until=1h login=auth/userpass/login/p tick=0s\n") ==
        "e.scn:1:59: tick needs a duration greater than zero, got \"0s\"");
  CHECK(error_of("fleet clients=5 until=soon login=auth/userpass/login/p\n") ==
        "e.scn:1:23: invalid duration \"soon\" for until: expected a number");
  CHECK(
    error_of("fleet clients=5 until=1h login=auth/userpass/login/p => f\nexpect f.logins == 0\n") ==
    "(parsed)");
}

TEST_CASE("a flag after an argument is one more argument, with the CLI's warning first") {
  const std::string warned = " (Vault's CLI warns first: Command flags must be provided before "
                             "positional arguments. The following arguments will not be parsed "
                             "as flags: [";
  CHECK(step_error("vault token renew $t1 -increment=1h") ==
        "e.scn:2:23: Too many arguments (expected 1, got 2); usage: vault token renew "
        "[-increment=D] [-accessor] [TOKEN]" + warned + "-increment=1h])");
  CHECK(step_error("vault token revoke $t1 -mode=orphan") ==
        "e.scn:2:24: Too many arguments (expected 1 or -self, got 2); usage: vault token revoke "
        "[-mode=orphan|path] [-self] [-accessor] [TOKEN]" + warned + "-mode=orphan])");
  CHECK(error_of("vault auth tune token/ -max-lease-ttl=1h\n") ==
        "e.scn:1:24: Too many arguments (expected 1, got 2); usage: vault auth tune "
        "[-default-lease-ttl=D|system] [-max-lease-ttl=D|system] [-token-type=T] PATH" + warned +
        "-max-lease-ttl=1h])");
  CHECK(error_of("vault write secret/x a=1 -force\n") ==
        "e.scn:1:26: Failed to parse K=V data: invalid key/value pair \"-force\": format must be "
        "key=value" + warned + "-force])");
  CHECK(error_of("vault token create -- -ttl=1h\n") ==
        "e.scn:1:23: Too many arguments (expected 0, got 1); usage: vault token create "
        "[-policy=P ...] [-ttl=D] [-explicit-max-ttl=D] [-period=D] [-orphan] "
        "[-no-default-policy] [-renewable=false] [-display-name=S] [-use-limit=N] [-type=batch] "
        "[-id=S] [-role=NAME] [-entity-alias=NAME] [-metadata=k=v ...] [-field=F]" +
          warned + "-ttl=1h])");
  // -format is a global flag: it draws no warning, but still counts as an argument.
  CHECK(step_error("vault token lookup $t1 -format=json") ==
        "e.scn:2:24: Too many arguments (expected 0-1, got 2); usage: vault token lookup "
        "[-accessor] [TOKEN]");
  // The 0.x CLI stopped at the first argument too, but did not warn.
  CHECK(step_error("vault token-lookup $t1 -accessor") ==
        "e.scn:2:24: Too many arguments (expected 0-1, got 2); usage: vault token lookup "
        "[-accessor] [TOKEN]");
  CHECK(step_error("vault token-renew $t1 -increment=1h") ==
        "e.scn:2:23: invalid duration \"-increment=1h\" for the increment (the second argument): "
        "expected a number");
  // vault read sends what follows PATH as data, which tokenlab does not model.
  CHECK(error_of("vault read secret/x -format=json\n") ==
        "e.scn:1:21: reading with data (key=value after PATH) is not modelled by tokenlab yet: "
        "write vault read PATH");
  CHECK(error_of("vault write secret/x a=1 -output-curl-string\n") ==
        "e.scn:1:26: -output-curl-string after an argument is still read by Vault's CLI (a "
        "global flag), and tokenlab does not model it there: put it before the arguments");
  CHECK(error_of("vault write secret/x a=1 -format=pretty\n") ==
        "e.scn:1:34: -format=pretty is not modelled by tokenlab yet: use table, json or yaml");
  CHECK(error_of("vault write secret/x a=1 -format raw\n") ==
        "e.scn:1:34: -format=raw is not modelled by tokenlab yet: use table, json or yaml");
}

TEST_CASE("a field that no result of its kind has is an error at the field, with a suggestion") {
  CHECK(error_of("vault token create => r\nexpect r.token_duraton == 4h\n") ==
        "e.scn:2:10: unknown field \"token_duraton\" of r (a token create result): did you mean "
        "\"token_duration\"?");
  CHECK(error_of("vault token renew => r\nexpect r.auth.lease_duraton == 4h\n") ==
        "e.scn:2:10: unknown field \"auth.lease_duraton\" of r (a token renew result): did you "
        "mean \"auth.lease_duration\"?");
  CHECK(error_of("vault token create => t\nvault token lookup $t => l\nexpect l.creaton_ttl == 1\n") ==
        "e.scn:3:10: unknown field \"creaton_ttl\" of l (a token lookup result): did you mean "
        "\"creation_ttl\"?");
  CHECK(error_of("vault token create => t\nvault token lookup $t => l\nexpect l.metta.team == 1\n") ==
        "e.scn:3:10: unknown field \"metta.team\" of l (a token lookup result): did you mean "
        "\"meta.team\"?");
  CHECK(error_of("vault token create => t\nexpect t.policis.length == 1\n") ==
        "e.scn:2:10: unknown field \"policis.length\" of t (a token create result): did you "
        "mean \"policies.length\"?");
  CHECK(error_of("vault token create => t\nvault token revoke $t => rv\nexpect rv.token == \"\"\n") ==
        "e.scn:3:11: unknown field \"token\" of rv (a token revoke result): its fields are "
        "status, error, errors, warnings, request_id, lease_id, lease_duration, renewable, "
        "storage.writes, storage.deletes, node, served");
  // References are checked the same way, at the field.
  CHECK(error_of("vault token create => t\nvault token lookup -accessor $t.acessor\n") ==
        "e.scn:2:33: unknown field \"acessor\" of t (a token create result): did you mean "
        "\"accessor\"?");
  CHECK(error_of("vault token create => t\nexpect t.accessor == $t.acessor\n") ==
        "e.scn:2:25: unknown field \"acessor\" of t (a token create result): did you mean "
        "\"accessor\"?");
  CHECK(error_of("vault token create => t\nexpect t.accessor == $t9.accessor\n") ==
        "e.scn:2:22: unknown name \"t9\": no earlier step is named so (name a result with \"=> "
        "t9\")");
  // Results whose fields depend on the path take any name.
  CHECK(error_of("vault read secret/x => r\nexpect r.anything.at_all == 1\n"
                 "vault write secret/x a=1 => w\nexpect w.whatever absent\n") == "(parsed)");
  // A later result of the same name is checked as what it is.
  CHECK(error_of("vault read secret/x => r\nvault token create => r\nexpect r.anything == 1\n") ==
        "e.scn:3:10: unknown field \"anything\" of r (a token create result): its fields are "
        "token, client_token, token_accessor, accessor, token_duration, ttl, token_renewable, "
        "token_policies, identity_policies, policies, metadata, entity_id, token_type, type, "
        "orphan, num_uses, token_meta_KEY, metadata.KEY, auth.KEY (the API's auth object); and "
        "as every result: status, error, errors, warnings, request_id, lease_id, lease_duration, "
        "renewable, storage.writes, storage.deletes, node, served");
}

TEST_CASE("absent and present take no value, an operator needs one") {
  CHECK(step_error("expect t1.ttl ==") ==
        "e.scn:2:17: the operator == needs a value after it, e.g. expect r.ttl == 4h");
  CHECK(step_error("expect t1.ttl missing") ==
        "e.scn:2:15: expect t1.ttl needs OP VALUE (e.g. == 4h) or absent or present; got "
        "\"missing\"");
  CHECK(step_error("expect t1.ttl") ==
        "e.scn:2:1: expect needs NAME.FIELD OP VALUE, e.g. expect r.ttl == 4h, NAME.FIELD "
        "absent|present, or expect token|lease|credential ARG STATE");
}

TEST_CASE("a second fleet is refused at its line") {
  CHECK(error_of("fleet clients=5 until=1h login=auth/userpass/login/p\n"
                 "advance 1h\n"
                 "fleet clients=5 until=1h login=auth/userpass/login/p\n") ==
        "e.scn:3:1: a scenario runs one fleet, and the fleet of line 1 runs to the end; put this "
        "one in a scenario of its own");
}

TEST_CASE("a fleet past the run's budget is refused before anything runs") {
  auto budget_error = [](const std::string& text, const fleet_budget& budget) {
    const auto parsed = parse_scenario_text(text, "e.scn");
    const auto* sc = std::get_if<scenario>(&parsed);
    REQUIRE(sc != nullptr);
    const auto err = check_budget(*sc, budget);
    return err ? err->render() : std::string{"(fits)"};
  };
  // The reference workload at N = 100,000 (15h, tick 20m, lifetime 1h): 45 + 32 events a slot.
  const std::string reference = "advance 1h\nfleet clients=100000 until=15h "
                                "login=auth/userpass/login/pod\n";
  CHECK(budget_error(reference, {}) == "(fits)");
  CHECK(budget_error(reference, {100000, 7700000}) == "(fits)");
  CHECK(budget_error(reference, {100000, 7699999}) ==
        "e.scn:2:1: this fleet makes about 7700000 events (clients x (until/tick + 2 x "
        "until/lifetime + 2)), more than the 7699999 a run allows; raise the limit with "
        "--max-events, or shorten until or lengthen tick");
  CHECK(budget_error("fleet clients=10000000 until=1h login=auth/userpass/login/pod\n", {}) ==
        "e.scn:1:1: this fleet has 10000000 clients, more than the 250000 a run allows (each "
        "keeps a token and a lease in memory); raise the limit with --max-clients");
  // A 1 ms tick for an hour: 3.6 million ticks per client.
  CHECK(budget_error("fleet clients=10 until=1h tick=1ms login=auth/userpass/login/pod\n", {}) ==
        "e.scn:1:1: this fleet makes about 36000040 events (clients x (until/tick + 2 x "
        "until/lifetime + 2)), more than the 25000000 a run allows; raise the limit with "
        "--max-events, or shorten until or lengthen tick");
}

TEST_CASE("$root has no fields: a reference to one is refused before the run") {
  CHECK(error_of("vault token revoke -accessor $root.accessor\n") ==
        "e.scn:1:36: root is the root token's ID, not a step's result, so it has no field "
        "\"accessor\": look it up first (vault token lookup $root => r) and use r.accessor");
  CHECK(error_of("expect root.policies contains \"root\"\n") ==
        "e.scn:1:13: root is the root token's ID, not a step's result, so it has no field "
        "\"policies\": look it up first (vault token lookup $root => r) and use r.policies");
  CHECK(error_of("vault token lookup $root => r\nexpect r.accessor present\n") == "(parsed)");
}

TEST_CASE("a github line says what it needs") {
  CHECK(error_of("github user=alice token=t orgs=acme\n") ==
        "e.scn:1:32: unknown organization \"acme\": declare it first, e.g. github org=acme");
  CHECK(error_of("github org=acme\ngithub user=a token=t orgs=acme teams=acme\n") ==
        "e.scn:2:39: a team is ORG/NAME, e.g. teams=acme/dev, got \"acme\"");
  CHECK(error_of("github org=acme\ngithub user=a token=t teams=acme/dev\n") ==
        "e.scn:2:29: the team \"acme/dev\" belongs to an organization the user is not in: list "
        "it in orgs= first");
  CHECK(error_of("github org=acme id=x\n") ==
        "e.scn:1:20: id needs a whole number greater than zero, got \"x\"");
  CHECK(error_of("github token=t\n") ==
        "e.scn:1:8: a github line starts with org= or user=, e.g. github org=acme id=1001, or "
        "github user=alice token=ghp_alice orgs=acme teams=acme/dev");
  CHECK(error_of("vault token create\ngithub org=acme\n") ==
        "e.scn:2:1: \"github\" must come before the first step");
  CHECK(error_of("vault login -method=github\n") ==
        "e.scn:1:7: tokenlab cannot prompt for a GitHub personal access token, so write it, "
        "e.g. vault login -method=github token=ghp_alice");
}

TEST_CASE("VAULT_FORMAT takes table, json or yaml") {
  CHECK(error_of("VAULT_FORMAT=pretty vault token lookup\n") ==
        "e.scn:1:14: VAULT_FORMAT=pretty is not modelled by tokenlab yet: use table, json or "
        "yaml");
  CHECK(error_of("VAULT_FORMAT=xml vault token lookup\n") ==
        "e.scn:1:14: invalid format \"xml\" for VAULT_FORMAT: use table, json or yaml");
  CHECK(error_of("VAULT_FORMAT=json\n") ==
        "e.scn:1:18: VAULT_FORMAT=... is followed by a vault command, e.g. VAULT_FORMAT=json vault "
        "token lookup");
}

TEST_CASE("vault operator generate-root refuses what the lab cannot do, with Vault's texts where "
          "Vault has them") {
  CHECK(error_of("vault operator generate-root a b\n") ==
        "e.scn:1:32: Too many arguments (expected 0-1, got 2); usage: vault operator "
        "generate-root [-init] [-otp=OTP] [-generate-otp] [-status] [-cancel] [-nonce=NONCE] "
        "[-decode=ENCODED] [KEY]");
  CHECK(error_of("vault operator generate-root -init -pgp-key=k.asc\n") ==
        "e.scn:1:36: flag -pgp-key is not modelled by tokenlab yet");
  CHECK(error_of("vault operator generate-root -nonce=n\n") ==
        "e.scn:1:7: Vault would prompt for an unseal key here; tokenlab cannot prompt: give it "
        "as the argument (a dev server's is $unseal_key)");
  CHECK(error_of("vault status => unseal_key\n") ==
        "e.scn:1:17: the name \"unseal_key\" is taken: $unseal_key is the dev server's unseal "
        "key; pick another name");
}
