// Documentation that quotes reports must quote them as they are: every line of the
// README's report excerpts appears in a golden report.

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in{path};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in{text};
  for (std::string line; std::getline(in, line);)
    out.insert(line);
  return out;
}

} // namespace

SCENARIO("the README's report excerpts are lines of the golden reports") {
  const std::string root = TOKENLAB_SOURCE_DIR;
  std::set<std::string> golden;
  for (const char* name :
       {"renewal/golden/renew-capped-by-max-ttl-6h-9h", "leases/golden/parent-revocation-kills-aws-leases"}) {
    auto lines = lines_of(slurp(root + "/scenarios/" + name + ".txt"));
    golden.insert(lines.begin(), lines.end());
  }
  auto readme = slurp(root + "/README.md");
  auto section = readme.find("## A report, in short");
  REQUIRE(section != std::string::npos);
  auto end = readme.find("\n## ", section + 1);
  std::istringstream in{readme.substr(section, end - section)};
  bool in_block = false;
  int checked = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      continue;
    }
    if (!in_block || line.empty() || line.find("...") != std::string::npos)
      continue;
    CAPTURE(line);
    CHECK(golden.count(line) == 1);
    ++checked;
  }
  CHECK(checked > 10);
}
