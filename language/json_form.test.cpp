// The JSON form: it means what the line language means, and its errors point into the JSON.

#include "language/parser.hpp"

#include "clock/duration.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace tokenlab;

namespace {

// --- a field-by-field dump of a scenario, so that two ASTs can be compared ---

std::string dump(const arg& a) {
  return a.is_ref() ? "$" + a.ref_name + (a.ref_field.empty() ? "" : "." + a.ref_field)
                    : "'" + a.literal + "'";
}

std::string dump(const std::optional<arg>& a) {
  return a ? dump(*a) : "-";
}

std::string dump(const token_create_request& r) {
  std::ostringstream out;
  out << "create orphan_endpoint=" << r.orphan_endpoint << " policies=";
  for (const auto& p : r.policies)
    out << p << ",";
  out << " meta=";
  for (const auto& [k, v] : r.meta)
    out << k << "=" << v << ",";
  out << " no_parent=" << r.no_parent << " no_default=" << r.no_default_policy
      << " renewable=" << r.renewable << " ttl=" << format_duration(r.ttl)
      << " explicit=" << format_duration(r.explicit_max_ttl)
      << " period=" << format_duration(r.period) << " display=" << r.display_name
      << " uses=" << r.num_uses << " type=" << r.type << " id=" << r.id << " role=" << r.role;
  return out.str();
}

std::string dump(const std::optional<sim_duration>& d) {
  return d ? format_duration(*d) : "-";
}

std::string dump(const std::vector<std::pair<std::string, arg>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += " " + k + "=" + dump(v);
  return out;
}

struct command_dumper {
  std::string operator()(const cmd_login& c) const {
    return "login " + c.method + " " + c.path + " " + dump(c.token) + dump(c.fields);
  }
  std::string operator()(const cmd_auth_enable& c) const {
    return "auth enable " + c.type + " " + c.path;
  }
  std::string operator()(const cmd_auth_list& c) const {
    return std::string{"auth list"} + (c.detailed ? " -detailed" : "");
  }
  std::string operator()(const cmd_token_create& c) const { return dump(c.req); }
  std::string operator()(const cmd_token_lookup& c) const {
    return "lookup " + std::to_string(static_cast<int>(c.by)) + " " + dump(c.value);
  }
  std::string operator()(const cmd_token_renew& c) const {
    return "renew " + std::to_string(static_cast<int>(c.by)) + " " + dump(c.value) + " " +
           format_duration(c.increment);
  }
  std::string operator()(const cmd_token_revoke& c) const {
    return "revoke " + std::to_string(static_cast<int>(c.by)) + " " + dump(c.value) + " " + c.mode;
  }
  std::string operator()(const cmd_auth_tune& c) const {
    return "tune " + c.req.mount + " " + dump(c.req.default_lease_ttl) + " " +
           dump(c.req.max_lease_ttl);
  }
  std::string operator()(const cmd_secrets_enable& c) const {
    return "enable " + c.type + " " + c.path;
  }
  std::string operator()(const cmd_secrets_tune& c) const {
    return "secrets tune " + c.req.mount + " " + dump(c.req.default_lease_ttl) + " " +
           dump(c.req.max_lease_ttl);
  }
  std::string operator()(const cmd_write& c) const { return "write " + c.path + dump(c.fields); }
  std::string operator()(const cmd_read& c) const { return "read " + c.path; }
  std::string operator()(const cmd_lease_revoke& c) const {
    return "lease revoke " + dump(c.lease_id) + (c.prefix ? " prefix" : "") +
           (c.force ? " force" : "") + (c.sync ? " sync" : "");
  }
  std::string operator()(const cmd_lease_lookup& c) const {
    return "lease lookup " + dump(c.lease_id);
  }
  std::string operator()(const cmd_lease_renew& c) const {
    return "lease renew " + dump(c.lease_id) + " " + format_duration(c.increment);
  }
  std::string operator()(const cmd_policy_write& c) const {
    return "policy write " + c.name + " from " + c.origin + " text=[" + c.text + "]";
  }
  std::string operator()(const cmd_policy_read& c) const { return "policy read " + c.name; }
  std::string operator()(const cmd_token_capabilities& c) const {
    return "capabilities " + std::to_string(static_cast<int>(c.by)) + " " + dump(c.value) + " " +
           c.path;
  }
  std::string operator()(const cmd_list& c) const { return "list " + c.path; }
  std::string operator()(const cmd_delete& c) const { return "delete " + c.path; }
  std::string operator()(const cmd_kv& c) const {
    return "kv " + std::to_string(static_cast<int>(c.op)) + " " + c.path + dump(c.fields);
  }
  std::string operator()(const cmd_secrets_list& c) const {
    return std::string{"secrets list"} + (c.detailed ? " -detailed" : "");
  }
  std::string operator()(const cmd_secrets_disable& c) const { return "secrets disable " + c.path; }
  std::string operator()(const cmd_auth_disable& c) const { return "auth disable " + c.path; }
  std::string operator()(const cmd_status&) const { return "status"; }
  std::string operator()(const cmd_generate_root& g) const {
    return "generate-root " + std::to_string(static_cast<int>(g.mode));
  }
};

struct step_dumper {
  std::string operator()(const vault_step& v) const {
    return "vault[" + v.spelling + "] json=" + std::to_string(v.json) +
           " as=" + dump(v.vault_token) + " name=" + v.name + " " +
           std::visit(command_dumper{}, v.cmd);
  }
  std::string operator()(const time_step& t) const {
    return (t.absolute ? "at " : "advance ") + format_duration(t.value);
  }
  std::string operator()(const note_step& n) const { return "note " + n.text; }
  std::string operator()(const token_helper_step&) const { return "rm ~/.vault-token"; }
  std::string operator()(const restart_step& r) const {
    return "restart " + format_duration(r.config.default_lease_ttl) + " " +
           format_duration(r.config.max_lease_ttl);
  }
  std::string operator()(const fleet_step& f) const {
    const auto& p = f.params;
    std::string out = "fleet " + f.name + " " + std::to_string(p.clients) + " " +
                      format_duration(p.until) + " " + p.login + " " + p.read + " " +
                      format_duration(p.tick) + " " +
                      (p.renew ? format_duration(*p.renew) : std::string{"none"});
    for (const auto& [k, v] : p.login_fields)
      out += " " + k + "=" + v;
    return out;
  }
  std::string operator()(const expect_step& e) const {
    if (const auto* s = std::get_if<expect_state>(&e.what))
      return std::string("expect ") + to_string(s->kind) + " " + dump(s->subject) + " " +
             to_string(s->state);
    const auto& c = std::get<expect_compare>(e.what);
    return "expect " + c.name + "." + c.field + " " + to_string(c.op) +
           " kind=" + std::to_string(static_cast<int>(c.value.k)) + " text=" + c.value.text +
           " n=" + std::to_string(c.value.number) + " d=" + format_duration(c.value.duration) +
           " b=" + std::to_string(c.value.boolean);
  }
};

std::string dump(const scenario& sc) {
  std::ostringstream out;
  out << "title=" << sc.title << "\nseed=" << sc.seed << "\nepoch=" << sc.epoch_unix
      << "\nconfig=" << format_duration(sc.config.default_lease_ttl) << "/"
      << format_duration(sc.config.max_lease_ttl) << "\n";
  for (const auto& s : sc.sources)
    out << "source=" << s << "\n";
  for (const auto& s : sc.steps)
    out << std::visit(step_dumper{}, s.body) << "\n";
  return out.str();
}

scenario parse_ok(const parse_result& result) {
  if (const auto* err = std::get_if<parse_error>(&result))
    FAIL(err->render());
  return std::get<scenario>(result);
}

std::string json_error(std::string_view text) {
  const auto result = parse_scenario_json(text, "s.json");
  if (const auto* err = std::get_if<parse_error>(&result))
    return err->render();
  return "(parsed)";
}

const char* const a01_text = R"scn(# A01
title "Renewal is capped by the max TTL"
source "tokens.html.md (2016)"
seed 7
epoch 2016-06-01T00:00:00Z
config default_lease_ttl=1h max_lease_ttl=10h
vault auth tune -max-lease-ttl=10h token/
vault token create -policy=default -metadata=team=ops => t1
vault secrets enable -path=aws aws
vault write aws/roles/deploy credential_type=iam_user token=$t1
vault read aws/creds/deploy => c
advance 6h
VAULT_TOKEN=$root vault token renew -increment=9h $t1 => r
at 7h
note it's capped: "4h" left
expect r.ttl == 4h
expect r.warnings contains "exceeded the effective max_ttl"
expect r.auth.lease_duration >= 14400
expect token $t1 valid
vault lease revoke -prefix aws/creds
expect credential $c deleted
)scn";

