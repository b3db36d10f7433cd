// `tokenlab handout N`: a lesson as one Markdown document for a class: the lesson itself,
// its worked scenario as a story (no step numbers, event numbers or storage lines;
// expectations folded under their steps), and its exercises, with their solutions and
// reasons for the instructor's copy (--solutions).

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/shared.hpp"

#include "course/lesson.hpp"
#include "runner/runner.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <regex>

namespace tokenlab::cli {

namespace {

// Moves every ATX heading of `md` down by `levels` (outside fenced code), so that a report
// sits under a section of the handout.
std::string demote_headings(const std::string& md, std::size_t levels) {
  std::string out;
  std::string fence;
  std::size_t pos = 0;
  while (pos < md.size()) {
    std::size_t end = md.find('\n', pos);
    if (end == std::string::npos)
      end = md.size();
    const std::string line = md.substr(pos, end - pos);
    const std::size_t run = std::min(line.find_first_not_of('`'), line.size());
    const bool fence_line = run >= 3 && (fence.empty() || run >= fence.size());
    if (fence.empty() && !line.empty() && line[0] == '#')
      out += std::string(levels, '#');
    if (fence_line && fence.empty())
      fence = line.substr(0, run);
    else if (fence_line && line.find_first_not_of('`') == std::string::npos)
      fence.clear();
    out += line;
    if (end < md.size())
      out += '\n';
    pos = end + 1;
  }
  return out;
}

std::string read_or_empty(const std::string& path) {
  std::string text;
  return detail::read_whole_file(path, text) == 0 ? text : std::string{};
}

// A handout is read wherever it is printed or saved: the lesson's relative links would point
// at nothing there, so each becomes its text and the file it named, from the repository's
// root: "[Lesson 4](../04-max-ttl/README.md)" -> "Lesson 4 (tutorials/04-max-ttl/README.md)".
std::string unlink(const std::string& md, const std::string& lesson_dir) {
  static const std::regex link{R"(\[([^\]\n]+)\]\(([^)\s]+)\))"};
  std::string out;
  auto last = md.cbegin();
  for (std::sregex_iterator m{md.begin(), md.end(), link}, end; m != end; ++m) {
    out.append(last, (*m)[0].first);
    const std::string target = (*m)[2].str();
    const std::string file = target.substr(0, target.find('#'));
    out += (*m)[1].str();
    if (!file.empty())
      out += " (" + (std::filesystem::path(lesson_dir) / file).lexically_normal().string() + ")";
    last = (*m)[0].second;
  }
  out.append(last, md.cend());
  return out;
}

std::string fenced(const std::string& text) {
  std::string body = text;
  if (!body.empty() && body.back() != '\n')
    body += '\n';
  return "```\n" + body + "```\n";
}

} // namespace

int handout(const handout_options& opts) {
  const auto root = course_root(opts.course);
  if (!root) {
    std::cerr << "tokenlab: no tutorials/ folder here; run tokenlab from the repository's root, "
                 "or give --course DIR\n";
    return exit_bad_input;
  }
  auto loaded = course::load_course(*root);
  if (auto err = std::get_if<course::course_error>(&loaded)) {
    std::cerr << "tokenlab: " << err->message << "\n";
    return exit_bad_input;
  }
  const auto& lessons = std::get<std::vector<course::lesson>>(loaded);
  const course::lesson* l = nullptr;
  for (const auto& candidate : lessons)
    if (candidate.id == opts.which || std::to_string(candidate.number) == opts.which ||
        candidate.id.compare(0, 2, opts.which) == 0)
      l = &candidate;
  if (l == nullptr) {
    std::cerr << "tokenlab: no lesson \"" << opts.which << "\" (tokenlab lesson lists them)\n";
    return exit_bad_input;
  }
  auto worked = load_all({l->worked()});
  if (!worked)
    return exit_bad_input;
  std::string out = unlink(read_or_empty(l->readme()), l->dir);
  out += "\n---\n\n## The worked scenario, step by step\n\n`" + l->worked() +
         "`, replayed by tokenlab (`./lab run " + l->worked() + " --detail story`).\n\n";
  out += demote_headings(render_markdown(run_all(*worked), report_detail::story), 2);
  out += "\n## Exercises\n\n";
  for (std::size_t i = 0; i < l->exercises.size(); ++i) {
    const auto& e = l->exercises[i];
    const std::string path = l->exercise_path(e);
    out += "### Exercise " + std::to_string(i + 1) + " (" + course::to_string(e.kind) + ")\n\n";
    out += fenced(read_or_empty(path)) + "\n";
    out += "Check it with `./lab check " + path + "`; `./lab hint " + path +
           "` gives one hint at a time.\n\n";
    if (!opts.solutions)
      continue;
    out += "#### Solution\n\n" + fenced(read_or_empty(l->solution_path(e))) + "\n";
    if (!e.explain.empty())
      out += "Why: " + e.explain + "\n\n";
  }
  return emit(out, opts.output) ? exit_ok : exit_bad_input;
}

} // namespace tokenlab::cli
