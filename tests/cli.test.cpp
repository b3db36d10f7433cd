// The tokenlab command as a user meets it: exit codes, messages on bad input, no
// half-written output. Runs the built binary.

#include <catch2/catch.hpp>

#include <algorithm>
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
  /// Runs tokenlab inside the scratch directory, as a learner in their working directory
  /// (progress in ./.tokenlab-progress).
  outcome_of_run learner(const std::string& args) const {
    return tokenlab_in_dir("env -u TOKENLAB_PROGRESS", args);
  }
  outcome_of_run tokenlab_in_dir(const std::string& prefix, const std::string& args) const {
    auto cmd = "cd '" + dir + "' && " + prefix + " " + TOKENLAB_BINARY + " " + args + " >'" + dir +
               "/stdout' 2>'" + dir + "/stderr'";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read("stdout"), read("stderr")};
  }
  /// A copy of the course in the scratch directory, to edit exercises as a learner does.
  void copy_course() const {
    std::system(("cp -r '" TOKENLAB_SOURCE_DIR "/tutorials' '" + dir + "/tutorials'").c_str());
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

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

SCENARIO("an output that cannot be written, or is the scenario itself, is refused before the run") {
  scratch s;
  auto file = s.write("ok.vlab", "vault token create -policy=default => t\nexpect t.ttl == 768h\n");
  auto r = s.tokenlab("run '" + file + "' --output '" + file + "'");
  CHECK(r.code == 2);
  CHECK(r.err == "tokenlab: " + file + ": is the scenario " + file + "; choose another output file\n");
  CHECK(s.read("ok.vlab") == "vault token create -policy=default => t\nexpect t.ttl == 768h\n");
  r = s.tokenlab("run '" + file + "' --output '" + s.dir + "/no/such/folder/report.txt'");
  CHECK(r.code == 2);
  CHECK(r.err == "tokenlab: " + s.dir + "/no/such/folder/report.txt: cannot write: no folder " +
                   s.dir + "/no/such/folder\n");
  CHECK(r.out.empty());
  // A planted symlink at a fixed temporary name is never followed: the temporary is mkstemp's.
  std::system(("ln -s '" + s.dir + "/victim' '" + s.dir + "/report.txt.tmp'").c_str());
  r = s.tokenlab("run '" + file + "' --output '" + s.dir + "/report.txt'");
  CHECK(r.code == 0);
  CHECK_FALSE(s.exists("victim"));
  CHECK(contains(s.read("report.txt"), "expectations  1 passed, 0 failed"));
  // A character device is written to directly.
  r = s.tokenlab("run '" + file + "' --output /dev/null");
  CHECK(r.code == 0);
}

SCENARIO("a fleet too big for the run's budget is refused before it runs, the flags raise it") {
  scratch s;
  auto file = s.write("big.vlab", "vault auth enable userpass\n"
                                  "fleet clients=300 until=1h login=auth/userpass/login/pod\n");
  auto r = s.tokenlab("run '" + file + "' --max-clients 299 --output '" + s.dir + "/r.txt'");
  CHECK(r.code == 2);
  CHECK(r.err == file + ":2:1: this fleet has 300 clients, more than the 299 a run allows (each "
                        "keeps a token and a lease in memory); raise the limit with --max-clients\n");
  CHECK_FALSE(s.exists("r.txt"));
  r = s.tokenlab("run '" + file + "' --max-clients 300 --output '" + s.dir + "/r.txt'");
  CHECK(r.code == 0);
  r = s.tokenlab("run '" + file + "' --max-events 0");
  CHECK(r.code == 2);
  CHECK(contains(r.err, "--max-clients and --max-events take a number greater than 0"));
}

SCENARIO("a scenario with no steps runs, with a warning that there was nothing to run") {
  scratch s;
  auto file = s.write("empty.vlab", "# only a comment\ntitle \"empty\"\n");
  auto r = s.tokenlab("check '" + file + "'");
  CHECK(r.code == 0);
  CHECK(r.err == file + ": warning: no steps and no expectations: nothing to run\n");
}

SCENARIO("--detail chooses how much a report shows, an unknown one is refused") {
  scratch s;
  auto file = s.write("ok.vlab", "vault token create -policy=default => t\nexpect t.ttl == 768h\n");
  auto r = s.tokenlab("run '" + file + "' --detail story");
  CHECK(r.code == 0);
  CHECK(contains(r.out, "t+0s  vault token create -policy=default => t\n"));
  CHECK_FALSE(contains(r.out, "storage:"));
  r = s.tokenlab("run '" + file + "' --detail brief");
  CHECK(r.code == 0);
  CHECK(contains(r.out, "  t+0s  vault token create -policy=default => t  → token_duration 768h\n"
                        "  ✓ 1 expectation held\n"));
  r = s.tokenlab("run '" + file + "' --detail chatty");
  CHECK(r.code == 2);
  CHECK(contains(r.err, "unknown detail 'chatty' (use full, story or brief)"));
}

SCENARIO("a learner lists the lessons, opens one, asks for hints and solves an exercise") {
  scratch s;
  s.copy_course();
  GIVEN("a fresh working directory") {
    auto r = s.learner("lesson");
    CHECK(r.code == 0);
    CHECK(contains(r.out, "12 lessons of about 10 minutes, 30 exercises. Solved so far: 0 of 30 "
                          "(kept in .tokenlab-progress)."));
    CHECK(contains(r.out, "  →  1  Your first token "));
    CHECK(contains(r.out, "next: ./lab lesson 1  (Your first token)\n"));
    CHECK_FALSE(s.exists(".tokenlab-progress")); // listing changes nothing

    r = s.learner("lesson 1");
    CHECK(r.code == 0);
    CHECK(r.out.rfind("# Lesson 1: Your first token\n", 0) == 0);
    CHECK(contains(r.out, "Exercises of lesson 1 (0 of 2 solved):\n"));
    CHECK(contains(r.out, "edit tutorials/01-first-token/exercise-1.vlab, then: ./lab check "
                          "tutorials/01-first-token/exercise-1.vlab\n"));
    CHECK(contains(s.read(".tokenlab-progress"), "\"01-first-token\""));

    r = s.learner("lesson 99");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "no lesson \"99\": the course has lessons 1 to 12"));

    const std::string ex = "tutorials/01-first-token/exercise-1.vlab";
    r = s.learner("hint " + ex);
    CHECK(r.code == 0);
    CHECK(contains(r.out, "  hint 1 of 3: "));
    CHECK_FALSE(contains(r.out, "  hint 2 of 3: "));
    s.learner("hint " + ex);
    r = s.learner("hint " + ex);
    CHECK(contains(r.out, "  hint 3 of 3: "));
    CHECK(contains(r.out, "that was the last hint; the solution is "
                          "tutorials/01-first-token/solutions/exercise-1.vlab"));

    r = s.learner("check " + ex);
    CHECK(r.code == 1);
    CHECK(contains(r.out, "not solved yet: 4 predictions to make\n"));

    WHEN("the learner writes the right predictions") {
      std::system(("cp '" + s.dir + "/tutorials/01-first-token/solutions/exercise-1.vlab' '" +
                   s.dir + "/" + ex + "'")
                    .c_str());
      r = s.learner("check " + ex);
      THEN("it is solved, recorded, and the grader says what comes next") {
        CHECK(r.code == 0);
        CHECK(contains(r.out, "✓ solved: all 4 predictions are right\n"));
        CHECK(contains(r.out, "next: ./lab check tutorials/01-first-token/exercise-2.vlab  "
                              "(lesson 1, make it so)\n"));
        CHECK(contains(s.read(".tokenlab-progress"), "\"01-first-token/exercise-1.vlab\""));
        r = s.learner("lesson");
        CHECK(contains(r.out, "Solved so far: 1 of 30"));
        r = s.learner("check");
        CHECK(r.code == 1);
        CHECK(r.out.rfind("checking your next exercise, tutorials/01-first-token/exercise-2.vlab\n"
                          "lesson 1, exercise 2 (make it so): ",
                          0) == 0);
      }
    }
  }
}

