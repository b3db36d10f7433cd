#pragma once
// A learner's progress through the course: the exercises solved, the hints shown, the
// lessons opened. It lives in a small JSON file in the learner's working directory,
// `.tokenlab-progress` (or where TOKENLAB_PROGRESS points), never in the course itself, so
// that a class can share one checkout and each learner keeps their own state. Keys are
// `NN-topic/exercise-N.vlab`, whatever path the learner used to reach the file.

#include "course/lesson.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace tokenlab::course {

struct progress {
  std::set<std::string> solved;         ///< exercise keys
  std::map<std::string, int> hints;     ///< exercise key -> hints shown so far
  std::set<std::string> opened;         ///< lesson ids whose lesson was shown

  bool is_solved(const lesson& l, const exercise_spec& e) const;
  /// The number of exercises of `l` solved.
  std::size_t solved_in(const lesson& l) const;
};

/// The key of exercise `e` of lesson `l`: "03-ttl-and-renewal/exercise-1.vlab".
std::string exercise_key(const lesson& l, const exercise_spec& e);

/// Where progress is kept: $TOKENLAB_PROGRESS, or .tokenlab-progress in the working directory.
std::string progress_path();

/// Reads progress from the text of a progress file (`file` names it in errors); nullopt and
/// `error` (`file: …`) when it is not one. An empty text is a fresh start.
std::optional<progress> parse_progress(const std::string& text, const std::string& file,
                                       std::string& error);

/// The text of a progress file: JSON, keys sorted, ending in a newline.
std::string progress_text(const progress& p);

/// The first exercise, in course order, that is not solved; nullopt when all are.
struct course_position {
  const lesson* at = nullptr;
  const exercise_spec* exercise = nullptr;
};
std::optional<course_position> next_exercise(const std::vector<lesson>& course,
                                             const progress& p);

} // namespace tokenlab::course
