#include "language/lexer.hpp"

#include <algorithm>
#include <numeric>

namespace tokenlab::detail {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool is_free_text_directive(const word& w) {
  return !w.quoted && (w.text == "title" || w.text == "source" || w.text == "note");
}

void push(word& w, char c, std::size_t index, bool literal) {
  w.text += c;
  w.cols.push_back(static_cast<int>(index) + 1);
  w.literal.push_back(literal);
}

std::string unterminated(char quote) {
  const std::string q(1, quote);
  return "unterminated quote: this " + q + " has no closing " + q +
         (quote == '"' ? " (write \\\" for a quote inside a quoted word)"
                       : " (inside double quotes an apostrophe is just a character)");
}

// Reads a quoted part starting at the quote `line[i]`; appends its bytes to `w`.
bool read_quoted(std::string_view line, std::size_t& i, word& w, line_error& err) {
  const char quote = line[i];
  const std::size_t open = i++;
  w.quoted = true;
  while (i < line.size()) {
    const char c = line[i];
    if (c == quote) {
      ++i;
      return true;
    }
    const bool escape = quote == '"' && c == '\\' && i + 1 < line.size() &&
                        (line[i + 1] == '"' || line[i + 1] == '\\');
    if (escape)
      ++i;
    push(w, line[i], i, quote == '\'');
    ++i;
  }
  err = {static_cast<int>(open) + 1, unterminated(quote)};
  return false;
}

bool read_word(std::string_view line, std::size_t& i, word& w, line_error& err) {
  w.col = static_cast<int>(i) + 1;
  while (i < line.size() && !is_space(line[i])) {
    if (line[i] == '"' || line[i] == '\'') {
      if (!read_quoted(line, i, w, err))
        return false;
    } else {
      push(w, line[i], i, false);
      ++i;
    }
  }
  w.end_col = static_cast<int>(i) + 1;
  return true;
}

// Finds where free text ends: at a `#` after whitespace outside "...", or at the line end.
// Text that opens with ' and closes it again is quoted up to that close.
bool free_text_end(std::string_view line, std::size_t start, std::size_t& end, line_error& err) {
  bool in_quotes = false;
  std::size_t open = 0;
  std::size_t j = start;
  if (line[start] == '\'' && line.find('\'', start + 1) != std::string_view::npos)
    j = line.find('\'', start + 1);
  for (; j < line.size(); ++j) {
    const char c = line[j];
    if (in_quotes) {
      if (c == '\\' && j + 1 < line.size())
        ++j;
      else if (c == '"')
        in_quotes = false;
    } else if (c == '"') {
      in_quotes = true;
      open = j;
    } else if (c == '#' && j > start && is_space(line[j - 1])) {
      break;
    }
  }
  if (in_quotes) {
    err = {static_cast<int>(open) + 1, unterminated('"')};
    return false;
  }
  end = j;
  while (end > start && is_space(line[end - 1]))
    --end;
  return true;
}

// Tells whether `raw` is exactly one "..." string (its first closing quote is its last byte).
bool one_quoted_string(std::string_view raw) {
  if (raw.size() < 2 || raw.front() != '"')
    return false;
  for (std::size_t j = 1; j < raw.size(); ++j) {
    if (raw[j] == '\\' && j + 1 < raw.size())
      ++j;
    else if (raw[j] == '"')
      return j == raw.size() - 1;
  }
  return false;
}

word free_text_word(std::string_view line, std::size_t start, std::size_t end) {
  word w;
  w.col = static_cast<int>(start) + 1;
  w.end_col = static_cast<int>(end) + 1;
  const std::string_view raw = line.substr(start, end - start);
  if (one_quoted_string(raw)) {
    std::size_t i = start;
    line_error ignored;
    read_quoted(line.substr(0, end), i, w, ignored);
  } else if (raw.size() >= 2 && raw.front() == '\'' && raw.back() == '\'') {
    w.quoted = true;
    for (std::size_t i = start + 1; i + 1 < end; ++i)
      push(w, line[i], i, true);
  } else {
    for (std::size_t i = start; i < end; ++i)
      push(w, line[i], i, true);
  }
  return w;
}

// Tells whether the word read from `line` starts with an unquoted `<<`.
bool is_heredoc_marker(std::string_view line, const word& w) {
  return line.compare(static_cast<std::size_t>(w.col - 1), 2, "<<") == 0;
}

bool is_delimiter(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Reads the marker `<<WORD` or `<< WORD` that starts with `w`; nothing may follow it.
bool read_heredoc(std::string_view line, std::size_t& i, const word& w, lexed_line& out,
                  line_error& err) {
  heredoc_marker marker{w.text.substr(2), w.col};
  int delimiter_col = w.col_at(2);
  const auto skip_space = [&] {
    while (i < line.size() && is_space(line[i]))
      ++i;
  };
  skip_space();
  if (marker.delimiter.empty() && i < line.size() && line[i] != '#') {
    word next;
    if (!read_word(line, i, next, err))
      return false;
    marker.delimiter = next.text;
    delimiter_col = next.col;
    skip_space();
  }
  if (!is_delimiter(marker.delimiter)) {
    err = {delimiter_col, marker.delimiter.empty()
                            ? "<< needs the word that ends the text, e.g. <<EOF"
                            : "the heredoc word \"" + marker.delimiter +
                                "\" must be letters, digits or _, e.g. <<EOF"};
    return false;
  }
  if (i < line.size() && line[i] != '#') {
    word next;
    if (!read_word(line, i, next, err))
      return false;
    err = {next.col, is_heredoc_marker(line, next)
                       ? "a line can have only one heredoc"
                       : "the heredoc <<" + marker.delimiter + " must end the line; move \"" +
                           next.text + "\" before it"};
    return false;
  }
  out.heredoc = std::move(marker);
  return true;
}

} // namespace

std::optional<lexed_line> lex_line(std::string_view line, line_error& err) {
  lexed_line out;
  std::size_t i = 0;
  std::size_t text_end = 0;
  for (;;) {
    while (i < line.size() && is_space(line[i]))
      ++i;
    if (i >= line.size() || line[i] == '#')
      break;
    if (out.words.size() == 1 && is_free_text_directive(out.words[0])) {
      if (!free_text_end(line, i, text_end, err))
        return std::nullopt;
      out.words.push_back(free_text_word(line, i, text_end));
      break;
    }
    word w;
    if (!read_word(line, i, w, err))
      return std::nullopt;
    text_end = i;
    if (is_heredoc_marker(line, w)) {
      if (!read_heredoc(line, i, w, out, err))
        return std::nullopt;
      text_end = i;
      while (text_end > 0 && is_space(line[text_end - 1]))
        --text_end;
      break;
    }
    out.words.push_back(std::move(w));
  }
  if (!out.words.empty() || out.heredoc) {
    out.first_col = out.words.empty() ? out.heredoc->col : out.words.front().col;
    const auto start = static_cast<std::size_t>(out.first_col - 1);
    out.text = std::string(line.substr(start, text_end - start));
  }
  return out;
}

std::string quote_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + '"';
}

std::string quote_word(std::string_view s) {
  const bool plain = !s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
    return is_space(c) || c == '"' || c == '\'' || c == '\\' || c == '#';
  });
  return plain ? std::string(s) : quote_string(s);
}

std::string quote_free_text(std::string_view s) {
  const bool plain = !s.empty() && !is_space(s.front()) && !is_space(s.back()) &&
                     s.find_first_of("\"#") == std::string_view::npos &&
                     !(s.size() >= 2 && s.front() == '\'' && s.back() == '\'');
  return plain ? std::string(s) : quote_string(s);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest(std::string_view s, const std::vector<std::string_view>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const auto candidate : candidates) {
    const std::size_t d = edit_distance(s, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

} // namespace tokenlab::detail
