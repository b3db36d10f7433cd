#pragma once
// Where things are in a JSON text. nlohmann/json parses values but forgets their places;
// this scan of the raw text (already validated by nlohmann) records where each value of
// the first levels starts, so that errors in a JSON scenario can say `file:line:col`.

#include "language/scenario.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::detail {

/// The place of one JSON value and, for objects and arrays, of what it holds.
struct json_pos {
  std::size_t start = 0;     ///< byte offset of the value's first character
  std::size_t key_start = 0; ///< object members: byte offset of the key's opening quote
  std::map<std::string, json_pos> members; ///< by decoded key (the last of duplicates)
  std::vector<json_pos> elements;
  /// On the scan's top value: where the first key repeated in its object is (its opening
  /// quote), at any recorded level; npos when no key is.
  std::size_t duplicate_key = std::string_view::npos;
};

/// Scans valid JSON `text`; records members and elements down to `depth` levels.
json_pos scan_json_positions(std::string_view text, int depth = 3);

/// Finds the number literal `literal` outside strings in `text` (a number nlohmann could not
/// hold reports only its text); npos when it is not there.
std::size_t find_number(std::string_view text, std::string_view literal);

/// For the string literal whose opening quote is at `open`: the raw offset of each byte of
/// the decoded string, plus one last entry for the closing quote.
std::vector<std::size_t> string_offsets(std::string_view text, std::size_t open);

/// Turns byte offsets of one text into 1-based line and column.
class line_index {
public:
  line_index(std::string_view text, std::string file);

  /// Returns the source location of byte `offset`.
  source_loc at(std::size_t offset) const;

private:
  std::vector<std::size_t> line_starts_;
  std::string file_;
};

} // namespace tokenlab::detail