const char* const a01_json = R"json({
  "title": "Renewal is capped by the max TTL",
  "sources": ["tokens.html.md (2016)"],
  "seed": 7,
  "epoch": "2016-06-01T00:00:00Z",
  "config": {"default_lease_ttl": "1h", "max_lease_ttl": 36000},
  "steps": [
    "vault auth tune -max-lease-ttl=10h token/",
    {"vault": "token create -policy=default -metadata=team=ops", "name": "t1"},
    "vault secrets enable -path=aws aws",
    "vault write aws/roles/deploy credential_type=iam_user token=$t1",
    {"vault": "read aws/creds/deploy", "name": "c"},
    {"advance": "6h"},
    {"vault": "token renew -increment=9h $t1", "name": "r", "token": "$root"},
    {"at": 25200},
    {"note": "it's capped: \"4h\" left"},
    {"expect": "r.ttl == 4h"},
    "expect r.warnings contains \"exceeded the effective max_ttl\"",
    {"expect": "r.auth.lease_duration >= 14400"},
    "expect token $t1 valid",
    "vault lease revoke -prefix aws/creds",
    {"expect": "credential $c deleted"}
  ]
})json";

} // namespace

TEST_CASE("the text and JSON forms of a scenario parse to the same steps") {
  const auto text = parse_ok(parse_scenario_text(a01_text, "a01.scn"));
  const auto json = parse_ok(parse_scenario_json(a01_json, "a01.json"));
  CHECK(dump(json) == dump(text));
  CHECK(text.steps.size() == 15);
  CHECK(json.file == "a01.json");
}

