// Every input the fuzzers found a crash with (tests/fuzz/regressions/), replayed through the
// three fuzz entry points in the normal build: none may crash, each parses to a scenario or a
// parse error with a location, and a small one runs without breaking an invariant.

#include "tests/fuzz/entry_points.hpp"

#include "language/parser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace tokenlab;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> regressions() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path{TOKENLAB_SOURCE_DIR} / "tests/fuzz/regressions"))
    if (e.is_regular_file())
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& p) {
  std::string text;
  REQUIRE(detail::read_whole_file(p.string(), text) == 0);
  return text;
}

} // namespace

TEST_CASE("the fuzzers' findings replay through the three entry points without a crash") {
  const auto inputs = regressions();
  REQUIRE(inputs.size() >= 5);
  for (const auto& p : inputs) {
    INFO(p.filename().string());
    const std::string input = read(p);
    const auto line = fuzz::line_language(input);
    CHECK((line == fuzz::verdict::parsed || line == fuzz::verdict::refused));
    const auto json = fuzz::json_form(input);
    CHECK((json == fuzz::verdict::parsed || json == fuzz::verdict::refused));
    const auto run = fuzz::parse_and_run(input);
    CHECK(run != fuzz::verdict::parsed);
    CHECK((run == fuzz::verdict::refused) == (line == fuzz::verdict::refused));
  }
}

TEST_CASE("the known findings end as they should") {
  auto verdict_of = [](const char* name) {
    std::string text;
    REQUIRE(detail::read_whole_file(std::string{TOKENLAB_SOURCE_DIR} + "/tests/fuzz/regressions/" + name,
                                    text) == 0);
    return fuzz::parse_and_run(text);
  };
  // A 20 KB nested policy is a 400 of the policy write, not a stack overflow: the run goes on.
  CHECK(verdict_of("nested-policy-heredoc.vlab") == fuzz::verdict::ran);
  CHECK(verdict_of("nested-policy-api-write.vlab") == fuzz::verdict::ran);
  // Old Mac line ends are lines: the misspelt command on the fourth is found.
  CHECK(verdict_of("cr-only-line-ends.vlab") == fuzz::verdict::refused);
  // Time ends at t+2500000h; a second fleet is refused at its line.
  CHECK(verdict_of("advance-2562047h-twice.vlab") == fuzz::verdict::refused);
  CHECK(verdict_of("second-fleet.vlab") == fuzz::verdict::refused);
  // A negative TTL expires at once; the run breaks no invariant (parse_and_run aborts if it does).
  CHECK(verdict_of("negative-default-ttl.vlab") == fuzz::verdict::ran);
}