SCENARIO("a corrupt progress file is reported, never overwritten") {
  scratch s;
  s.copy_course();
  s.write(".tokenlab-progress", "not json");
  auto r = s.learner("lesson 1");
  CHECK(r.code == 2);
  CHECK(contains(r.err, ".tokenlab-progress: not a tokenlab progress file (invalid JSON); move it "
                        "away to start afresh"));
  CHECK(s.read(".tokenlab-progress") == "not json");
}

SCENARIO("hint refuses a file that is not an exercise") {
  scratch s;
  auto r = s.tokenlab("hint " TOKENLAB_SOURCE_DIR "/scenarios/renewal/renew-capped-by-max-ttl-6h-9h.vlab");
  CHECK(r.code == 2);
  CHECK(contains(r.err, "is not an exercise of the course"));
}

SCENARIO("the library's first screen fits one screen and ends with what to type next") {
  scratch s;
  auto r = s.tokenlab_in_dir("cd '" TOKENLAB_SOURCE_DIR "' &&", "library");
  CHECK(r.code == 0);
  CHECK(lines_of(r.out) <= 80);
  CHECK(contains(r.out, "Renewal is capped by the max TTL"));
  CHECK(contains(r.out, "→ token_duration 4h, 1 warning\n"));
  CHECK(contains(r.out, "→ token_duration 1h59m17s, 1 warning\n"));
  CHECK(contains(r.out, "leases revoked: child_creds, parent_creds\n"));
  CHECK(contains(r.out, "  capacity      4 scenarios   not replayed here: fleets, most minutes long"));
  const std::string last = "  ./lab run FILE     one scenario's report, e.g. "
                           "scenarios/renewal/renew-capped-by-max-ttl-6h-9h.vlab\n";
  CHECK(r.out.size() > last.size());
  CHECK(r.out.substr(r.out.size() - last.size()) == last);
  CHECK(contains(r.out, "Next:\n  ./lab lesson 1     start the course"));
  CHECK(contains(r.out, "\n  ./lab shell        try commands one at a time, with undo, back and save\n"));
  r = s.tokenlab_in_dir("cd '" TOKENLAB_SOURCE_DIR "' &&", "library --list");
  CHECK(lines_of(r.out) == 85);
  CHECK_FALSE(contains(r.out, "capacity/"));
}

