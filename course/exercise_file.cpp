#include "course/exercise_file.hpp"

#include <algorithm>

namespace tokenlab::course {

exercise_text split_exercise(std::string_view text) {
  exercise_text out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    std::string line{text.substr(pos, end - pos)};
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.pop_back();
    out.lines.push_back(std::move(line));
    const int number = static_cast<int>(out.lines.size());
    if (out.lines.back() == yours_marker && out.yours == 0)
      out.yours = number;
    else if (out.lines.back() == graded_marker && out.graded == 0)
      out.graded = number;
    pos = end + 1;
  }
  // Blank lines at the end are nobody's edit.
  while (!out.lines.empty() && out.lines.back().empty() &&
         static_cast<int>(out.lines.size()) > std::max(out.yours, out.graded))
    out.lines.pop_back();
  return out;
}

namespace {

// Compares learner lines [a_from, a_to) with solution lines [b_from, b_to) (0-based).
std::optional<locked_change> compare(const exercise_text& a, std::size_t a_from, std::size_t a_to,
                                     const exercise_text& b, std::size_t b_from,
                                     std::size_t b_to) {
  for (std::size_t i = 0;; ++i) {
    const bool a_done = a_from + i >= a_to;
    const bool b_done = b_from + i >= b_to;
    if (a_done && b_done)
      return std::nullopt;
    const std::string found = a_done ? std::string{} : a.lines[a_from + i];
    const std::string expected = b_done ? std::string{} : b.lines[b_from + i];
    if (a_done || b_done || found != expected)
      return locked_change{static_cast<int>(a_from + i + 1), expected, found};
  }
}

} // namespace

std::optional<locked_change> changed_locked_line(const exercise_text& learner,
                                                 const exercise_text& solution) {
  auto to = [](int marker) { return static_cast<std::size_t>(marker - 1); };
  if (auto c = compare(learner, 0, to(learner.yours), solution, 0, to(solution.yours)))
    return c;
  return compare(learner, static_cast<std::size_t>(learner.graded), learner.lines.size(), solution,
                 static_cast<std::size_t>(solution.graded), solution.lines.size());
}

} // namespace tokenlab::course
