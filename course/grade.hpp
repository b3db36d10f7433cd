#pragma once
// The grader: `tokenlab check EXERCISE` runs the learner's exercise file and says, in words
// a learner can act on, whether it is solved.
//
// * predict: every expectation is a prediction. A `?` still in place is "not answered yet"
//   (with the kind of value to write); an answer is right or wrong, and either way the
//   grader shows the lab's reason: the `why` line of the TTL arithmetic behind the value,
//   or the event that ended the token. Solved when every prediction is answered and right.
// * make it so: the setup and the graded part must be as the exercise ships them (compared
//   with its solution), the learner's steps may not use the commands the manifest forbids,
//   and every graded expectation must hold.
//
// A file that no longer parses is bad input (its `file:line:col` error, and a word on
// whether the learner's steps broke the graded part). A solution file (solutions/…) is
// graded as its exercise; the caller decides not to record it as the learner's progress.

#include "course/lesson.hpp"

#include <string>

namespace tokenlab::course {

enum class grade_status { solved, not_solved, bad_input, internal_error };

struct grade_result {
  grade_status status = grade_status::not_solved;
  std::string text; ///< what the grader prints, lines ending in '\n'
};

/// Grades the file at `path`, the exercise `spec` of lesson `l` (or its solution).
grade_result grade_exercise(const lesson& l, const exercise_spec& spec, const std::string& path);

} // namespace tokenlab::course
