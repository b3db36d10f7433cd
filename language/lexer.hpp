#pragma once
// Splitting one scenario line into words, shell-like: whitespace separates words, "..."
// (with \" and \\ escapes) and '...' group and are removed, `#` at the start of a line or
// after whitespace (outside quotes) starts a comment. Every byte of a word remembers the
// column it came from, so that errors can point into the middle of a word (`-ttl=6x`).
//
// Free-text directives (title, source, note) take the rest of the line as one word; there
// an apostrophe is just a character ("it's capped"), and only "..." quotes.
//
// A line may end with a heredoc marker, `<<WORD` (or `<< WORD`, `<<'WORD'`): the lines that
// follow, up to a line that is exactly WORD, are the command's standard input. The lexer
// only recognises the marker and takes it out of the words; the line parser collects the
// lines and decides which steps may read them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::detail {

/// An error inside one line: a 1-based column of that line and a message.
struct line_error {
  int col = 0;
  std::string message;
};

/// One word of a line, unquoted.
struct word {
  std::string text;
  std::vector<int> cols;     ///< 1-based column of each byte of `text`
  std::vector<bool> literal; ///< true where the byte came from '...' (no references there)
  int col = 0;               ///< column of the word's first character (maybe a quote)
  int end_col = 0;           ///< column just past the word
  bool quoted = false;       ///< some part of the word was quoted

  /// Returns the column of byte `i`; past the end, the column after the word (or its
  /// first column when it is empty, like "").
  int col_at(std::size_t i) const {
    return i < cols.size() ? cols[i] : (cols.empty() ? col : end_col);
  }
  /// Tells whether byte `i` is a `$` that starts a reference.
  bool ref_at(std::size_t i) const { return i < text.size() && text[i] == '$' && !literal[i]; }
};

/// A heredoc marker that ends a line: `<<EOF`.
struct heredoc_marker {
  std::string delimiter; ///< "EOF": the line that ends the text
  int col = 0;           ///< column of the `<<`
};

/// A line split into words.
struct lexed_line {
  std::vector<word> words;               ///< without the heredoc marker
  std::optional<heredoc_marker> heredoc; ///< the line ends with `<<WORD`
  std::string text;                      ///< the line without its comment, trimmed
  int first_col = 0;                     ///< column of the first character of `text`
};

/// Splits `line`; free-text directives keep the rest of the line as their second word.
/// On an unterminated quote or a malformed heredoc marker returns nullopt and fills `err`.
std::optional<lexed_line> lex_line(std::string_view line, line_error& err);

/// Quotes `s` as one word when it needs quoting (whitespace, quotes, `#`, backslash).
std::string quote_word(std::string_view s);

/// Always quotes `s` as a scenario string literal: "…" with \" and \\ escaped.
std::string quote_string(std::string_view s);

/// Quotes `s` for a free-text directive when its text would not survive as written.
std::string quote_free_text(std::string_view s);

/// Returns the Levenshtein distance of two short strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Returns the candidate closest to `s` if it is at most 2 edits away, else "".
std::string closest(std::string_view s, const std::vector<std::string_view>& candidates);

} // namespace tokenlab::detail
