#include "reports/render.hpp"

#include "reports/fixture.test.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace tokenlab;

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The text report of the fixture run, byte for byte.
const char* const renewal_report = R"(scenario renew-capped.tlab: Renewal is capped by the max TTL
  source  https://github.com/hashicorp/vault/pull/1375
  seed    7
  epoch   2024-01-01T00:00:00Z
  config  default_lease_ttl 10h, max_lease_ttl 10h

[1] t+0s  renew-capped.tlab:5  vault token create -policy=default => t1
    $ vault token create -policy=default
    Key                  Value
    ---                  -----
    token                hvs.nCwMAHonqaMiyqRi0liT8Lee
    token_accessor       ntL634hzE0CtQnyCIqkxSa82
    token_duration       10h
    token_renewable      true
    token_policies       ["default"]
    identity_policies    []
    policies             ["default"]
  effects:
    #1 t+0s token_created hvs.nCwMAHonqaMiyqRi0liT8Lee (child of hvs.RootTokenOfTheLab00000)
       why 10h: max_ttl 10h (system config) from now t+0s → deadline t+10h; requested 10h (default lease TTL from system config) → not capped
    storage: 4 writes (sys/expire/id/ 1, sys/token/accessor/ 1, sys/token/id/ 1, sys/token/parent/ 1), 0 deletes

[2] t+0s → t+6h  renew-capped.tlab:6  advance 6h

[3] t+6h  renew-capped.tlab:7
  The token is 6h old; 4h remain before its max TTL.

[4] t+6h  renew-capped.tlab:8  vault token renew -increment=9h $t1 => r
    $ vault token renew -increment=9h hvs.nCwMAHonqaMiyqRi0liT8Lee
    WARNING! The following warnings were returned from Vault:

      * TTL of "9h" exceeded the effective max_ttl of "4h"; TTL value is capped
      accordingly

    Key                  Value
    ---                  -----
    token                hvs.nCwMAHonqaMiyqRi0liT8Lee
    token_accessor       ntL634hzE0CtQnyCIqkxSa82
    token_duration       4h
    token_renewable      true
    token_policies       ["default"]
    identity_policies    []
    policies             ["default"]
  effects:
    #6 t+6h token_renewed hvs.nCwMAHonqaMiyqRi0liT8Lee
       why 4h: max_ttl 10h (system config) from start t+0s → deadline t+10h; now t+6h, remaining 4h; requested 9h (increment) → capped to 4h
    storage: 1 write (sys/expire/id/ 1), 0 deletes

[5] t+6h  renew-capped.tlab:9  expect r.ttl == 4h
  ✓ PASS r.ttl == 4h (actual: 4h)

[6] t+6h → t+10h  renew-capped.tlab:10  advance 4h
  effects:
    #8 t+10h timer_fired hvs.nCwMAHonqaMiyqRi0liT8Lee (expiry timer)
    #9 t+10h token_expired hvs.nCwMAHonqaMiyqRi0liT8Lee (TTL reached)
    #10 t+10h token_revoked hvs.nCwMAHonqaMiyqRi0liT8Lee (TTL reached)
    storage: 0 writes, 4 deletes (sys/expire/id/ 1, sys/token/accessor/ 1, sys/token/id/ 1, sys/token/parent/ 1)

[7] t+10h  renew-capped.tlab:11  expect token $t1 valid
  ✗ FAIL token $t1 valid (actual: expired)

summary of renew-capped.tlab
  tokens        1 created, 1 renewed, 0 revoked, 1 expired
  leases        0 created, 0 renewed, 0 revoked, 0 expired
  credentials   0 created, 0 deleted
  storage       5 writes, 4 deletes
    sys/expire/id/       2 writes, 1 delete
    sys/token/accessor/  1 write, 1 delete
    sys/token/id/        1 write, 1 delete
    sys/token/parent/    1 write, 1 delete
  expectations  1 passed, 1 failed

1 scenario, 2 expectations: 1 passed, 1 failed
)";

} // namespace

TEST_CASE("the text report tells the 6h + 9h renewal step by step", "[render]") {
  CHECK(render_reports({fixture::renewal_run()}, report_format::text) == renewal_report);
}

