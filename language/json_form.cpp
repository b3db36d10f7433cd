// The JSON form of a scenario. Each header field and each step is turned into its line of
// the line language and fed to the same line parser, so both forms mean the same; a column
// map sends every error back to the place in the JSON text it came from. A vault step's
// "stdin" is the heredoc the line language would have: its line ends with `<<EOF`, and the
// text comes with the line instead of in the lines after it.

#include "language/json_positions.hpp"
#include "language/line_parser.hpp"
#include "language/parse_context.hpp"
#include "language/parser.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tokenlab {

namespace {

using detail::in_quotes;
using detail::json_pos;
using nlohmann::json;
using error = std::optional<parse_error>;

/// How a JSON string becomes part of a line: as it is (line language), as one word, or
/// as the free text of title, source and note; time steps and seeds also take integers.
enum class form { verbatim, word, number_or_word, free_text };

/// A line under construction, remembering where each part of it came from.
class line_builder {
public:
  /// Appends `text`, all of it located at byte `offset` of the JSON text.
  line_builder& put(std::string_view text, std::size_t offset) {
    parts_.push_back({static_cast<int>(text_.size()) + 1, offset, {}});
    text_ += text;
    return *this;
  }

  /// Appends the decoded string whose literal opens at `open`, byte for byte located.
  line_builder& put_literal(std::string_view decoded, std::size_t open, std::string_view source) {
    parts_.push_back(
      {static_cast<int>(text_.size()) + 1, open, detail::string_offsets(source, open)});
    text_ += decoded;
    return *this;
  }

  /// Appends a JSON string value in the given form; quoted text is located at its start.
  line_builder& put_value(const std::string& s, std::size_t open, std::string_view source,
                          form how) {
    const std::string q = how == form::verbatim    ? s
                          : how == form::free_text ? detail::quote_free_text(s)
                                                   : detail::quote_word(s);
    return q == s ? put_literal(s, open, source) : put(q, open);
  }

  const std::string& text() const { return text_; }

  source_loc locate(int col, const detail::line_index& index) const {
    auto it = std::find_if(parts_.rbegin(), parts_.rend(),
                           [col](const part& p) { return p.first_col <= col; });
    if (it == parts_.rend())
      return index.at(parts_.empty() ? 0 : parts_.front().offset);
    if (it->raw.empty())
      return index.at(it->offset);
    const auto i = std::min(static_cast<std::size_t>(col - it->first_col), it->raw.size() - 1);
    return index.at(it->raw[i]);
  }

private:
  struct part {
    int first_col;
    std::size_t offset;
    std::vector<std::size_t> raw; ///< per decoded byte; empty: the whole part is at `offset`
  };
  std::string text_;
  std::vector<part> parts_;
};

std::string number_text(const json& v) {
  return v.is_number_unsigned() ? std::to_string(v.get<std::uint64_t>())
                                : std::to_string(v.get<std::int64_t>());
}

// Element `i` of an array's positions (the scan and nlohmann agree on valid JSON).
const json_pos& element(const json_pos& array, std::size_t i) {
  return i < array.elements.size() ? array.elements[i] : array;
}

// Members of an object in the order they are written.
std::vector<std::pair<std::string, const json_pos*>> in_text_order(const json_pos& pos) {
  std::vector<std::pair<std::string, const json_pos*>> out;
  for (const auto& [key, member] : pos.members)
    out.emplace_back(key, &member);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second->key_start < b.second->key_start; });
  return out;
}

// A heredoc word that no line of `text` equals: EOF, else EOF1, EOF2, ...
std::string heredoc_delimiter(const std::string& text) {
  const auto has_line = [&text](const std::string& d) {
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      if (text.compare(start, end - start, d) == 0)
        return true;
      start = end + 1;
    }
    return false;
  };
  std::string d = "EOF";
  for (int n = 1; has_line(d); ++n)
    d = "EOF" + std::to_string(n);
  return d;
}

form kind_form(const std::string& kind) {
  if (kind == "note")
    return form::free_text;
  return kind == "expect" ? form::verbatim : form::number_or_word;
}

class json_reader {
public:
  json_reader(std::string_view text, const std::string& file)
    : text_(text)
    , index_(text, file)
    , parser_(file, false) {}

