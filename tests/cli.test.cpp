// The tokenlab command as a user meets it: exit codes, messages on bad input, no
// half-written output. Runs the built binary.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct outcome_of_run {
  int code = -1;
  std::string out;
  std::string err;
};

// A scratch directory of its own per test case.
struct scratch {
  std::string dir;
  scratch() {
    char tmpl[] = "/tmp/tokenlab-cli-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~scratch() { std::system(("rm -rf '" + dir + "'").c_str()); }
  std::string write(const std::string& name, const std::string& text) const {
    auto path = dir + "/" + name;
    std::ofstream{path} << text;
    return path;
  }
  std::string read(const std::string& name) const {
    std::ifstream in{dir + "/" + name};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  bool exists(const std::string& name) const { return std::ifstream{dir + "/" + name}.good(); }
  outcome_of_run tokenlab(const std::string& args) const {
    auto cmd =
      std::string{TOKENLAB_BINARY} + " " + args + " >'" + dir + "/stdout' 2>'" + dir + "/stderr'";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read("stdout"), read("stderr")};
  }
};

} // namespace

SCENARIO("a malformed scenario is reported at file:line:col, exits 2 and writes no output file") {
  scratch s;
  struct bad_case {
    const char* what;
    const char* text;
    const char* where;   // expected line:col
    const char* message; // part of the message
  };
  auto c = GENERATE(values<bad_case>({
    {"unknown command", "seed 1\nvault tokn create\n", ":2:7: ", "unknown vault command"},
    {"bad duration", "vault token create -policy=default => t\nadvance 6x\n",
     ":2:9: ", "invalid duration \"6x\""},
    {"unknown flag", "\nvault token create -frobnicate\n",
     ":2:20: ", "flag provided but not defined: -frobnicate"},
    {"missing name", "vault token renew $nope\n", ":1:19: ", "unknown name \"nope\""},
  }));
  CAPTURE(c.what);
  auto file = s.write("bad.vlab", c.text);
  auto r = s.tokenlab("run '" + file + "' --output '" + s.dir + "/report.txt'");
  CHECK(r.code == 2);
  CHECK(r.err.rfind(file + c.where, 0) == 0);
  CHECK(r.err.find(c.message) != std::string::npos);
  CHECK(r.out.empty());
  CHECK_FALSE(s.exists("report.txt"));
  CHECK_FALSE(s.exists("report.txt.tmp"));
}

SCENARIO("an unknown option or report format exits 2 with a usage hint") {
  scratch s;
  auto file = s.write("ok.vlab", "vault token create\n");
  auto r = s.tokenlab("run '" + file + "' --frobnicate");
  CHECK(r.code == 2);
  CHECK(r.err.find("frobnicate") != std::string::npos);
  CHECK(r.err.find("tokenlab help") != std::string::npos);
  r = s.tokenlab("run '" + file + "' --format yaml");
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown report format 'yaml'") != std::string::npos);
  r = s.tokenlab("run '" + s.dir + "/missing.vlab'");
  CHECK(r.code == 2);
  CHECK(r.err.rfind(s.dir + "/missing.vlab: ", 0) == 0);
}

SCENARIO("check prints the verdicts and exits 1 when an expectation fails") {
  scratch s;
  auto good =
    s.write("good.vlab", "vault token create -policy=default -ttl=1h => t\nexpect t.ttl == 1h\n");
  auto bad =
    s.write("bad.vlab", "vault token create -policy=default -ttl=1h => t\nexpect t.ttl == 2h\n");
  auto r = s.tokenlab("check '" + good + "'");
  CHECK(r.code == 0);
  CHECK(r.out.find("1 passed, 0 failed\n") != std::string::npos);
  r = s.tokenlab("check '" + good + "' '" + bad + "'");
  CHECK(r.code == 1);
  CHECK(r.out.find(bad + ":2:1: ") != std::string::npos);
  const std::string last = "1 passed, 1 failed\n";
  REQUIRE(r.out.size() >= last.size());
  CHECK(r.out.substr(r.out.size() - last.size()) == last);
}

SCENARIO("run writes the report to --output only when the run is complete") {
  scratch s;
  auto file = s.write("ok.vlab", "vault token create -policy=default => t\nexpect t.ttl == 768h\n");
  auto r = s.tokenlab("run '" + file + "' --format json --output '" + s.dir + "/report.json'");
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  auto report = s.read("report.json");
  CHECK(report.find("\"runs\"") != std::string::npos);
  CHECK_FALSE(s.exists("report.json.tmp"));
}
