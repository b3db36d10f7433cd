// The course: lesson manifests, exercise files and their locked parts, the grader's verdicts
// and words, the learner's progress; and every bundled lesson graded as it ships and solved.

#include "course/exercise_file.hpp"
#include "course/grade.hpp"
#include "course/lesson.hpp"
#include "course/progress.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace tokenlab;
using namespace tokenlab::course;

namespace {

namespace fs = std::filesystem;

// A lesson folder of its own under a scratch course, removed at the end of the test.
struct scratch_lesson {
  fs::path root;
  fs::path dir;
  scratch_lesson() {
    char tmpl[] = "/tmp/tokenlab-course-XXXXXX";
    root = mkdtemp(tmpl);
    dir = root / "05-scratch";
    fs::create_directories(dir / "solutions");
  }
  ~scratch_lesson() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = dir / name;
    std::ofstream{p} << text;
    return p.string();
  }
  lesson load() const {
    auto l = load_lesson(dir.string());
    if (auto err = std::get_if<course_error>(&l))
      FAIL(err->message);
    return std::get<lesson>(l);
  }
  std::string make_it_so(const std::string& exercise) const;
  std::string manifest_error() const {
    auto l = load_lesson(dir.string());
    REQUIRE(std::holds_alternative<course_error>(l));
    return std::get<course_error>(l).message;
  }
};

constexpr const char* predict_manifest = R"({
  "title": "Scratch",
  "exercises": [
    {"file": "exercise-1.vlab", "kind": "predict", "hints": ["one", "two"],
     "explain": "A renewal counts from now."}
  ]
})";

constexpr const char* predict_exercise = "title \"Predict the renewal\"\n"
                                         "vault token create -policy=default -ttl=1h => t\n"
                                         "advance 20m\n"
                                         "vault token renew -increment=30m $t => r\n"
                                         "expect r.token_duration == ?\n"
                                         "advance 40m\n"
                                         "expect token $t ?\n";

constexpr const char* make_manifest = R"({
  "title": "Scratch",
  "exercises": [
    {"file": "exercise-1.vlab", "kind": "make-it-so", "hints": ["renew it"],
     "forbid": ["token create", "auth tune"], "explain": "Renewing keeps the same token."}
  ]
})";

std::string make_exercise(const std::string& yours) {
  return "title \"Keep $t alive until t+2h\"\n"
         "vault token create -policy=default -ttl=1h => t\n"
         "advance 30m\n"
         "# ---- your steps go here ----\n" +
         yours +
         "# ---- graded: do not edit below this line ----\n"
         "at 1h59m\n"
         "expect token $t valid\n";
}

/// The make-it-so lesson: its manifest, its solution, and the learner's `exercise` text.
std::string scratch_lesson::make_it_so(const std::string& exercise) const {
  write("lesson.json", make_manifest);
  write("solutions/exercise-1.vlab", make_exercise("vault token renew -increment=2h $t\n"));
  return write("exercise-1.vlab", exercise);
}

grade_result grade_file(const scratch_lesson& s, const std::string& path) {
  const lesson l = s.load();
  return grade_exercise(l, l.exercises.front(), path);
}