TEST_CASE("the lease, auth and secrets commands mean the same in both forms") {
  const char* const text = "vault auth enable -path=people userpass\n"
                           "vault write auth/people/users/alice password=pw policies=default\n"
                           "vault login -method=userpass -path=people username=alice password=pw "
                           "=> li\n"
                           "vault login $li\n"
                           "vault secrets tune -default-lease-ttl=system -max-lease-ttl=1h aws\n"
                           "vault read aws/creds/deploy => c\n"
                           "vault lease lookup -format=json $c.lease_id => l\n"
                           "vault lease renew -increment=600 $c\n"
                           "vault lease revoke -force -prefix -sync aws/creds\n";
  const char* const json = R"json({"steps": [
    "vault auth enable -path=people userpass",
    "vault write auth/people/users/alice password=pw policies=default",
    {"vault": "login -method=userpass -path=people username=alice password=pw", "name": "li"},
    "vault login $li",
    {"vault": "secrets tune -default-lease-ttl=system -max-lease-ttl=1h aws"},
    {"vault": "read aws/creds/deploy", "name": "c"},
    {"vault": "lease lookup -format=json $c.lease_id", "name": "l"},
    "vault lease renew -increment=600 $c",
    {"vault": "lease revoke -force -prefix -sync aws/creds"}
  ]})json";
  const auto from_text = parse_ok(parse_scenario_text(text, "n.scn"));
  const auto from_json = parse_ok(parse_scenario_json(json, "n.json"));
  CHECK(dump(from_json) == dump(from_text));
  CHECK(dump(from_text) ==
        "title=\nseed=1\nepoch=1704067200\nconfig=768h/768h\n"
        "vault[auth enable] json=0 as=- name= auth enable userpass people/\n"
        "vault[write] json=0 as=- name= write auth/people/users/alice password='pw' "
        "policies='default'\n"
        "vault[login] json=0 as=- name=li login userpass people/ '' username='alice' "
        "password='pw'\n"
        "vault[login] json=0 as=- name= login token token/ $li\n"
        "vault[secrets tune] json=0 as=- name= secrets tune aws/ 0s 1h\n"
        "vault[read] json=0 as=- name=c read aws/creds/deploy\n"
        "vault[lease lookup] json=1 as=- name=l lease lookup $c.lease_id\n"
        "vault[lease renew] json=0 as=- name= lease renew $c 10m\n"
        "vault[lease revoke] json=0 as=- name= lease revoke 'aws/creds' prefix force sync\n");
}

