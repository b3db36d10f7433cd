#pragma once
// The course: numbered lessons under tutorials/, each a folder `NN-topic/` with the lesson
// (README.md), its worked scenario (lesson.vlab), exercises the learner edits
// (exercise-N.vlab), their solutions (solutions/exercise-N.vlab) and a manifest,
// lesson.json, that says what kind each exercise is and holds its hints. tutorials/README.md
// describes the layout for the instructors who write lessons.
//
// Loading is strict: a manifest that names a missing file, an unknown kind or an unknown key
// is an error `lesson.json:line:col: message`, so that a broken lesson is caught by its
// author, not by a student.

#include <string>
#include <variant>
#include <vector>

namespace tokenlab::course {

enum class exercise_kind {
  predict,    ///< every `expect` holds a `?` for the learner to replace with a value
  make_it_so, ///< the learner writes steps between two marker lines to reach the graded part
};

/// One exercise as the manifest describes it.
struct exercise_spec {
  std::string file; ///< "exercise-1.vlab", in the lesson's folder
  exercise_kind kind = exercise_kind::predict;
  std::vector<std::string> hints;  ///< progressive: each says more than the one before
  std::string explain;             ///< the reason, printed once the exercise is answered
  std::vector<std::string> forbid; ///< commands the learner's steps may not use
};

struct lesson {
  std::string dir;   ///< the lesson's folder as found ("tutorials/03-ttl-and-renewal")
  std::string id;    ///< its name ("03-ttl-and-renewal")
  int number = 0;    ///< 3
  std::string title; ///< "TTL and renewal"
  std::string summary;
  int minutes = 10;
  std::vector<exercise_spec> exercises;

  std::string readme() const { return dir + "/README.md"; }
  std::string worked() const { return dir + "/lesson.vlab"; }
  std::string exercise_path(const exercise_spec& e) const { return dir + "/" + e.file; }
  std::string solution_path(const exercise_spec& e) const {
    return dir + "/solutions/" + e.file;
  }
};

/// What went wrong while loading, as `file:line:col: message` or `file: message`.
struct course_error {
  std::string message;
};

/// Loads the lesson in folder `dir` (its name must be `NN-topic`) from its lesson.json.
std::variant<lesson, course_error> load_lesson(const std::string& dir);

/// Loads every lesson under `root` (the folders named `NN-topic` that hold a lesson.json),
/// in number order. Two lessons with one number are an error.
std::variant<std::vector<lesson>, course_error> load_course(const std::string& root);

/// The kind's name as the manifest writes it: "predict", "make-it-so".
const char* to_string(exercise_kind k);

/// The kind in a learner's words: "predict", "make it so".
const char* kind_words(exercise_kind k);

} // namespace tokenlab::course
