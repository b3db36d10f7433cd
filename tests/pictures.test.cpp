// The pictures of a run (lifetimes, the Chrome trace, the Markdown report's Mermaid charts)
// checked by their structure on the defining examples: the right lives, ended the right way,
// and a trace that Perfetto can load (complete events nest on every track).

#include "language/parser.hpp"
#include "reports/lifetimes.hpp"
#include "reports/render.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <vector>

using namespace tokenlab;

namespace {

run_record run_file(const std::string& relative) {
  auto parsed = load_scenario(std::string{TOKENLAB_SOURCE_DIR} + "/scenarios/" + relative);
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return run_scenario(std::get<scenario>(parsed));
}

std::string lives_text(const run_record& run) {
  std::string out;
  for (const auto& l : lifetimes(run))
    out += l.label + " " + format_offset(l.start) + " " + ending(l) +
           (l.end ? " " + format_offset(*l.end) : "") + " family " + std::to_string(l.family) +
           "\n";
  return out;
}

} // namespace

SCENARIO("a parent's revocation ends its child and both leases and the batch job's token expires") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  CHECK(lives_text(run) == "parent t+0s revoked t+30m family 0\n"
                           "child t+0s revoked (parent revoked) t+30m family 0\n"
                           "parent_creds t+0s revoked (owner token revoked) t+30m family 0\n"
                           "child_creds t+0s revoked (owner token revoked) t+30m family 0\n"
                           "short t+30m expired t+1h30m family 4\n"
                           "short_creds t+30m revoked (owner token revoked) t+1h30m family 4\n");
}

SCENARIO("the trace has a complete event per life, nested on every track, in microseconds") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  const auto doc = nlohmann::json::parse(render_trace({run}));
  CHECK(doc["displayTimeUnit"] == "ms");
  std::map<int, std::vector<std::pair<std::int64_t, std::int64_t>>> by_track;
  std::map<int, std::string> track_names;
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] == "X")
      by_track[e["tid"].get<int>()].emplace_back(e["ts"].get<std::int64_t>(),
                                                  e["ts"].get<std::int64_t>() +
                                                    e["dur"].get<std::int64_t>());
    if (e["ph"] == "M" && e["name"] == "thread_name")
      track_names[e["tid"].get<int>()] = e["args"]["name"].get<std::string>();
  }
  std::size_t complete = 0;
  for (const auto& [tid, spans] : by_track) {
    complete += spans.size();
    // In start order, each span either starts after the innermost open one ends or lies in it.
    std::vector<std::int64_t> open;
    for (const auto& [start, end] : spans) {
      while (!open.empty() && open.back() <= start)
        open.pop_back();
      CHECK((open.empty() || end <= open.back()));
      open.push_back(end);
    }
  }
  CHECK(complete == 6);
  // Everything of the parent's family ends with it at t+30m, so it nests on one track.
  CHECK(track_names == std::map<int, std::string>{{1, "family of parent"}, {2, "family of short"}});
  CHECK(by_track.at(2) == std::vector<std::pair<std::int64_t, std::int64_t>>{
                            {1800000000, 5400000000}, {1800000000, 5400000000}});
}

SCENARIO("siblings whose lives overlap without nesting take a second track of their family") {
  auto parsed = parse_scenario_text("vault token create -ttl=4h => p\n"
                                    "VAULT_TOKEN=$p vault token create -ttl=1h => a\n"
                                    "advance 30m\n"
                                    "VAULT_TOKEN=$p vault token create -ttl=1h => b\n"
                                    "advance 4h\n",
                                    "siblings.vlab");
  REQUIRE(std::holds_alternative<scenario>(parsed));
  const auto doc =
    nlohmann::json::parse(render_trace({run_scenario(std::get<scenario>(parsed))}));
  std::vector<std::string> placed;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "X")
      placed.push_back(e["name"].get<std::string>() + " on " + std::to_string(e["tid"].get<int>()));
  CHECK(placed == std::vector<std::string>{"token p on 1", "token a on 1", "token b on 2"});
}

SCENARIO("the renewal example's trace marks the renewal and the max-TTL deadline") {
  const auto run = run_file("renewal/renew-capped-by-max-ttl-6h-9h.vlab");
  const auto doc = nlohmann::json::parse(render_trace({run}));
  std::vector<std::string> instants;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "i")
      instants.push_back(e["name"].get<std::string>() + " " + std::to_string(e["ts"].get<std::int64_t>()));
  CHECK(instants == std::vector<std::string>{"renewed t1 21600000000", "renewed t1 32400000000",
                                             "max TTL deadline of t1 36000000000"});
}

SCENARIO("the Markdown report draws the lives and the tree as Mermaid charts") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  const std::string md = render_reports({run}, report_format::markdown);
  CHECK(md.find("## Pictures\n\n```mermaid\ngantt\n") != std::string::npos);
  CHECK(md.find("  token child t+0s to t+30m revoked (parent revoked) :crit, 0, 1800000\n") !=
        std::string::npos);
  CHECK(md.find("```mermaid\ngraph TD\n") != std::string::npos);
  CHECK(md.find("  n1 --> n2\n") != std::string::npos);  // parent -> child
  CHECK(md.find("  n1 -.-> n3\n") != std::string::npos); // parent -.-> its lease
}