  parse_result read();

private:
  parse_error at(std::size_t offset, std::string message) const {
    return parse_error{index_.at(offset), std::move(message)};
  }
  parse_error syntax_error(const json::parse_error& e) const;
  error check_keys(const json_pos& pos, const std::vector<std::string_view>& allowed,
                   std::string_view where) const;
  error one_line(const json& v, const json_pos& pos, std::string_view what) const;
  error feed(const line_builder& line, const std::optional<source_loc>& step_loc = std::nullopt,
             const std::string* stdin_text = nullptr);
  error feed_value(std::string_view directive, const json& v, const json_pos& pos, form how,
                   const std::optional<source_loc>& step_loc = std::nullopt);
  error header(const json& doc, const json_pos& pos);
  error cluster(const json& v, const json_pos& pos);
  error config(const json& v, const json_pos& pos);
  error step(const json& v, const json_pos& pos);
  error object_step(const json& v, const json_pos& pos);

  std::string_view text_;
  detail::line_index index_;
  detail::line_parser parser_;
};

parse_error json_reader::syntax_error(const json::parse_error& e) const {
  const std::size_t offset = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text_.size());
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …"
  const std::string what = e.what();
  const std::size_t head = what.find("parse error");
  const std::size_t colon = what.find(": ", head == std::string::npos ? 0 : head);
  return at(offset,
            "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
}

error json_reader::check_keys(const json_pos& pos, const std::vector<std::string_view>& allowed,
                              std::string_view where) const {
  for (const auto& [key, member] : in_text_order(pos)) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
      continue;
    const std::string near = detail::closest(key, allowed);
    return at(member->key_start,
              "unknown key " + in_quotes(key) +
                (near.empty() ? "" : " (did you mean " + in_quotes(near) + "?)") + "; " +
                std::string(where));
  }
  return std::nullopt;
}

error json_reader::one_line(const json& v, const json_pos& pos, std::string_view what) const {
  if (!v.is_string())
    return at(pos.start, std::string(what) + " must be a string");
  if (v.get_ref<const std::string&>().find_first_of("\r\n") != std::string::npos)
    return at(pos.start, std::string(what) + " is one line, but this string contains a line break");
  return std::nullopt;
}

error json_reader::feed(const line_builder& line, const std::optional<source_loc>& step_loc,
                        const std::string* stdin_text) {
  const detail::col_mapper where = [&](int col) { return line.locate(col, index_); };
  return parser_.feed(line.text(), where, step_loc, stdin_text);
}

// Feeds `directive VALUE`, the value written the way `how` says.
error json_reader::feed_value(std::string_view directive, const json& v, const json_pos& pos,
                              form how, const std::optional<source_loc>& step_loc) {
  line_builder line;
  line.put(std::string(directive) + " ", pos.start);
  if (how == form::number_or_word && v.is_number_integer()) {
    line.put(number_text(v), pos.start);
  } else {
    if (auto err = one_line(v, pos, in_quotes(directive)))
      return err;
    line.put_value(v.get_ref<const std::string&>(), pos.start, text_, how);
  }
  return feed(line, step_loc);
}

error json_reader::config(const json& v, const json_pos& pos) {
  if (!v.is_object())
    return at(pos.start, "\"config\" must be an object like {\"max_lease_ttl\": \"10h\"}");
  line_builder line;
  line.put("config", pos.start);
  for (const auto& [key, member] : in_text_order(pos)) {
    const json& value = v.at(key);
    if (!value.is_string() && !value.is_number_integer())
      return at(member->start, "config values are durations like \"10h\" (or seconds)");
    const std::string text = value.is_string() ? value.get<std::string>() : number_text(value);
    line.put(" ", member->key_start).put(detail::quote_word(key + "=" + text), member->key_start);
  }
  return feed(line);
}

