// `tokenlab shell`: the interactive lab. At a terminal, lines are read with libedit (history,
// line editing, tab completion from the session); otherwise standard input is read line by
// line and each entry is echoed after its prompt, so a piped session reads as a transcript
// (and can be tested).

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "language/parser.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#ifdef TOKENLAB_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

namespace tokenlab::cli {

namespace {

#ifdef TOKENLAB_HAVE_LIBEDIT
// libedit's completion callbacks are plain functions: they reach the session through this.
const shell_session* completing = nullptr;
std::vector<std::string> matches;

char* next_match(const char* /*text*/, int state) {
  static std::size_t i = 0;
  if (state == 0)
    i = 0;
  return i < matches.size() ? ::strdup(matches[i++].c_str()) : nullptr;
}

char** complete_here(const char* text, int /*start*/, int end) {
  rl_attempted_completion_over = 1; // no file names when nothing matches
  matches = completing->complete(std::string(rl_line_buffer, static_cast<std::size_t>(end)));
  // A flag that takes a value completes to `-ttl=`: the value follows without a space.
  rl_completion_append_character =
    matches.size() == 1 && !matches.front().empty() && matches.front().back() == '=' ? '\0' : ' ';
  return rl_completion_matches(text, next_match);
}

std::optional<std::string> read_line(const std::string& prompt, bool terminal) {
  if (terminal) {
    char* line = ::readline(prompt.c_str());
    if (line == nullptr)
      return std::nullopt;
    std::string out{line};
    std::free(line);
    if (!out.empty())
      ::add_history(out.c_str());
    return out;
  }
  std::string line;
  if (!std::getline(std::cin, line))
    return std::nullopt;
  return line;
}
#else
std::optional<std::string> read_line(const std::string& prompt, bool terminal) {
  if (terminal)
    std::cout << prompt << std::flush;
  std::string line;
  if (!std::getline(std::cin, line))
    return std::nullopt;
  return line;
}
#endif

} // namespace

int shell(const shell_options& opts) {
  shell_session session{opts.detail, opts.file ? *opts.file : "<shell>"};
  const bool terminal = ::isatty(STDIN_FILENO) != 0 && ::isatty(STDOUT_FILENO) != 0;
  int code = exit_ok;
  if (opts.file) {
    std::string text;
    if (const int error_number = detail::read_whole_file(*opts.file, text); error_number != 0) {
      std::cerr << *opts.file << ": cannot read file: " << detail::read_error_text(error_number)
                << "\n";
      return exit_bad_input;
    }
    const auto r = session.start(text);
    std::cout << r.out;
    std::cerr << r.err;
    if (!r.err.empty())
      return exit_bad_input;
  }
#ifdef TOKENLAB_HAVE_LIBEDIT
  if (terminal) {
    rl_readline_name = "tokenlab";
    rl_basic_word_break_characters = " \t";
    completing = &session;
    rl_attempted_completion_function = complete_here;
  }
#endif
  if (terminal)
    std::cout << "tokenlab shell: type vault commands and lab lines (advance 1h, expect ...), "
                 "one at a time; help lists the rest.\n";
  while (true) {
    const std::string prompt = session.prompt();
    auto line = read_line(prompt, terminal);
    if (!line)
      break;
    if (!terminal)
      std::cout << prompt << *line << "\n";
    std::string entry = *line + "\n";
    if (const auto delimiter = shell_session::heredoc_of(*line)) {
      while (auto more = read_line("... ", terminal)) {
        if (!terminal)
          std::cout << "... " << *more << "\n";
        entry += *more + "\n";
        if (*more == *delimiter)
          break;
      }
    }
    const auto r = session.enter(entry);
    std::cout << r.out << std::flush;
    std::cerr << r.err << std::flush;
    if (!r.err.empty())
      code = exit_bad_input;
    if (r.quit)
      break;
  }
  if (terminal)
    std::cout << "\n";
  // At a terminal a refused line was only a typo; from a script it is an error to report.
  return terminal ? exit_ok : code;
}

} // namespace tokenlab::cli