bool has(const std::string& text, const std::string& part) {
  CAPTURE(text, part);
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("an exercise file splits at its two marker lines") {
  const auto parts = split_exercise("a\n# ---- your steps go here ----\nb  \r\n"
                                    "# ---- graded: do not edit below this line ----\nc\n\n\n");
  CHECK(parts.yours == 2);
  CHECK(parts.graded == 4);
  CHECK(parts.lines == std::vector<std::string>{"a", "# ---- your steps go here ----", "b",
                                                "# ---- graded: do not edit below this line ----",
                                                "c"});
  CHECK(parts.learners(3));
  CHECK_FALSE(parts.learners(2));
  CHECK_FALSE(parts.learners(5));
}

TEST_CASE("only the lines between the markers are the learner's to change") {
  const auto solution = split_exercise(make_exercise("vault token renew $t\n"));
  CHECK_FALSE(changed_locked_line(split_exercise(make_exercise("")), solution));
  CHECK_FALSE(changed_locked_line(split_exercise(make_exercise("a\nb\nc\n")), solution));
  std::string edited = make_exercise("");
  edited.replace(edited.find("-ttl=1h"), 7, "-ttl=3h");
  const auto setup = changed_locked_line(split_exercise(edited), solution);
  REQUIRE(setup);
  CHECK(setup->line == 2);
  CHECK(setup->expected == "vault token create -policy=default -ttl=1h => t");
  const auto graded =
    changed_locked_line(split_exercise(make_exercise("") + "expect token $t valid\n"), solution);
  REQUIRE(graded);
  CHECK(graded->line == 8);
  CHECK(graded->expected.empty());
}

TEST_CASE("a lesson manifest is checked, with errors at their place") {
  scratch_lesson s;
  s.write("exercise-1.vlab", predict_exercise);
  s.write("solutions/exercise-1.vlab", predict_exercise);
  s.write("lesson.json", predict_manifest);
  const lesson l = s.load();
  CHECK(l.number == 5);
  CHECK(l.id == "05-scratch");
  CHECK(l.title == "Scratch");
  REQUIRE(l.exercises.size() == 1);
  CHECK(l.exercises[0].kind == exercise_kind::predict);
  CHECK(l.exercises[0].hints == std::vector<std::string>{"one", "two"});

  s.write("lesson.json", R"({"title": "S", "exercises": [{"file": "exercise-1.vlab",
    "kind": "guess", "hints": ["h"]}]})");
  CHECK(s.manifest_error() == (s.dir / "lesson.json").string() +
                                ":2:13: unknown kind \"guess\": use \"predict\" or \"make-it-so\"");
  s.write("lesson.json", R"({"title": "S", "exercises": [{"file": "exercise-9.vlab",
    "kind": "predict", "hints": ["h"]}]})");
  CHECK(has(s.manifest_error(), "lesson.json:1:39: no exercise file \"exercise-9.vlab\""));
  s.write("lesson.json", R"({"title": "S", "hint": 1, "exercises": []})");
  CHECK(has(s.manifest_error(), "lesson.json:1:16: unknown key \"hint\" (the keys are title, "
                                "minutes, summary, exercises)"));
  s.write("lesson.json", R"({"title": "S", "exercises": [{"file": "exercise-1.vlab",
    "kind": "predict"}]})");
  CHECK(has(s.manifest_error(), "an exercise needs at least one hint"));
}

TEST_CASE("predictions: unanswered, wrong with the lab's reason, then solved") {
  scratch_lesson s;
  s.write("lesson.json", predict_manifest);
  s.write("solutions/exercise-1.vlab", predict_exercise);
  const auto path = s.write("exercise-1.vlab", predict_exercise);

  auto g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, "lesson 5, exercise 1 (predict): Predict the renewal\n"));
  CHECK(has(g.text, "  ? " + path + ":5:28: not answered yet: expect r.token_duration == ?\n"
                    "    write a duration such as 1h30m (or whole seconds) in place of ?\n"));
  CHECK(has(g.text, "    write a state: valid, revoked or expired in place of ?\n"));
  CHECK(has(g.text, "not solved yet: 2 predictions to make\n"));
  CHECK_FALSE(has(g.text, "why: ")); // the reason waits until everything is answered
  CHECK(has(g.text, "stuck? ./lab hint " + path + "\n"));

  std::string answered = predict_exercise;
  answered.replace(answered.find("== ?"), 4, "== 1h30m");
  answered.replace(answered.find("$t ?"), 4, "$t valid");
  s.write("exercise-1.vlab", answered);
  g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, "  ✗ " + path + ":5:1: expect r.token_duration == 1h30m: Vault says 1800 (30m)\n"
                    "    why 30m: max_ttl 768h (system config) from start t+0s → deadline t+768h; "
                    "now t+20m, remaining 767h40m; requested 30m (increment) → not capped\n"));
  CHECK(has(g.text, "  ✗ " + path + ":7:1: expect token $t valid: Vault says expired\n"
                    "    t+50m token_expired "));
  CHECK(has(g.text, "not solved yet: 2 answers to change (read the reason under each)\n"
                    "why: A renewal counts from now.\n"));

  answered.replace(answered.find("1h30m"), 5, "30m");
  answered.replace(answered.find("$t valid"), 8, "$t expired");
  s.write("exercise-1.vlab", answered);
  g = grade_file(s, path);
  CHECK(g.status == grade_status::solved);
  CHECK(has(g.text, ":5:1: expect r.token_duration == 30m: right\n"));
  CHECK(has(g.text, "✓ solved: all 2 predictions are right\nwhy: A renewal counts from now.\n"));
  CHECK_FALSE(has(g.text, "stuck?"));
}

TEST_CASE("a ? for a length or for absent or present asks for that kind of value") {
  scratch_lesson s;
  s.write("lesson.json", predict_manifest);
  const std::string exercise = "title \"Predict the renewal\"\n"
                               "vault token create -policy=default -ttl=1h => t\n"
                               "vault token lookup $t => l\n"
                               "expect t.policies.length == ?\n"
                               "expect l.period ?\n";
  s.write("solutions/exercise-1.vlab", exercise);
  const auto path = s.write("exercise-1.vlab", exercise);
  auto g = grade_file(s, path);
  CHECK(has(g.text, ":4:29: not answered yet: expect t.policies.length == ?\n"
                    "    write a whole number: how many items (0 for none) in place of ?\n"));
  CHECK(has(g.text, ":5:17: not answered yet: expect l.period ?\n"
                    "    write absent or present (whether the result has the field at all) in "
                    "place of ?\n"));
}