error json_reader::header(const json& doc, const json_pos& pos) {
  if (const auto it = doc.find("title"); it != doc.end())
    if (auto err = feed_value("title", *it, pos.members.at("title"), form::free_text))
      return err;
  if (const auto it = doc.find("sources"); it != doc.end()) {
    const json_pos& p = pos.members.at("sources");
    if (!it->is_array())
      return at(p.start, "\"sources\" must be an array of strings");
    for (std::size_t i = 0; i < it->size(); ++i)
      if (auto err = feed_value("source", (*it)[i], element(p, i), form::free_text))
        return err;
  }
  if (const auto it = doc.find("seed"); it != doc.end()) {
    const json_pos& p = pos.members.at("seed");
    if (!it->is_number_integer() && !it->is_string())
      return at(p.start, "\"seed\" must be a whole number");
    if (auto err = feed_value("seed", *it, p, form::number_or_word))
      return err;
  }
  if (const auto it = doc.find("epoch"); it != doc.end())
    if (auto err = feed_value("epoch", *it, pos.members.at("epoch"), form::word))
      return err;
  if (const auto it = doc.find("config"); it != doc.end())
    if (auto err = config(*it, pos.members.at("config")))
      return err;
  if (const auto it = doc.find("github"); it != doc.end()) {
    const json_pos& p = pos.members.at("github");
    if (!it->is_array())
      return at(p.start, "\"github\" must be an array of strings like \"org=acme\" or "
                         "\"user=alice token=ghp_alice orgs=acme\"");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json_pos& e = element(p, i);
      if (!(*it)[i].is_string())
        return at(e.start, "each \"github\" entry is a string like \"org=acme\"");
      if (auto err = one_line((*it)[i], e, "a github entry"))
        return err;
      line_builder line;
      line.put("github ", e.start);
      line.put_literal((*it)[i].get_ref<const std::string&>(), e.start, text_);
      if (auto err = feed(line))
        return err;
    }
  }
  if (const auto it = doc.find("cluster"); it != doc.end())
    return cluster(*it, pos.members.at("cluster"));
  return std::nullopt;
}

error json_reader::cluster(const json& v, const json_pos& pos) {
  if (!v.is_object())
    return at(pos.start,
              "\"cluster\" must be an object like {\"standbys\": 2, \"secondary\": true}");
  line_builder line;
  line.put("cluster", pos.start);
  for (const auto& [key, member] : in_text_order(pos)) {
    const json& value = v.at(key);
    std::string text;
    if (value.is_boolean())
      text = value.get<bool>() ? "true" : "false";
    else if (value.is_number_integer())
      text = number_text(value);
    else if (value.is_string())
      text = value.get<std::string>();
    else
      return at(member->start, "cluster values are a number (standbys) or true/false (secondary)");
    line.put(" ", member->key_start).put(detail::quote_word(key + "=" + text), member->key_start);
  }
  return feed(line);
}

error json_reader::object_step(const json& v, const json_pos& pos) {
  if (auto err = check_keys(
        pos, {"vault", "name", "token", "node", "stdin", "advance", "at", "note", "expect"},
        "a step object has one of vault, advance, at, note or expect "
        "(a vault step may add name, token, node and stdin)"))
    return err;
  std::vector<std::string> kinds;
  for (const char* k : {"vault", "advance", "at", "note", "expect"})
    if (v.contains(k))
      kinds.emplace_back(k);
  if (kinds.size() != 1)
    return at(pos.start, "a step object has exactly one of \"vault\", \"advance\", \"at\", "
                         "\"note\" or \"expect\"; this one has " +
                           (kinds.empty() ? std::string("none")
                                          : in_quotes(kinds[0]) + " and " + in_quotes(kinds[1])));
  const std::string& kind = kinds[0];
  for (const char* extra : {"name", "token", "node", "stdin"})
    if (kind != "vault" && v.contains(extra))
      return at(pos.members.at(extra).key_start,
                in_quotes(extra) + " belongs to a \"vault\" step, not to " + in_quotes(kind));
  const json_pos& main = pos.members.at(kind);
  if (kind != "vault")
    return feed_value(kind, v.at(kind), main, kind_form(kind), index_.at(pos.start));
  for (const char* k : {"vault", "name", "token", "node"})
    if (v.contains(k))
      if (auto err = one_line(v.at(k), pos.members.at(k), in_quotes(k)))
        return err;
  line_builder line;
  if (v.contains("node")) {
    const std::size_t at_node = pos.members.at("node").start;
    line.put("VAULT_ADDR=", at_node)
      .put_value(v.at("node").get_ref<const std::string&>(), at_node, text_, form::word)
      .put(" ", at_node);
  }
  if (v.contains("token")) {
    const std::size_t at_token = pos.members.at("token").start;
    line.put("VAULT_TOKEN=", at_token)
      .put_value(v.at("token").get_ref<const std::string&>(), at_token, text_, form::word)
      .put(" ", at_token);
  }
  line.put("vault ", main.start);
  line.put_value(v.at("vault").get_ref<const std::string&>(), main.start, text_, form::verbatim);
  if (v.contains("name")) {
    const std::size_t at_name = pos.members.at("name").start;
    line.put(" => ", at_name)
      .put_value(v.at("name").get_ref<const std::string&>(), at_name, text_, form::word);
  }
  if (!v.contains("stdin"))
    return feed(line, index_.at(pos.start));
  // The heredoc the text form would have: the marker ends the line, the text comes with it.
  const json_pos& at_stdin = pos.members.at("stdin");
  if (!v.at("stdin").is_string())
    return at(at_stdin.start, "\"stdin\" must be a string");
  std::string body = v.at("stdin").get<std::string>();
  if (!body.empty() && body.back() != '\n')
    body += '\n'; // a heredoc's text is whole lines
  line.put(" <<" + heredoc_delimiter(body), at_stdin.start);
  return feed(line, index_.at(pos.start), &body);
}

