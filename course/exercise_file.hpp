#pragma once
// The parts of a "make it so" exercise file. Two comment lines split it:
//
//   …setup: the situation, given…
//   # ---- your steps go here ----
//   …the learner's steps…
//   # ---- graded: do not edit below this line ----
//   …the graded part: time steps and expectations…
//
// The setup and the graded part are the exercise: the grader compares them with the
// solution's, line by line, so that a learner cannot pass by changing the situation or the
// test. Only the lines between the markers are the learner's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::course {

inline constexpr std::string_view yours_marker = "# ---- your steps go here ----";
inline constexpr std::string_view graded_marker = "# ---- graded: do not edit below this line ----";

/// An exercise file cut at its markers. Lines are numbered from 1; a marker's number is 0
/// when the file has none.
struct exercise_text {
  std::vector<std::string> lines; ///< without line ends or trailing spaces
  int yours = 0;                  ///< the line of yours_marker
  int graded = 0;                 ///< the line of graded_marker

  /// Whether `line` is the learner's to edit (between the markers).
  bool learners(int line) const { return line > yours && line < graded; }
};

/// Splits `text` into lines and finds the markers.
exercise_text split_exercise(std::string_view text);

/// A locked line (setup or graded part) that differs from the solution's.
struct locked_change {
  int line = 0;         ///< in the learner's file
  std::string expected; ///< the exercise's line ("" when the learner's file has a line too many)
  std::string found;    ///< the learner's line ("" when it is missing)
};

/// The first locked line of `learner` that is not as in `solution`; nullopt when the setup
/// and the graded part are intact. Both files must have both markers.
std::optional<locked_change> changed_locked_line(const exercise_text& learner,
                                                 const exercise_text& solution);

} // namespace tokenlab::course
