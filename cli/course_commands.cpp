// The course from the learner's side, as rustlings and Exercism users know it: `lesson`
// lists the lessons with progress and shows one, `check` grades an exercise (or the next
// one), `hint` gives one more hint each time, `handout` renders a lesson for a class.

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/shared.hpp"

#include "course/grade.hpp"
#include "course/lesson.hpp"
#include "course/progress.hpp"
#include "runner/runner.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <variant>

namespace tokenlab::cli {

namespace {

namespace fs = std::filesystem;
using course::exercise_spec;
using course::lesson;

// The learner's course: its lessons and their progress file.
struct course_state {
  std::vector<lesson> lessons;
  course::progress progress;
  std::string progress_file;

  bool save() const {
    std::string error;
    if (write_file(progress_file, course::progress_text(progress), error))
      return true;
    std::cerr << "tokenlab: " << error << "\n";
    return false;
  }
};

std::optional<course::progress> read_progress(const std::string& path) {
  std::string text;
  std::error_code ec;
  if (fs::exists(path, ec) && detail::read_whole_file(path, text) != 0) {
    std::cerr << "tokenlab: " << path << ": cannot read the progress file\n";
    return std::nullopt;
  }
  std::string error;
  auto p = course::parse_progress(text, path, error);
  if (!p)
    std::cerr << "tokenlab: " << error << "\n";
  return p;
}

std::optional<course_state> open_course(const std::optional<std::string>& flag) {
  const auto root = course_root(flag);
  if (!root) {
    std::cerr << "tokenlab: " << (flag ? *flag + " is not a folder" : "no tutorials/ folder here")
              << "; run tokenlab from the repository's root, or give --course DIR\n";
    return std::nullopt;
  }
  auto loaded = course::load_course(*root);
  if (auto err = std::get_if<course::course_error>(&loaded)) {
    std::cerr << "tokenlab: " << err->message << "\n";
    return std::nullopt;
  }
  course_state out;
  out.lessons = std::move(std::get<std::vector<lesson>>(loaded));
  out.progress_file = course::progress_path();
  auto p = read_progress(out.progress_file);
  if (!p)
    return std::nullopt;
  out.progress = std::move(*p);
  return out;
}

// The exercise a path names: `<lesson>/exercise-N.vlab` or `<lesson>/solutions/…`.
struct exercise_at {
  lesson in;
  std::size_t index = 0;
  bool solution = false;
  const exercise_spec& spec() const { return in.exercises[index]; }
};

// nullopt: not an exercise (no lesson.json beside it, or not listed there); a string: the
// lesson's manifest is broken.
std::variant<std::monostate, exercise_at, std::string> exercise_of(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  const std::string name = fs::path(path).filename().string();
  bool solution = false;
  if (dir.filename() == "solutions") {
    solution = true;
    dir = dir.parent_path();
  }
  std::error_code ec;
  // The folder's own name is the lesson's, also for "exercise-1.vlab" given inside it.
  const fs::path given = dir.empty() ? fs::path{"."} : dir;
  const bool named = given.filename() != "." && given.filename() != ".." && !given.filename().empty();
  const std::string lesson_dir = named ? given.string() : fs::weakly_canonical(given, ec).string();
  if (!fs::is_regular_file(lesson_dir + "/lesson.json", ec))
    return std::monostate{};
  auto loaded = course::load_lesson(lesson_dir);
  if (auto err = std::get_if<course::course_error>(&loaded))
    return err->message;
  auto& l = std::get<lesson>(loaded);
  for (std::size_t i = 0; i < l.exercises.size(); ++i)
    if (l.exercises[i].file == name)
      return exercise_at{std::move(l), i, solution};
  return std::monostate{};
}

std::string exercise_title(const std::string& path) {
  auto parsed = load_scenario(path);
  if (const auto* sc = std::get_if<scenario>(&parsed); sc && !sc->title.empty())
    return sc->title;
  return fs::path(path).filename().string();
}

// What to do after `l`'s exercise `spec` (or at the start, with nothing solved).
std::string next_step(const course_state& c) {
  const auto next = course::next_exercise(c.lessons, c.progress);
  if (!next)
    return "every exercise of the course is solved. The scenario library (scenarios/README.md) "
           "has more to explore.\n";
  const lesson& l = *next->at;
  const bool opened = c.progress.opened.count(l.id) > 0;
  if (!opened && c.progress.solved_in(l) == 0)
    return "next: ./lab lesson " + std::to_string(l.number) + "  (" + l.title + ")\n";
  return "next: ./lab check " + l.exercise_path(*next->exercise) + "  (lesson " +
         std::to_string(l.number) + ", " + course::kind_words(next->exercise->kind) + ")\n";
}

std::optional<std::size_t> find_lesson(const std::vector<lesson>& lessons, const std::string& which) {
  for (std::size_t i = 0; i < lessons.size(); ++i)
    if (lessons[i].id == which || std::to_string(lessons[i].number) == which ||
        (which.size() == 2 && lessons[i].id.compare(0, 2, which) == 0))
      return i;
  return std::nullopt;
}

std::optional<std::size_t> lesson_or_complain(const course_state& c, const std::string& which) {
  auto i = find_lesson(c.lessons, which);
  if (!i)
    std::cerr << "tokenlab: no lesson \"" << which << "\": the course has lessons "
              << c.lessons.front().number << " to " << c.lessons.back().number
              << " (tokenlab lesson lists them)\n";
  return i;
}

int list_lessons(const course_state& c) {
  std::size_t exercises = 0;
  std::size_t solved = 0;
  for (const auto& l : c.lessons) {
    exercises += l.exercises.size();
    solved += c.progress.solved_in(l);
  }
  const auto next = course::next_exercise(c.lessons, c.progress);
  std::cout << "The tokenlab course: " << c.lessons.size() << " lessons of about 10 minutes, "
            << exercises << " exercises. Solved so far: " << solved << " of " << exercises
            << " (kept in " << c.progress_file << ").\n\n";
  for (const auto& l : c.lessons) {
    const std::size_t done = c.progress.solved_in(l);
    const char* mark = done == l.exercises.size()         ? "✓"
                       : next && next->at->id == l.id     ? "→"
                                                          : " ";
    std::string line = (l.number < 10 ? " " : "") + std::to_string(l.number) + "  " + l.title;
    line.append(line.size() < 48 ? 48 - line.size() : 1, ' ');
    std::cout << "  " << mark << " " << line << done << "/" << l.exercises.size() << "\n";
  }
  std::cout << "\n" << next_step(c);
  return exit_ok;
}

int show_lesson(course_state& c, const lesson& l) {
  std::string text;
  if (const int error_number = detail::read_whole_file(l.readme(), text); error_number != 0) {
    std::cerr << "tokenlab: " << l.readme()
              << ": cannot read file: " << detail::read_error_text(error_number) << "\n";
    return exit_bad_input;
  }
  std::cout << text;
  if (!text.empty() && text.back() != '\n')
    std::cout << "\n";
  std::cout << "\n────────\nExercises of lesson " << l.number << " (" << c.progress.solved_in(l)
            << " of " << l.exercises.size() << " solved):\n";
  for (std::size_t i = 0; i < l.exercises.size(); ++i) {
    const auto& e = l.exercises[i];
    const std::string path = l.exercise_path(e);
    std::cout << "  " << (c.progress.is_solved(l, e) ? "✓" : " ") << " " << (i + 1) << ". ("
              << course::kind_words(e.kind) << ") " << exercise_title(path) << "\n"
              << "       edit " << path << ", then: ./lab check " << path << "\n";
  }
  std::cout << "The worked scenario: ./lab run " << l.worked() << " --detail story\n";
  c.progress.opened.insert(l.id);
  return c.save() ? exit_ok : exit_bad_input;
}

// Grades one exercise and, when it is the learner's file and solved, records it.
int grade(const exercise_at& x, const std::string& path, const std::optional<std::string>& flag) {
  const auto result = course::grade_exercise(x.in, x.spec(), path);
  std::cout << result.text;
  if (result.status == course::grade_status::bad_input)
    return exit_bad_input;
  if (result.status == course::grade_status::internal_error)
    return exit_internal;
  const bool solved = result.status == course::grade_status::solved;
  if (x.solution) {
    if (solved)
      std::cout << "(this is the exercise's solution: it is not counted as your progress)\n";
    return solved ? exit_ok : exit_failed;
  }
  if (!solved)
    return exit_failed;
  // The learner's course is the one this exercise belongs to, unless --course says otherwise.
  auto c = open_course(flag ? flag : std::optional<std::string>{fs::path(x.in.dir).parent_path().string()});
  if (!c)
    return exit_bad_input;
  c->progress.solved.insert(course::exercise_key(x.in, x.spec()));
  if (!c->save())
    return exit_bad_input;
  std::cout << next_step(*c);
  return exit_ok;
}

} // namespace

int check(const std::vector<std::string>& files, const std::optional<std::string>& flag) {
  if (files.empty()) {
    auto c = open_course(flag);
    if (!c)
      return exit_bad_input;
    const auto next = course::next_exercise(c->lessons, c->progress);
    if (!next) {
      std::cout << next_step(*c);
      return exit_ok;
    }
    const std::string path = next->at->exercise_path(*next->exercise);
    std::cout << "checking your next exercise, " << path << "\n";
    const auto index = static_cast<std::size_t>(next->exercise - next->at->exercises.data());
    return grade(exercise_at{*next->at, index, false}, path, flag);
  }
  // Exercises are graded one by one; other files are checked together, as before.
  std::vector<std::string> plain;
  int worst = exit_ok;
  for (const auto& f : files) {
    auto x = exercise_of(f);
    if (auto err = std::get_if<std::string>(&x)) {
      std::cerr << "tokenlab: " << *err << "\n";
      return exit_bad_input;
    }
    if (std::holds_alternative<std::monostate>(x)) {
      plain.push_back(f);
      continue;
    }
    worst = std::max(worst, grade(std::get<exercise_at>(x), f, flag));
  }
  if (!plain.empty())
    worst = std::max(worst, check_scenarios(plain));
  return worst;
}

int lesson(const std::optional<std::string>& which, const std::optional<std::string>& flag) {
  auto c = open_course(flag);
  if (!c)
    return exit_bad_input;
  if (!which)
    return list_lessons(*c);
  const auto i = lesson_or_complain(*c, *which);
  if (!i)
    return exit_bad_input;
  return show_lesson(*c, c->lessons[*i]);
}

int hint(const std::optional<std::string>& file, const std::optional<std::string>& flag) {
  auto c = open_course(flag);
  if (!c)
    return exit_bad_input;
  std::optional<exercise_at> x;
  std::string path;
  if (file) {
    auto found = exercise_of(*file);
    if (auto err = std::get_if<std::string>(&found)) {
      std::cerr << "tokenlab: " << *err << "\n";
      return exit_bad_input;
    }
    if (!std::holds_alternative<exercise_at>(found)) {
      std::cerr << "tokenlab: " << *file
                << " is not an exercise of the course (exercises are "
                   "tutorials/NN-topic/exercise-N.vlab; tokenlab lesson lists them)\n";
      return exit_bad_input;
    }
    x = std::get<exercise_at>(found);
    path = *file;
  } else {
    const auto next = course::next_exercise(c->lessons, c->progress);
    if (!next) {
      std::cout << next_step(*c);
      return exit_ok;
    }
    x = exercise_at{*next->at, static_cast<std::size_t>(next->exercise - next->at->exercises.data()),
                    false};
    path = next->at->exercise_path(*next->exercise);
  }
  const auto& hints = x->spec().hints;
  const std::string key = course::exercise_key(x->in, x->spec());
  int& shown = c->progress.hints[key];
  shown = std::min(shown + 1, static_cast<int>(hints.size()));
  std::cout << "lesson " << x->in.number << ", exercise " << (x->index + 1) << " ("
            << course::kind_words(x->spec().kind) << "): " << exercise_title(path) << "\n";
  for (int i = 0; i < shown; ++i)
    std::cout << "  hint " << (i + 1) << " of " << hints.size() << ": " << hints[static_cast<std::size_t>(i)] << "\n";
  if (shown < static_cast<int>(hints.size()))
    std::cout << "another hint: ./lab hint " << path << "\n";
  else
    std::cout << "that was the last hint; the solution is " << x->in.solution_path(x->spec())
              << " (./lab run it to see its report)\n";
  return c->save() ? exit_ok : exit_bad_input;
}

} // namespace tokenlab::cli