TEST_CASE("the text report is the same on every run", "[render]") {
  const std::vector<run_record> runs{fixture::renewal_run(), fixture::renewal_run()};
  CHECK(render_text(runs) == render_text(runs));
  const std::string two = render_text(runs);
  CHECK(ends_with(two, "\n\n2 scenarios, 4 expectations: 2 passed, 2 failed\n"));
}

TEST_CASE("the check output lists failures and ends with the counts", "[render]") {
  run_record passing = fixture::renewal_run();
  passing.file = "pass.tlab";
  passing.steps.pop_back();
  passing.steps.back().loc.file = "pass.tlab";
  const std::string out = render_check({fixture::renewal_run(), passing});
  CHECK(out == "renew-capped.tlab:11:3: expectation failed: token $t1 valid (actual: expired)\n"
               "FAIL renew-capped.tlab (1 of 2 failed)\n"
               "PASS pass.tlab (1 expectation)\n"
               "2 passed, 1 failed\n");
}

TEST_CASE("the Markdown handout fences the CLI output and tabulates the summary", "[render]") {
  const std::string md = render_reports({fixture::renewal_run()}, report_format::markdown);
  CHECK(md.rfind("# Renewal is capped by the max TTL\n\n", 0) == 0);
  CHECK(md.find("### 4. `vault token renew -increment=9h $t1 => r`\n\nt+6h · "
                "`renew-capped.tlab:8`\n\n```console\n$ vault token renew -increment=9h "
                "hvs.nCwMAHonqaMiyqRi0liT8Lee\nWARNING!") != std::string::npos);
  CHECK(md.find("  - why 4h: max_ttl 10h (system config) from start t+0s") != std::string::npos);
  CHECK(md.find("| tokens | 1 | 1 | 0 | 1 |\n") != std::string::npos);
  CHECK(md.find("- ✗ **FAIL** `token $t1 valid` (actual: `expired`)\n") != std::string::npos);
  CHECK(ends_with(md, "\n---\n\n1 scenario, 2 expectations: 1 passed, 1 failed\n"));
}

TEST_CASE("the JSON report keeps every field with times in milliseconds", "[render]") {
  const auto doc =
    nlohmann::json::parse(render_reports({fixture::renewal_run()}, report_format::json));
  CHECK(doc["format"] == "tokenlab-report");
  CHECK(doc["version"] == 1);
  const auto& run = doc["runs"][0];
  CHECK(run["config"]["max_lease_ttl"] == 36000);
  const auto& renew = run["steps"][3];
  CHECK(renew["from"]["ms"] == 21600000);
  CHECK(renew["from"]["offset"] == "t+6h");
  CHECK(renew["call"]["method"] == "PUT");
  CHECK(renew["call"]["result"]["body"]["auth"]["lease_duration"] == 14400);
  CHECK(renew["call"]["result"]["body"]["auth"]["token_type"] == "service");
  const auto& ttl = renew["effects"][0]["ttl"];
  CHECK(ttl["ttl"] == 14400);
  CHECK(ttl["requested"] == 32400);
  CHECK(ttl["remaining"] == 14400);
  CHECK(ttl["deadline"]["ms"] == 36000000);
  CHECK(ttl["basis"] == "increment");
  CHECK(run["steps"][6]["expectations"][0]["passed"] == false);
  CHECK(run["summary"]["storage"]["by_prefix"]["sys/expire/id/"]["writes"] == 2);
  CHECK(doc["totals"]["failed"] == 1);
}

TEST_CASE("a failed call keeps Vault's error body in the JSON report", "[render]") {
  run_record run = fixture::renewal_run();
  run.steps[3].call->result = vault_error::internal("past the max TTL, cannot renew");
  const auto doc = nlohmann::json::parse(render_json({run}));
  const auto& result = doc["runs"][0]["steps"][3]["call"]["result"];
  CHECK(result["ok"] == false);
  CHECK(result["status"] == 500);
  CHECK(result["body"]["errors"][0] == "past the max TTL, cannot renew");
}