TEST_CASE("an error in a login pair points into the JSON string") {
  CHECK(json_error("{\"steps\": [\n  {\"vault\": \"login -method=userpass username=$u9\"}]}") ==
        "s.json:2:46: unknown name \"u9\": no earlier step is named so (name a result with "
        "\"=> u9\")");
  CHECK(json_error("{\"steps\": [\"vault lease revoke -force x\"]}") ==
        "s.json:1:32: Specifying -force requires also specifying -prefix");
}

TEST_CASE("a JSON step keeps its line-language text and where its value starts") {
  const auto sc = parse_ok(parse_scenario_json(a01_json, "a01.json"));
  CHECK(sc.steps[0].text == "vault auth tune -max-lease-ttl=10h token/");
  CHECK(sc.steps[0].loc.line == 8);
  CHECK(sc.steps[0].loc.col == 5);
  CHECK(sc.steps[6].text == "VAULT_TOKEN=$root vault token renew -increment=9h $t1 => r");
  CHECK(sc.steps[6].loc.line == 14);
  CHECK(sc.steps[8].text == "note \"it's capped: \\\"4h\\\" left\"");
}

TEST_CASE("a reference inside a JSON string step points into that string") {
  const auto sc = parse_ok(parse_scenario_json(a01_json, "a01.json"));
  const auto& write = std::get<cmd_write>(std::get<vault_step>(sc.steps[3].body).cmd);
  const source_loc& loc = write.fields[1].second.loc;
  CHECK(loc.line == 11);
  const std::string before = "vault write aws/roles/deploy credential_type=iam_user token=";
  CHECK(loc.col == 5 + 1 + static_cast<int>(before.size()));
}

TEST_CASE("JSON syntax errors say where, in lines and columns") {
  CHECK(json_error("{\"steps\": [\n  \"advance 1h\",\n  {\"advance\" \"6h\"}\n]}") ==
        "s.json:3:17: invalid JSON: syntax error while parsing object separator - unexpected "
        "string literal; expected ':'");
  CHECK(json_error("") ==
        "s.json:1:1: invalid JSON: syntax error while parsing value - unexpected end of input; "
        "expected '[', '{', or a literal");
  CHECK(json_error("[\"advance 1h\"]") ==
        "s.json:1:1: a JSON scenario is an object: {\"title\": \"...\", \"steps\": [...]}");
}

TEST_CASE("unknown JSON keys are refused at the key, with a suggestion") {
  CHECK(json_error("{\"title\": \"x\",\n \"setps\": []}") ==
        "s.json:2:2: unknown key \"setps\" (did you mean \"steps\"?); a JSON scenario has title, "
        "sources, seed, epoch, config, cluster, github and steps");
  CHECK(json_error("{\"steps\": [{\"vault\": \"token create\", \"nmae\": \"t\"}]}") ==
        "s.json:1:38: unknown key \"nmae\" (did you mean \"name\"?); a step object has one of "
        "vault, advance, at, note or expect (a vault step may add name, token, node and stdin)");
}