error json_reader::step(const json& v, const json_pos& pos) {
  if (v.is_object())
    return object_step(v, pos);
  if (!v.is_string())
    return at(pos.start, "a step is a string (one line of the line language) or an object "
                         "like {\"advance\": \"6h\"}");
  if (auto err = one_line(v, pos, "a step"))
    return err;
  line_builder line;
  line.put_literal(v.get_ref<const std::string&>(), pos.start, text_);
  return feed(line, index_.at(pos.start));
}

parse_result json_reader::read() {
  json doc;
  try {
    doc = json::parse(text_.begin(), text_.end());
  } catch (const json::parse_error& e) {
    return syntax_error(e);
  } catch (const json::out_of_range& e) {
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'": nlohmann gives
    // no place, so the number is found by its text.
    const std::string what = e.what();
    const std::size_t open = what.find('\'');
    const std::size_t close = what.rfind('\'');
    const std::string literal =
      open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    const std::size_t place = literal.empty() ? 0 : detail::find_number(text_, literal);
    return at(place == std::string_view::npos ? 0 : place,
              "invalid JSON: the number " + literal + " is too large for any value");
  }
  const json_pos pos = detail::scan_json_positions(text_, 5);
  if (pos.duplicate_key != std::string_view::npos) {
    const std::size_t end = detail::string_offsets(text_, pos.duplicate_key).back();
    const auto raw = text_.substr(pos.duplicate_key + 1, end - pos.duplicate_key - 1);
    return at(pos.duplicate_key, "duplicate key " + in_quotes(raw) +
                                   ": a JSON object names each key once (JSON parsers keep "
                                   "either one)");
  }
  if (!doc.is_object())
    return at(pos.start, "a JSON scenario is an object: {\"title\": \"...\", \"steps\": [...]}");
  if (auto err = check_keys(
        pos, {"title", "sources", "seed", "epoch", "config", "cluster", "github", "steps"},
        "a JSON scenario has title, sources, seed, epoch, config, cluster, github "
        "and steps"))
    return *err;
  if (auto err = header(doc, pos))
    return *err;
  if (const auto it = doc.find("steps"); it != doc.end()) {
    const json_pos& p = pos.members.at("steps");
    if (!it->is_array())
      return at(p.start, "\"steps\" must be an array");
    for (std::size_t i = 0; i < it->size(); ++i)
      if (auto err = step((*it)[i], element(p, i)))
        return *err;
  }
  if (auto err = parser_.finish())
    return *err;
  return parser_.take();
}

} // namespace

parse_result parse_scenario_json(std::string_view text, const std::string& file) {
  try {
    return json_reader(text, file).read();
  } catch (const std::exception& e) {
    return parse_error{source_loc{file, 1, 1},
                       std::string("cannot read the JSON scenario: ") + e.what()};
  }
}

} // namespace tokenlab