TEST_CASE("the story leaves the machinery out and folds each expectation under its step",
          "[render]") {
  const std::string story = render_text({fixture::renewal_run()}, report_detail::story);
  CHECK(story.find("[4]") == std::string::npos);
  CHECK(story.find("renew-capped.tlab:8") == std::string::npos);
  CHECK(story.find("storage:") == std::string::npos);
  CHECK(story.find("timer_fired") == std::string::npos);
  CHECK(story.find("#6") == std::string::npos);
  CHECK(story.find("\nt+6h  vault token renew -increment=9h $t1 => r\n") != std::string::npos);
  CHECK(story.find("    t+6h token_renewed hvs.nCwMAHonqaMiyqRi0liT8Lee\n       why 4h: max_ttl 10h "
                   "(system config) from start t+0s → deadline t+10h; now t+6h, remaining 4h; "
                   "requested 9h (increment) → capped to 4h\n  ✓ PASS r.ttl == 4h (actual: 4h)\n\n") !=
        std::string::npos);
  CHECK(story.find("\n\n  The token is 6h old; 4h remain before its max TTL.\n") !=
        std::string::npos);
  CHECK(story.find("  effects:\n    t+10h token_expired hvs.nCwMAHonqaMiyqRi0liT8Lee (TTL reached)\n"
                   "  ✗ FAIL token $t1 valid (actual: expired)\n\nexpectations  1 passed, 1 failed\n") !=
        std::string::npos);
  // The expiry is told once: the revocation that follows it is machinery.
  CHECK(story.find("token_revoked") == std::string::npos);
}

TEST_CASE("the brief report is one line per step that did something", "[render]") {
  CHECK(render_text({fixture::renewal_run()}, report_detail::brief) ==
        "Renewal is capped by the max TTL\n"
        "renew-capped.tlab\n"
        "  t+0s   vault token create -policy=default => t1  → token_duration 10h\n"
        "  t+6h   vault token renew -increment=9h $t1 => r  → token_duration 4h, 1 warning\n"
        "         why 4h: max_ttl 10h (system config) from start t+0s → deadline t+10h; now "
        "t+6h, remaining 4h; requested 9h (increment) → capped to 4h\n"
        "  t+10h  advance 4h\n"
        "         tokens expired: hvs.nCwMAHonqaM…\n"
        "         ✗ FAIL token $t1 valid (actual: expired)\n"
        "  ✗ 1 passed, 1 failed\n"
        "\n"
        "1 scenario, 2 expectations: 1 passed, 1 failed\n");
}

TEST_CASE("highlights keep only the steps the lab has something to explain", "[render]") {
  const std::string brief = render_brief(fixture::renewal_run(), 2, brief_scope::highlights);
  CHECK(brief.find("vault token create") == std::string::npos); // granted as asked
  CHECK(brief.find("    t+6h   vault token renew -increment=9h $t1 => r  → token_duration 4h") !=
        std::string::npos);
  CHECK(brief.find("    t+10h  advance 4h\n") != std::string::npos);
}

TEST_CASE("a prediction not made yet is open: neither passed nor failed, its answer unsaid",
          "[render]") {
  run_record run = fixture::renewal_run();
  auto& x = run.steps[4].expectations.front();
  x.passed = false;
  x.open = true;
  x.actual.clear();
  x.text = "r.ttl == ?";
  const std::string text = render_text({run});
  CHECK(text.find("  ? OPEN r.ttl == ? (write your prediction in place of ?)\n") !=
        std::string::npos);
  CHECK(text.find("  expectations  0 passed, 1 failed, 1 unanswered\n") != std::string::npos);
  CHECK(ends_with(text, "1 scenario, 2 expectations: 0 passed, 1 failed, 1 unanswered\n"));
  CHECK(render_check({run}).find("renew-capped.tlab:9:1: not answered yet: r.ttl == ? (write "
                                 "your prediction in place of ?)\n") != std::string::npos);
  CHECK(render_markdown({run}).find("- ? **OPEN** `r.ttl == ?`") != std::string::npos);
  const auto doc = nlohmann::json::parse(render_json({run}));
  CHECK(doc["totals"]["open"] == 1);
}
