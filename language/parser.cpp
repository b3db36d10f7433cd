// The line language's entry points: splitting a file into lines for the line parser, and
// reading scenario files.

#include "language/parser.hpp"

#include "language/line_parser.hpp"
#include "language/parse_context.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tokenlab {

std::string parse_error::render() const {
  if (loc.line <= 0)
    return loc.file + ": " + message;
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) + ": " + message;
}

parse_result parse_scenario_text(std::string_view text, const std::string& file) {
  detail::line_parser parser(file);
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.compare(0, bom.size(), bom) == 0)
    text.remove_prefix(bom.size());
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    ++line_no;
    const detail::col_mapper where = [&file, line_no](int col) {
      return source_loc{file, line_no, col};
    };
    if (auto err = parser.feed(text.substr(start, end - start), where))
      return *err;
    start = end + 1;
  }
  if (auto err = parser.finish())
    return *err;
  return parser.take();
}

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

int detail::read_whole_file(const std::string& path, std::string& out) {
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return errno != 0 ? errno : ENOENT;
  out.clear();
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
    out.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  const int error_number = errno != 0 ? errno : EIO;
  std::fclose(f);
  return failed ? error_number : 0;
}

parse_result load_scenario(const std::string& path) {
  std::string text;
  if (const int error_number = detail::read_whole_file(path, text); error_number != 0)
    return parse_error{source_loc{path, 0, 0},
                       std::string("cannot read file: ") + std::strerror(error_number)};
  if (ends_with(path, ".json"))
    return parse_scenario_json(text, path);
  return parse_scenario_text(text, path);
}

} // namespace tokenlab