SCENARIO("a handout is the lesson, its worked scenario as a story and its exercises") {
  scratch s;
  auto r = s.tokenlab("handout 3 --course '" TOKENLAB_SOURCE_DIR "/tutorials' --output '" +
                      s.dir + "/handout.md'");
  CHECK(r.code == 0);
  const std::string md = s.read("handout.md");
  CHECK(md.rfind("# Lesson 3: TTL and renewal\n", 0) == 0);
  CHECK(contains(md, "\n## The worked scenario, step by step\n"));
  CHECK(contains(md, "\n### ")); // the report's title, under the handout's section
  CHECK_FALSE(contains(md, "storage:"));
  CHECK(contains(md, "\n## Exercises\n\n### Exercise 1 (predict)\n"));
  CHECK_FALSE(contains(md, "#### Solution"));
  r = s.tokenlab("handout 3 --solutions --course '" TOKENLAB_SOURCE_DIR "/tutorials'");
  CHECK(contains(r.out, "#### Solution\n"));
  CHECK(contains(r.out, "Why: "));
  r = s.tokenlab("handout 42 --course '" TOKENLAB_SOURCE_DIR "/tutorials'");
  CHECK(r.code == 2);
}

SCENARIO("a scenario is read from standard input with -, in either form") {
  scratch s;
  const auto file = s.write("t.vlab", "title \"from stdin\"\nvault token create -ttl=1h => t\n"
                                      "expect t.auth.lease_duration == 1h\n");
  auto r = s.tokenlab("run - --detail brief < '" + file + "'");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("from stdin\n<stdin>\n  t+0s  vault token create -ttl=1h => t", 0) == 0);
  const auto json = s.write("t.json", R"({"title": "json from stdin", "steps": [)"
                                      R"({"vault": "token create -ttl=1h", "name": "t"},)"
                                      R"({"expect": "t.auth.lease_duration == 2h"}]})");
  r = s.tokenlab("check - < '" + json + "'");
  CHECK(r.code == 1);
  CHECK(contains(r.out, "<stdin>:"));
  CHECK(contains(r.out, "FAIL <stdin> (1 of 1 failed)\n"));
  const auto bad = s.write("bad.vlab", "advance 1h\nbogus\n");
  r = s.tokenlab("run - < '" + bad + "'");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("<stdin>:2:1: unknown directive \"bogus\"", 0) == 0);
  r = s.tokenlab("run - - < '" + file + "'");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("tokenlab: standard input (-) can be given once\n", 0) == 0);
}