TEST_CASE("the JSON form declares a cluster and sends a vault step to a node") {
  const auto sc = parse_ok(parse_scenario_json(
    "{\"cluster\": {\"standbys\": 2, \"secondary\": true},\n"
    " \"steps\": [{\"vault\": \"token lookup\", \"node\": \"standby-2\", \"token\": \"$root\"}]}",
    "s.json"));
  CHECK(sc.cluster.standbys == 2);
  CHECK(sc.cluster.secondary);
  REQUIRE(sc.steps.size() == 1);
  CHECK(std::get<vault_step>(sc.steps[0].body).node == "standby-2");
  CHECK(json_error("{\"cluster\": {\"standbys\": 2},\n \"steps\": [{\"vault\": \"token "
                   "lookup\", \"node\": \"secondary\"}]}") ==
        "s.json:2:47: VAULT_ADDR names a node of the scenario's cluster: active, standby-1, "
        "standby-2; got \"secondary\"");
}

TEST_CASE("a JSON step object has exactly one kind") {
  CHECK(json_error("{\"steps\": [{\"advance\": \"1h\", \"note\": \"x\"}]}") ==
        "s.json:1:12: a step object has exactly one of \"vault\", \"advance\", \"at\", \"note\" "
        "or \"expect\"; this one has \"advance\" and \"note\"");
  CHECK(json_error("{\"steps\": [{\"name\": \"t\"}]}") ==
        "s.json:1:12: a step object has exactly one of \"vault\", \"advance\", \"at\", \"note\" "
        "or \"expect\"; this one has none");
  CHECK(json_error("{\"steps\": [{\"advance\": \"1h\", \"name\": \"t\"}]}") ==
        "s.json:1:30: \"name\" belongs to a \"vault\" step, not to \"advance\"");
  CHECK(json_error("{\"steps\": [42]}") ==
        "s.json:1:12: a step is a string (one line of the line language) or an object like "
        "{\"advance\": \"6h\"}");
  CHECK(json_error("{\"steps\": [\"advance 1h\\nadvance 2h\"]}") ==
        "s.json:1:12: a step is one line, but this string contains a line break");
}

TEST_CASE("errors inside a JSON step use the line language's messages") {
  CHECK(json_error("{\"steps\": [\n  \"vault token create -ttl=6x\"]}") ==
        "s.json:2:28: invalid duration \"6x\" for -ttl: unknown unit \"x\"");
  CHECK(json_error(
          "{\"steps\": [\"vault token create\", {\"advance\": \"1h\"},\n  {\"at\": \"30m\"}]}") ==
        "s.json:2:11: at 30m is before the current time t+1h");
  CHECK(json_error("{\"steps\": [{\"vault\": \"token lookup $t9\"}]}") ==
        "s.json:1:36: unknown name \"t9\": no earlier step is named so (name a result with "
        "\"=> t9\")");
  CHECK(json_error("{\"steps\": [{\"vault\": \"token lookup\", \"token\": \"$t9\"}]}") ==
        "s.json:1:48: unknown name \"t9\": no earlier step is named so (name a result with "
        "\"=> t9\")");
}

TEST_CASE("JSON header values are checked like their directives") {
  CHECK(json_error("{\"seed\": 1.5}") == "s.json:1:10: \"seed\" must be a whole number");
  CHECK(json_error("{\"title\": 3}") == "s.json:1:11: \"title\" must be a string");
  CHECK(json_error("{\"config\": {\"max_lease_ttl\": \"10h\"}}") ==
        "s.json:1:12: cannot have DefaultLeaseTTL larger than MaxLeaseTTL: default_lease_ttl is "
        "768h but max_lease_ttl is 10h, so Vault would not start (lower default_lease_ttl too)");
  CHECK(json_error("{\"config\": {\"default_lease_ttl\": \"1h\",\n \"max_ttl\": \"1h\"}}") ==
        "s.json:2:2: unknown config key \"max_ttl\": tokenlab models default_lease_ttl and "
        "max_lease_ttl");
  CHECK(json_error("{\"epoch\": \"yesterday\"}") ==
        "s.json:1:12: the epoch must be a UTC time like 2024-01-01T00:00:00Z, got \"yesterday\"");
}

