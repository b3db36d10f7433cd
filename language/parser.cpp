// The line language's entry points: splitting a file into lines for the line parser, and
// reading scenario files.

#include "language/parser.hpp"

#include "language/line_parser.hpp"
#include "language/parse_context.hpp"
#include "model/go_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

namespace tokenlab {

std::string parse_error::render() const {
  if (loc.line <= 0)
    return printable(loc.file + ": " + message);
  return printable(loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                   ": " + message);
}

parse_result parse_scenario_text(std::string_view text, const std::string& file) {
  detail::line_parser parser(file);
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.compare(0, bom.size(), bom) == 0)
    text.remove_prefix(bom.size());
  int line_no = 0;
  std::size_t start = 0;
  // A line ends at LF, CRLF or a lone CR (an old Mac file, which would otherwise be one line).
  while (start < text.size()) {
    const std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
    const std::size_t next =
      end + (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
    ++line_no;
    const detail::col_mapper where = [&file, line_no](int col) {
      return source_loc{file, line_no, col};
    };
    if (auto err = parser.feed(text.substr(start, end - start), where))
      return *err;
    start = next;
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

int detail::read_stream(std::FILE* f, std::string& out) {
  out.clear();
  char buffer[65536];
  std::size_t n = 0;
  errno = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (out.size() + n > max_file_size) // a file that grew since its stat, or a long pipe
      return file_too_large;
    out.append(buffer, n);
  }
  if (std::ferror(f) != 0)
    return errno != 0 ? errno : EIO;
  return 0;
}

int detail::read_whole_file(const std::string& path, std::string& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return errno;
  if (!S_ISREG(st.st_mode))
    return file_not_regular;
  if (static_cast<std::uintmax_t>(st.st_size) > max_file_size)
    return file_too_large;
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return errno != 0 ? errno : ENOENT;
  const int code = read_stream(f, out);
  std::fclose(f);
  return code;
}

std::string detail::read_error_text(int code) {
  switch (code) {
    case file_not_regular: return "not a regular file";
    case file_too_large:
      return "larger than " + std::to_string(max_file_size >> 20) +
             " MiB, the most tokenlab reads";
    default: return std::strerror(code);
  }
}

std::optional<parse_error> check_budget(const scenario& sc, const fleet_budget& budget) {
  for (const auto& st : sc.steps) {
    const auto* f = std::get_if<fleet_step>(&st.body);
    if (f == nullptr)
      continue;
    if (f->params.clients > budget.clients)
      return parse_error{st.loc, "this fleet has " + std::to_string(f->params.clients) +
                                   " clients, more than the " + std::to_string(budget.clients) +
                                   " a run allows (each keeps a token and a lease in memory); "
                                   "raise the limit with --max-clients"};
    const auto events = estimated_events(f->params);
    if (events > budget.events)
      return parse_error{st.loc, "this fleet makes about " + std::to_string(events) +
                                   " events (clients x (until/tick + 2 x until/lifetime + 2)), "
                                   "more than the " + std::to_string(budget.events) +
                                   " a run allows; raise the limit with --max-events, or "
                                   "shorten until or lengthen tick"};
  }
  return std::nullopt;
}

parse_result load_scenario(const std::string& path) {
  std::string text;
  if (const int error_number = detail::read_whole_file(path, text); error_number != 0)
    return parse_error{source_loc{path, 0, 0},
                       "cannot read file: " + detail::read_error_text(error_number)};
  if (ends_with(path, ".json"))
    return parse_scenario_json(text, path);
  return parse_scenario_text(text, path);
}

parse_result load_scenario_stream(std::FILE* f, const std::string& name) {
  std::string text;
  if (const int error_number = detail::read_stream(f, text); error_number != 0)
    return parse_error{source_loc{name, 0, 0},
                       "cannot read: " + detail::read_error_text(error_number)};
  // The line language never starts with a brace, so a brace says which form this is.
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{')
    return parse_scenario_json(text, name);
  return parse_scenario_text(text, name);
}

} // namespace tokenlab