TEST_CASE("make it so: the graded part decides, with the learner's steps explained") {
  scratch_lesson s;
  const auto path = s.make_it_so(make_exercise(""));

  auto g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, "lesson 5, exercise 1 (make it so): Keep $t alive until t+2h\n"
                    "  your steps: none yet (write them between the marker lines)\n"
                    "  ✗ " + path + ":7:1: expect token $t valid (actual: expired)\n"
                    "    t+1h token_expired "));
  CHECK(has(g.text, "not solved yet: 1 of 1 graded expectation fails\n"));

  s.write("exercise-1.vlab", make_exercise("vault token renew -increment=1h $t\n"));
  g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, "  your steps:\n    t+30m  vault token renew -increment=1h $t  → "
                    "token_duration 1h\n      why 1h: "));

  s.write("exercise-1.vlab", make_exercise("vault token renew -increment=2h $t\n"));
  g = grade_file(s, path);
  CHECK(g.status == grade_status::solved);
  CHECK(has(g.text, "  ✓ " + path + ":8:1: expect token $t valid\n✓ solved: the graded "
                    "expectation holds\nwhy: Renewing keeps the same token.\n"));
}

TEST_CASE("make it so refuses a forbidden command, an edited test and a broken graded part") {
  scratch_lesson s;
  const auto path = s.make_it_so(make_exercise("vault token create -ttl=3h => t\n"));

  auto g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, "  ✗ " + path + ":5:1: this exercise is to be solved without `vault token "
                    "create`\nnot solved yet: reach the goal without the command above\n"));

  std::string edited = make_exercise("vault token renew $t\n");
  edited.replace(edited.find("valid"), 5, "expired");
  s.write("exercise-1.vlab", edited);
  g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, path + ":8:1: this line is part of the exercise and was changed; it is:\n"
                    "    expect token $t valid\n"));

  s.write("exercise-1.vlab", make_exercise("advance 3h\n"));
  g = grade_file(s, path);
  CHECK(g.status == grade_status::bad_input);
  CHECK(has(g.text, path + ":7:4: at 1h59m is before the current time t+3h30m\n"
                    "    your steps stop the graded part (from line 6) from running"));

  s.write("exercise-1.vlab", "title \"x\"\n");
  g = grade_file(s, path);
  CHECK(g.status == grade_status::not_solved);
  CHECK(has(g.text, "the exercise's marker lines are gone"));
}

TEST_CASE("progress is a small JSON file, a corrupt one is refused, never overwritten") {
  progress p;
  p.solved = {"01-first-token/exercise-1.vlab"};
  p.hints = {{"01-first-token/exercise-2.vlab", 2}};
  p.opened = {"01-first-token"};
  const std::string text = progress_text(p);
  std::string error;
  const auto back = parse_progress(text, "p", error);
  REQUIRE(back);
  CHECK(back->solved == p.solved);
  CHECK(back->hints == p.hints);
  CHECK(back->opened == p.opened);
  CHECK(parse_progress("", "p", error)->solved.empty());
  CHECK_FALSE(parse_progress("{\"solved\": 3}", "p", error));
  CHECK(error == "p: not a tokenlab progress file (no \"format\": \"tokenlab-progress\"); move it "
                 "away to start afresh");
  CHECK_FALSE(parse_progress(R"({"format": "tokenlab-progress", "solved": 3})", "p", error));
}

SCENARIO("every bundled lesson ships unsolved and its solutions solve it") {
  auto loaded = load_course(std::string{TOKENLAB_SOURCE_DIR} + "/tutorials");
  if (auto err = std::get_if<course_error>(&loaded))
    FAIL(err->message);
  const auto& lessons = std::get<std::vector<lesson>>(loaded);
  REQUIRE(lessons.size() >= 10);
  REQUIRE(lessons.size() <= 14);
  for (std::size_t i = 0; i < lessons.size(); ++i) {
    const lesson& l = lessons[i];
    CAPTURE(l.id);
    CHECK(l.number == static_cast<int>(i + 1));
    REQUIRE(l.exercises.size() >= 2);
    bool predict = false;
    bool make_it_so = false;
    for (const auto& e : l.exercises) {
      CAPTURE(e.file);
      predict |= e.kind == exercise_kind::predict;
      make_it_so |= e.kind == exercise_kind::make_it_so;
      CHECK(grade_exercise(l, e, l.exercise_path(e)).status == grade_status::not_solved);
      CHECK(grade_exercise(l, e, l.solution_path(e)).status == grade_status::solved);
    }
    CHECK((predict || make_it_so));
  }
}