TEST_CASE("escapes in a JSON string step shift error columns to the raw text") {
  // `\"` is two raw characters for one decoded one.
  CHECK(json_error("{\"steps\": [\"note \\\"a\\\"\", \"vault write x k=\\\"v w\\\" k2=$zz\"]}") ==
        "s.json:1:54: unknown name \"zz\": no earlier step is named so (name a result with "
        "\"=> zz\")");
}

TEST_CASE("load_scenario reads JSON when the file name ends in .json") {
  const std::string path = "/tmp/tokenlab-json-form-test.json";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fputs("{\"title\": \"from a file\", \"steps\": [\"advance 1h\"]}", f);
    std::fclose(f);
  }
  const auto sc = parse_ok(load_scenario(path));
  std::remove(path.c_str());
  CHECK(sc.title == "from a file");
  CHECK(sc.file == path);
  CHECK(sc.steps.size() == 1);
}

TEST_CASE("a JSON vault step's stdin is the heredoc of its line-language form") {
  const char* const text = "vault policy write p - => w <<EOF\n"
                           "path \"secret/*\" {\n"
                           "  capabilities = [\"read\"]\n"
                           "}\n"
                           "EOF\n"
                           "vault policy read p\n";
  const char* const json = R"json({"steps": [
    {"vault": "policy write p -", "name": "w",
     "stdin": "path \"secret/*\" {\n  capabilities = [\"read\"]\n}"},
    "vault policy read p"
  ]})json";
  const auto from_text = parse_ok(parse_scenario_text(text, "p.scn"));
  const auto from_json = parse_ok(parse_scenario_json(json, "p.json"));
  CHECK(dump(from_json) == dump(from_text));
  CHECK(from_json.steps[0].text == "vault policy write p - => w <<EOF");
  const auto& write = std::get<cmd_policy_write>(std::get<vault_step>(from_json.steps[0].body).cmd);
  CHECK(write.text == "path \"secret/*\" {\n  capabilities = [\"read\"]\n}\n"); // whole lines
}

TEST_CASE("a JSON stdin holding a line EOF gets another heredoc word") {
  const auto sc = parse_ok(parse_scenario_json(
    R"({"steps": [{"vault": "policy write p -", "stdin": "EOF\nEOF1\nx\n"}]})", "p.json"));
  CHECK(sc.steps[0].text == "vault policy write p - <<EOF2");
  const auto& write = std::get<cmd_policy_write>(std::get<vault_step>(sc.steps[0].body).cmd);
  CHECK(write.text == "EOF\nEOF1\nx\n");
}

TEST_CASE("a JSON step cannot carry a heredoc in its line") {
  const std::string hint = "a JSON step is one line, so it cannot have a heredoc (<<EOF): give "
                           "the text as \"stdin\" in a step object, e.g. {\"vault\": \"policy "
                           "write NAME -\", \"stdin\": \"...\"}";
  CHECK(json_error(R"({"steps": ["vault policy write p - <<EOF"]})") == "s.json:1:36: " + hint);
  CHECK(json_error(R"({"steps": [{"vault": "policy write p - <<EOF"}]})") ==
        "s.json:1:40: " + hint);
}

TEST_CASE("JSON stdin belongs to a vault step that reads it, and is a string") {
  CHECK(json_error(R"({"steps": [{"advance": "1h", "stdin": "x"}]})") ==
        "s.json:1:30: \"stdin\" belongs to a \"vault\" step, not to \"advance\"");
  CHECK(json_error(R"({"steps": [{"vault": "policy write p -", "stdin": 7}]})") ==
        "s.json:1:51: \"stdin\" must be a string");
  CHECK(json_error(R"({"steps": [{"vault": "token create", "stdin": "x"}]})") ==
        "s.json:1:47: this command reads no standard input, so it cannot have a heredoc (of the "
        "commands tokenlab models, only vault policy write NAME - reads one)");
  CHECK(json_error(R"({"steps": [{"vault": "policy write p -"}]})") ==
        "s.json:1:38: FILE - reads the policy from standard input: end this line with <<EOF "
        "and write the policy on the lines below it, up to a line EOF (in a JSON step object: "
        "\"stdin\")");
}