SCENARIO("JUnit XML: a test case per expectation, failures as tokenlab check words them") {
  scratch s;
  const auto file = s.write("j.vlab", "title \"a <junit> & co\"\n"
                                      "vault token create -ttl=1h => t\n"
                                      "expect t.auth.lease_duration == 1h\n"
                                      "expect t.auth.lease_duration == 2h\n"
                                      "expect t.auth.renewable == ?\n");
  auto r = s.tokenlab_in_dir("", "run j.vlab --format junit");
  CHECK(r.code == 1);
  CHECK(r.out ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"tokenlab\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
        "  <testsuite name=\"j.vlab\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
        "    <properties>\n"
        "      <property name=\"title\" value=\"a &lt;junit&gt; &amp; co\"/>\n"
        "      <property name=\"seed\" value=\"1\"/>\n"
        "    </properties>\n"
        "    <testcase name=\"line 3: expect t.auth.lease_duration == 1h\" classname=\"j\" "
        "file=\"j.vlab\" line=\"3\"/>\n"
        "    <testcase name=\"line 4: expect t.auth.lease_duration == 2h\" classname=\"j\" "
        "file=\"j.vlab\" line=\"4\">\n"
        "      <failure message=\"actual: 3600 (1h)\" type=\"expectation\">j.vlab:4:1: expectation "
        "failed: expect t.auth.lease_duration == 2h (actual: 3600 (1h))</failure>\n"
        "    </testcase>\n"
        "    <testcase name=\"line 5: expect t.auth.renewable == ?\" classname=\"j\" "
        "file=\"j.vlab\" line=\"5\">\n"
        "      <skipped message=\"j.vlab:5:1: not answered yet: expect t.auth.renewable == ? "
        "(write your prediction in place of ?)\"/>\n"
        "    </testcase>\n"
        "    <system-out>a &lt;junit&gt; &amp; co\n"
        "j.vlab\n"
        "  t+0s  vault token create -ttl=1h =&gt; t  → token_duration 1h\n"
        "        ✗ FAIL expect t.auth.lease_duration == 2h (actual: 3600 (1h))\n"
        "        ? OPEN expect t.auth.renewable == ? (write your prediction in place of ?)\n"
        "  ✗ 1 passed, 1 failed, 1 unanswered\n"
        "</system-out>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
  r = s.tokenlab_in_dir("cd '" TOKENLAB_SOURCE_DIR "' &&", "library --format junit");
  CHECK(r.code == 0);
  CHECK(contains(r.out, "<testsuites name=\"tokenlab\" tests=\""));
  CHECK(contains(r.out, "failures=\"0\" errors=\"0\" skipped=\"0\">\n"));
  CHECK(contains(r.out, "classname=\"scenarios.renewal.renew-capped-by-max-ttl-6h-9h\""));
  CHECK(static_cast<std::size_t>(std::count(r.out.begin(), r.out.end(), '\n')) > 1000);
}

SCENARIO("the shell from standard input: a transcript, undo, and a saved scenario that replays the same") {
  scratch s;
  const auto typed = s.write("typed.txt",
                             "vault token create -ttl=1h -explicit-max-ttl=2h => t\n"
                             "advance 30m\n"
                             "vault token renew -increment=3h $t => r\n"
                             "expect r.auth.lease_duration == 1h30m\n"
                             "vault token create -tll=1h\n"
                             "vault token revoke $t\n"
                             "undo\n"
                             "vault policy write p - <<EOF\n"
                             "path \"secret/*\" {\n"
                             "  capabilities = [\"read\"]\n"
                             "}\n"
                             "EOF\n"
                             "save " + s.dir + "/saved.vlab\n");
  auto r = s.tokenlab("shell < '" + typed + "'");
  CHECK(r.code == 2); // one entry was refused
  CHECK(r.err == "  vault token create -tll=1h\n"
                 "                     ^ flag provided but not defined: -tll (did you mean -ttl?)\n");
  CHECK(r.out.rfind("[1] t+0s> vault token create -ttl=1h -explicit-max-ttl=2h => t\n\n"
                    "t+0s  vault token create -ttl=1h -explicit-max-ttl=2h => t\n", 0) == 0);
  CHECK(contains(r.out, "\n[2] t+0s> advance 30m\n\nt+0s → t+30m  advance 30m\n[3] t+30m> "));
  CHECK(contains(r.out, "TTL of \"3h\" exceeded the effective max_ttl of \"1h30m\""));
  CHECK(contains(r.out, "[4] t+30m> expect r.auth.lease_duration == 1h30m\n"
                        "  ✓ PASS expect r.auth.lease_duration == 1h30m (actual: 5400 (1h30m))\n"
                        "[5] t+30m> vault token create -tll=1h\n"
                        "[5] t+30m> vault token revoke $t\n"));
  CHECK(contains(r.out, "[6] t+30m> undo\n  undone: vault token revoke $t\n  back at step 4, t+30m\n"
                        "[5] t+30m> vault policy write p - <<EOF\n... path \"secret/*\" {\n"));
  CHECK(contains(r.out, "Success! Uploaded policy: p\n"));
  CHECK(contains(r.out, "[6] t+30m> save " + s.dir + "/saved.vlab\n  saved 9 lines to "));
  CHECK(s.read("saved.vlab") == "vault token create -ttl=1h -explicit-max-ttl=2h => t\n"
                                "advance 30m\n"
                                "vault token renew -increment=3h $t => r\n"
                                "expect r.auth.lease_duration == 1h30m\n"
                                "vault policy write p - <<EOF\n"
                                "path \"secret/*\" {\n"
                                "  capabilities = [\"read\"]\n"
                                "}\n"
                                "EOF\n");
  // The saved scenario replays to the report the session showed: the shell's `show`, started
  // from the saved file, equals `tokenlab run` of it.
  const auto show = s.write("show.txt", "show\n");
  r = s.tokenlab("shell --detail full '" + s.dir + "/saved.vlab' < '" + show + "'");
  CHECK(r.code == 0);
  const std::string transcript = r.out;
  r = s.tokenlab("run '" + s.dir + "/saved.vlab'");
  CHECK(r.code == 0);
  const auto at = transcript.find("[6] t+30m> show\n");
  REQUIRE(at != std::string::npos);
  CHECK(transcript.substr(at + std::string{"[6] t+30m> show\n"}.size()) == r.out);
  // The start file's steps are shown first, and are where undo stops.
  CHECK(transcript.rfind("\n[1] t+0s  " + s.dir + "/saved.vlab:1  vault token create", 0) == 0);
  r = s.tokenlab("shell '" + s.dir + "/saved.vlab' < '" + s.write("u.txt", "undo\nback 2\n") + "'");
  CHECK(r.code == 2);
  CHECK(r.err == "nothing to undo\nback 2: there are steps 5 to 5 to go back to\n");
  r = s.tokenlab("shell '" + s.dir + "/missing.vlab' < /dev/null");
  CHECK(r.code == 2);
  CHECK(r.err == s.dir + "/missing.vlab: cannot read file: No such file or directory\n");
}

SCENARIO("at a terminal the shell edits lines and completes commands, flags and names with tab") {
  // A pseudo-terminal from util-linux's script(1) (Debian's bsdutils, always installed; a
  // container without /dev/pts cannot open one).
  if (std::system("script -qec true /dev/null </dev/null >/dev/null 2>&1") != 0) {
    WARN("script(1) cannot open a pseudo-terminal here: the terminal path of the shell is not "
         "tested");
    return;
  }
  scratch s;
  const auto typed = s.write("keys.txt", "vault tok\tcre\t-tt\t1h => web\n"
                                         "vault token renew $w\t\n"
                                         "quit\n");
  const auto cmd = "TERM=dumb timeout 20 script -qec '" TOKENLAB_BINARY " shell' /dev/null < '" +
                   typed + "' > '" + s.dir + "/stdout' 2>&1";
  const int status = std::system(cmd.c_str());
  CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == 0);
  const outcome_of_run r{0, s.read("stdout"), {}};
  CHECK(contains(r.out, "tokenlab shell: type vault commands"));
  CHECK(contains(r.out, "[1] t+0s> vault token create -ttl=1h => web\r\n"));
  CHECK(contains(r.out, "token_created"));
  CHECK(contains(r.out, "[2] t+0s> vault token renew $web \r\n"));
  CHECK(contains(r.out, "token_renewed"));
}
