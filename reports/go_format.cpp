#include "reports/go_format.hpp"

#include "model/go_text.hpp"

#include "clock/duration.hpp"

#include <cstdint>
#include <limits>

namespace tokenlab::go {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

// utf8.RuneCountInString for valid UTF-8: every byte that is not a continuation byte.
std::size_t rune_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80)
      ++n;
  return n;
}

// command/base_helpers.go: maxLineLength = 78.
constexpr std::size_t max_line_length = 78;

} // namespace

std::vector<std::string> wrap(std::string_view text, std::size_t limit) {
  // bytes.Split(bytes.Replace(bytes.TrimSpace(b), "\n", " "), " "): consecutive spaces
  // make empty words, exactly as in Go.
  std::vector<std::string> words{std::string{}};
  for (char c : trim(text)) {
    if (c == ' ' || c == '\n')
      words.emplace_back();
    else
      words.back() += c;
  }
  const std::size_t n = words.size();
  std::vector<std::int64_t> width(n);
  for (std::size_t i = 0; i < n; ++i)
    width[i] = static_cast<std::int64_t>(rune_count(words[i]));
  // length(i, j): runes of words i..j joined by single spaces.
  auto length = [&](std::size_t i, std::size_t j) {
    std::int64_t len = 0;
    for (std::size_t k = i; k <= j; ++k)
      len += width[k] + (k > i ? 1 : 0);
    return len;
  };
  const auto lim = static_cast<std::int64_t>(limit);
  constexpr std::int64_t penalty = 100000; // kr/text defaultPenalty * width(" ")
  std::vector<std::size_t> next_break(n, n);
  std::vector<std::int64_t> cost(n, std::numeric_limits<std::int32_t>::max());
  for (std::size_t step = n; step-- > 0;) {
    const std::size_t i = step;
    if (length(i, n - 1) <= lim || i == n - 1) {
      cost[i] = 0;
      next_break[i] = n;
      continue;
    }
    for (std::size_t j = i + 1; j < n; ++j) {
      const std::int64_t len = length(i, j - 1);
      const std::int64_t d = lim - len;
      std::int64_t c = d * d + cost[j];
      if (len > lim)
        c += penalty;
      if (c < cost[i]) {
        cost[i] = c;
        next_break[i] = j;
      }
    }
  }
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < n; i = next_break[i]) {
    std::string line;
    for (std::size_t k = i; k < next_break[i]; ++k) {
      if (k > i)
        line += ' ';
      line += words[k];
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string wrap_at_length_with_padding(std::string_view text, std::size_t pad) {
  std::string out;
  const std::string padding(pad, ' ');
  bool first = true;
  for (const auto& line : wrap(text, max_line_length - pad)) {
    if (!first)
      out += '\n';
    first = false;
    out += padding;
    out += line;
  }
  return out;
}

std::string table(const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty())
    return {};
  // Every cell trimmed, empty ones as `n/a`; the header's underline of dashes.
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (const auto& cell : row) {
      std::string text{trim(cell)};
      line.push_back(text.empty() ? "n/a" : text);
    }
    cells.push_back(std::move(line));
    if (cells.size() == 1) {
      std::vector<std::string> dashes;
      for (const auto& header : cells.front())
        dashes.emplace_back(header.size(), '-');
      cells.push_back(std::move(dashes));
    }
  }
  std::vector<std::size_t> widest;
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (widest.size() <= i)
        widest.push_back(0);
      widest[i] = std::max(widest[i], rune_count(line[i]));
    }
  std::string out;
  for (const auto& line : cells) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      out += line[i];
      if (i + 1 < line.size())
        out.append(widest[i] - rune_count(line[i]) + 4, ' ');
    }
    out += '\n';
  }
  return out;
}

std::string key_value_table(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  cells.push_back({"Key", "Value"});
  for (const auto& [k, v] : rows)
    cells.push_back({k, v});
  return table(cells);
}

std::string quote_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += ' ';
    out += go_quote(items[i]);
  }
  out += ']';
  return out;
}

std::string format_value(const field_value& v) {
  struct visitor {
    std::string operator()(std::monostate) const { return "<nil>"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::string>& list) const {
      std::string out = "[";
      for (std::size_t i = 0; i < list.size(); ++i)
        out += (i > 0 ? " " : "") + list[i];
      return out + "]";
    }
    std::string operator()(const std::map<std::string, std::string>& m) const {
      std::string out = "map[";
      bool first = true;
      for (const auto& [k, val] : m) {
        out += (first ? "" : " ") + k + ":" + val;
        first = false;
      }
      return out + "]";
    }
    std::string operator()(const field_object& o) const {
      std::string out = "map[";
      bool first = true;
      for (const auto& [k, val] : o.get()) {
        out += (first ? "" : " ") + k + ":" + std::visit(*this, val);
        first = false;
      }
      return out + "]";
    }
    std::string operator()(const field_list& l) const {
      std::string out = "[";
      bool first = true;
      for (const auto& item : l.get()) {
        out += (first ? "" : " ") + std::visit(*this, item);
        first = false;
      }
      return out + "]";
    }
  };
  return std::visit(visitor{}, v);
}

bool looks_like_duration(std::string_view k) {
  auto ends_with = [k](std::string_view suffix) {
    return k.size() >= suffix.size() && k.substr(k.size() - suffix.size()) == suffix;
  };
  return k == "period" || ends_with("_period") || k == "ttl" || ends_with("_ttl") ||
         k == "duration" || ends_with("_duration") || k == "lease_max" || k == "ttl_max";
}

std::string human_duration_seconds(std::int64_t seconds) {
  return format_duration(secs(seconds));
}

std::string html_escape_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace tokenlab::go