TEST_CASE("the JSON form knows the new commands and -role") {
  const auto sc = parse_ok(parse_scenario_json(
    R"({"steps": [
      {"vault": "token create -role=web", "name": "t"},
      "vault token capabilities $t secret/foo",
      {"vault": "list auth/token/accessors", "token": "$t"},
      "vault delete secret/foo"
    ]})",
    "n.json"));
  const auto& create = std::get<cmd_token_create>(std::get<vault_step>(sc.steps[0].body).cmd);
  CHECK(create.req.role == "web");
  CHECK(std::holds_alternative<cmd_token_capabilities>(std::get<vault_step>(sc.steps[1].body).cmd));
  CHECK(std::get<cmd_list>(std::get<vault_step>(sc.steps[2].body).cmd).path ==
        "auth/token/accessors");
  CHECK(std::get<cmd_delete>(std::get<vault_step>(sc.steps[3].body).cmd).path == "secret/foo");
}

TEST_CASE("a duplicate key is refused at its second occurrence at any level") {
  CHECK(json_error("{\"seed\": 1, \"seed\": 2}") ==
        "s.json:1:13: duplicate key \"seed\": a JSON object names each key once (JSON parsers "
        "keep either one)");
  CHECK(json_error("{\"steps\": [\n  {\"advance\": \"1h\", \"advance\": \"2h\"}]}") ==
        "s.json:2:21: duplicate key \"advance\": a JSON object names each key once (JSON "
        "parsers keep either one)");
}

TEST_CASE("a number too large for any value points at itself") {
  CHECK(json_error("{\"title\": \"1e999\",\n \"seed\": 1e999}") ==
        "s.json:2:10: invalid JSON: the number 1e999 is too large for any value");
}

TEST_CASE("a config line after the first step is a restart in both forms") {
  const char* const text = "config default_lease_ttl=1h max_lease_ttl=10h\n"
                           "vault token create => t\n"
                           "advance 1h\n"
                           "config default_lease_ttl=30m max_lease_ttl=2h\n"
                           "config max_lease_ttl=0\n";
  const char* const json = R"json({"config": {"default_lease_ttl": "1h", "max_lease_ttl": "10h"},
    "steps": [
    {"vault": "token create", "name": "t"},
    {"advance": "1h"},
    "config default_lease_ttl=30m max_lease_ttl=2h",
    "config max_lease_ttl=0"
  ]})json";
  const auto from_text = parse_ok(parse_scenario_text(text, "r.scn"));
  const auto from_json = parse_ok(parse_scenario_json(json, "r.json"));
  CHECK(dump(from_json) == dump(from_text));
  // Each restart changes the keys it names; 0 is Vault's 768h default again.
  CHECK(dump(from_text) == "title=\nseed=1\nepoch=1704067200\nconfig=1h/10h\n"
                           "vault[token create] json=0 as=- name=t create orphan_endpoint=0 "
                           "policies= meta= no_parent=0 no_default=0 renewable=1 ttl=0s "
                           "explicit=0s period=0s display= uses=0 type=service id= role=\n"
                           "advance 1h\nrestart 30m 2h\nrestart 30m 768h\n");
}

TEST_CASE("the JSON form declares GitHub with one string per github line") {
  const auto sc = parse_ok(parse_scenario_json(
    "{\"github\": [\"org=acme id=42\", \"user=alice token=ghp_a orgs=acme\"],\n"
    " \"steps\": [\"vault login -method=github token=ghp_a\"]}",
    "s.json"));
  REQUIRE(sc.github.orgs.size() == 1);
  CHECK(sc.github.orgs[0].id == 42);
  REQUIRE(sc.github.user_with_token("ghp_a"));
  CHECK(json_error("{\"github\": \"org=acme\"}") ==
        "s.json:1:12: \"github\" must be an array of strings like \"org=acme\" or \"user=alice "
        "token=ghp_alice orgs=acme\"");
  CHECK(json_error("{\"github\": [\"user=a token=t orgs=nope\"]}") ==
        "s.json:1:34: unknown organization \"nope\": declare it first, e.g. github org=nope");
}
